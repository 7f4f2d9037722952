"""Procedures made on the catalog pages: created with every field, copied, edited (code, name, field) with history, scoped.

The page checks the line it builds with the procedures.jsonl loader's own
checks: every bad value below is loaded as a file line too, and the page must
show each of the loader's messages next to the field it names.
"""

import datetime as dt
import io
import json
from zoneinfo import ZoneInfo

import pytest

from motcua.administration.models import ChangeRecord
from motcua.catalog.models import Field, Procedure
from motcua.dossiers.models import Dossier
from motcua.exchange.exporting import export_procedures
from motcua.exchange.loading import load_jsonl
from tests.administration.conftest import section

CREATE_URL = "/quan-tri/thu-tuc/them/"


def rows(prefix, items, initial=0):
    """Return the posted rows of a list section: its management form and each row's fields."""
    data = {f"{prefix}-TOTAL_FORMS": len(items), f"{prefix}-INITIAL_FORMS": initial, f"{prefix}-MIN_NUM_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000}
    for i, item in enumerate(items):
        data.update({f"{prefix}-{i}-{k}": v for k, v in item.items()})
    return data


def full_post(env, **overrides):
    """A new procedure with every field filled in, as the page posts it."""
    Field.objects.get_or_create(code="chung-thuc", defaults={"name": "Chứng thực"})
    data = {
        "code": "2.000815", "name": "Chứng thực bản sao từ bản chính", "field": "chung-thuc", "level": "commune",
        "legal_duration_value": "2", "legal_duration_unit": "working_day",
        "reduced_duration_value": "4", "reduced_duration_unit": "working_hour",
        "mechanism": "interlinked_same_level", "online": "partial",
        "online_payment": "on", "boundary_free": "on", "process_approved": "on", "process_electronic": "on",
        "paper_result": "true", "announced_on": "2024-03-01", "abolished_on": "2030-12-31",
        "fee": "2.000 đồng/trang", "units": [env.commune_a.pk, env.commune_b.pk],
        **rows("components", [
            {"position": "1", "name": "Bản chính giấy tờ", "form": "original", "quantity": "1"},
            {"position": "2", "name": "Bản sao cần chứng thực", "form": "copy", "quantity": "2"},
            {"position": "", "name": "", "form": "original", "quantity": "1"},  # an unused blank row
        ]),
        **rows("steps", [
            {"step_id": "", "position": "1", "name": "Tiếp nhận", "role": "desk_officer", "working_hours": "0,5"},
            {"step_id": "", "position": "2", "name": "Chứng thực, ký", "role": "leader", "working_hours": "3"},
        ]),
    }
    data.update(overrides)
    return data


# The line export writes for full_post, by hand: keys in the format's order, the "0,5" typed as 0.5 hours,
# the units by code in order, the 4 working hours reduced duration within the 2 working days.
EXPECTED_LINE = (
    '{"code": "2.000815", "name": "Chứng thực bản sao từ bản chính", '
    '"field": {"code": "chung-thuc", "name": "Chứng thực"}, "level": "commune", '
    '"legal_duration": {"value": 2, "unit": "working_day"}, "reduced_duration": {"value": 4, "unit": "working_hour"}, '
    '"mechanism": "interlinked_same_level", "online": "partial", "online_payment": true, "boundary_free": true, '
    '"internal_process": {"approved": true, "electronic": true, "steps": ['
    '{"name": "Tiếp nhận", "role": "desk_officer", "working_hours": 0.5}, '
    '{"name": "Chứng thực, ký", "role": "leader", "working_hours": 3}]}, '
    '"components": [{"name": "Bản chính giấy tờ", "form": "original", "quantity": 1}, '
    '{"name": "Bản sao cần chứng thực", "form": "copy", "quantity": 2}], '
    '"paper_result": true, "announced_on": "2024-03-01", "abolished_on": "2030-12-31", "units": ["16003", "16004"]}\n'
)


def exported(code):
    out = io.StringIO()
    export_procedures(Procedure.objects.filter(code=code), out)
    return out.getvalue()


def test_a_procedure_created_with_every_field_exports_the_expected_line(as_admin, env):
    response = as_admin.post(CREATE_URL, full_post(env))
    procedure = Procedure.objects.get(code="2.000815")
    assert response.status_code == 302 and response["Location"] == f"/quan-tri/thu-tuc/{procedure.pk}/"
    assert exported("2.000815") == EXPECTED_LINE
    assert procedure.fee.text == "2.000 đồng/trang"
    record = ChangeRecord.objects.get(object_kind="procedure", object_id=str(procedure.pk))
    assert (record.actor, record.action, record.unit) == (env.admin, "thêm thủ tục", env.province)
    # A creation is a diff from nothing.
    assert record.details["code"] == [None, "2.000815"]
    assert record.details["units"] == [None, ["16003", "16004"]]
    html = as_admin.get(f"/quan-tri/thu-tuc/{procedure.pk}/").content.decode()
    assert "<b>các bước</b>: 0 bước → 2 bước: Tiếp nhận (0,5 giờ) / Chứng thực, ký (3 giờ)" in html
    assert "<b>thanh toán trực tuyến</b>: — → có" in html
    # The exported line loads back unchanged: the page and the file agree on the procedure.
    assert load_jsonl("procedures", [EXPECTED_LINE]).unchanged == 1


def test_the_create_page_offers_a_blank_form_and_the_list_links_to_it(as_admin, env):
    assert 'href="/quan-tri/thu-tuc/them/"' in as_admin.get("/quan-tri/thu-tuc/").content.decode()
    response = as_admin.get(CREATE_URL)
    assert response.status_code == 200
    assert response.context["form"].initial["code"] == ""
    assert [len(s.formset.forms) for s in response.context["sections"]] == [2, 2, 2, 2]  # papers, steps, fees, data fields: two blank rows each


def test_a_new_procedure_names_a_unit_of_the_subtree(as_admin, env):
    response = as_admin.post(CREATE_URL, full_post(env, units=[]))
    assert response.context["form"].errors["units"] == ["Chọn ít nhất một đơn vị áp dụng trong phạm vi của bạn."]
    response = as_admin.post(CREATE_URL, full_post(env, units=[env.district.pk]))
    assert response.context["form"].errors["units"] == ["Chỉ chọn đơn vị xã, phường, thị trấn (cấp thực hiện của thủ tục)."]
    response = as_admin.post(CREATE_URL, full_post(env, units=[env.other_commune.pk]))
    assert response.context["form"].errors["units"] == ["Đơn vị không thuộc phạm vi quản lý của bạn."]
    assert not Procedure.objects.filter(code="2.000815").exists()


def test_copy_is_prefilled_and_needs_a_code_of_its_own(as_admin, env):
    source = env.procedure
    source.components = [{"name": "Tờ khai", "form": "original", "quantity": 1}]
    source.save()
    response = as_admin.get(f"/quan-tri/thu-tuc/{source.pk}/sao-chep/")
    form = response.context["form"]
    assert form.initial["code"] == "" and form.initial["name"] == source.name and form.initial["field"] == "ho-tich"
    steps = section(response, "steps").formset
    # The copy's steps are new rows: no step of the source is carried over by id.
    assert [(f.initial.get("step_id"), f.initial["name"]) for f in steps.forms[:3]] == [
        (None, "Tiếp nhận, chuyển hồ sơ"), (None, "Thẩm định, dự thảo kết quả"), (None, "Ký duyệt kết quả")
    ]
    assert set(form.initial["units"]) == {env.commune_a.pk, env.commune_b.pk}

    def post(code):
        data = {k: v for k, v in form.initial.items() if v not in (None, False)} | {"code": code}
        data |= rows("steps", [{k: v for k, v in f.initial.items()} for f in steps.forms[:3]])
        data |= rows("components", [{"position": 1, "name": "Tờ khai", "form": "original", "quantity": 1}])
        return as_admin.post(f"/quan-tri/thu-tuc/{source.pk}/sao-chep/", data)

    response = post("")
    assert response.context["form"].errors["code"] == ["không được để trống"]
    response = post("1.001193")
    assert response.context["form"].errors["code"] == ['"1.001193" trùng với thủ tục đã có «Thủ tục đăng ký khai sinh»']
    assert post("1.001193.H56").status_code == 302
    copy = Procedure.objects.get(code="1.001193.H56")
    assert copy.pk != source.pk and copy.components == source.components
    assert list(copy.steps.values_list("name", "role", "working_hours")) == list(source.steps.values_list("name", "role", "working_hours"))
    assert set(copy.steps.values_list("pk", flat=True)).isdisjoint(source.steps.values_list("pk", flat=True))
    record = ChangeRecord.objects.get(object_id=str(copy.pk))
    assert record.action == "sao chép thủ tục" and record.details["copied_from"] == "1.001193"


def test_code_name_and_field_change_with_a_history_row_and_dossiers_stay(as_admin, env):
    from motcua.dossiers.actions import do_receive_dossier
    from tests.desk.conftest import APPLICANT, BACKDATED, COMPONENTS

    at = dt.datetime(2025, 6, 9, 8, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    dossier = do_receive_dossier(
        env.officer, env.commune_a, env.procedure, "counter", at, dict(APPLICANT), list(COMPONENTS), "counter", reason=BACKDATED
    )
    other_field = Field.objects.create(code="chung-thuc", name="Chứng thực")
    response = as_admin.get(f"/quan-tri/thu-tuc/{env.procedure.pk}/")
    data = {k: v for k, v in response.context["form"].initial.items() if v not in (None, False)}
    data |= {"code": "1.001193.H56", "name": "Đăng ký khai sinh (tỉnh)", "field": "chung-thuc", "units": [env.commune_a.pk, env.commune_b.pk]}
    steps = section(response, "steps").formset
    data |= rows("steps", [{k: v for k, v in f.initial.items()} for f in steps.forms[:3]], initial=3)
    response = as_admin.post(f"/quan-tri/thu-tuc/{env.procedure.pk}/", data)
    assert response.status_code == 302
    procedure = Procedure.objects.get(pk=env.procedure.pk)
    assert (procedure.code, procedure.name, procedure.field) == ("1.001193.H56", "Đăng ký khai sinh (tỉnh)", other_field)
    assert Dossier.objects.get(pk=dossier.pk).procedure_id == procedure.pk
    record = ChangeRecord.objects.get(object_kind="procedure")
    assert record.action == "sửa thủ tục" and record.actor == env.admin
    assert record.details == {
        "code": ["1.001193", "1.001193.H56"],
        "name": ["Thủ tục đăng ký khai sinh", "Đăng ký khai sinh (tỉnh)"],
        "field": ["Hộ tịch", "Chứng thực"],
    }
    html = as_admin.get(f"/quan-tri/thu-tuc/{procedure.pk}/").content.decode()
    assert "<b>mã</b>: 1.001193 → 1.001193.H56" in html
    assert "<b>lĩnh vực</b>: Hộ tịch → Chứng thực" in html


def test_an_administrator_of_another_province_cannot_see_edit_or_copy(client, env):
    from django.http import Http404

    from motcua.administration.procedure_saving import do_save_procedure, procedure_line

    client.force_login(env.other_admin)
    url = f"/quan-tri/thu-tuc/{env.procedure.pk}/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"code": "X1", "name": "Đổi"}).status_code == 404
    assert client.get(url + "sao-chep/").status_code == 404
    with pytest.raises(Http404):
        do_save_procedure(env.other_admin, env.procedure, procedure_line(env.procedure) | {"name": "Đổi"}, [], None)
    assert Procedure.objects.get(pk=env.procedure.pk).name == "Thủ tục đăng ký khai sinh"
    # What they create stays theirs: the province's administrator does not see it.
    client.post(CREATE_URL, full_post(env, units=[env.other_commune.pk]))
    created = Procedure.objects.get(code="2.000815")
    client.force_login(env.admin)
    assert client.get(f"/quan-tri/thu-tuc/{created.pk}/").status_code == 404


# ------------------------------------------------------------------ the loader's messages on the page

# A valid line; each case below breaks it the same way in the file and on the page.
BASE_LINE = {
    "code": "2.000815", "name": "Chứng thực bản sao", "field": {"code": "chung-thuc", "name": "Chứng thực"},
    "level": "commune", "legal_duration": {"value": 2, "unit": "working_day"},
    "internal_process": {"approved": False, "electronic": False, "steps": [{"name": "Tiếp nhận", "role": "desk_officer", "working_hours": 1}]},
    "components": [{"name": "Bản chính", "form": "original", "quantity": 1}],
}
BASE_FORM = {
    "code": "2.000815", "name": "Chứng thực bản sao", "field": "chung-thuc", "level": "commune",
    "legal_duration_value": "2", "legal_duration_unit": "working_day", "mechanism": "one_stop", "online": "none",
}
BASE_PAPER = {"position": "1", "name": "Bản chính", "form": "original", "quantity": "1"}
BASE_STEP = {"step_id": "", "position": "1", "name": "Tiếp nhận", "role": "desk_officer", "working_hours": "1"}


def _paper(**changes):
    return {"components": [BASE_LINE["components"][0] | changes]}


def _step(**changes):
    step = {k: v for k, v in (BASE_LINE["internal_process"]["steps"][0] | changes).items() if v is not None}
    return {"internal_process": {"approved": False, "electronic": False, "steps": [step]}}


# (case, the page's fields changed, the line's keys changed, the page's field or row where the message shows)
CASES = [
    ("code-format", {"code": "2 000815"}, {"code": "2 000815"}, "code"),
    ("code-empty", {"code": ""}, {"code": ""}, "code"),
    ("code-long", {"code": "1" * 33}, {"code": "1" * 33}, "code"),
    ("name-empty", {"name": " "}, {"name": " "}, "name"),
    ("level", {"level": "hamlet"}, {"level": "hamlet"}, "level"),
    ("legal-zero", {"legal_duration_value": "0"}, {"legal_duration": {"value": 0, "unit": "working_day"}}, "legal_duration_value"),
    ("legal-text", {"legal_duration_value": "hai"}, {"legal_duration": {"value": "hai", "unit": "working_day"}}, "legal_duration_value"),
    ("legal-fraction", {"legal_duration_value": "1,5"}, {"legal_duration": {"value": 1.5, "unit": "working_day"}}, "legal_duration_value"),
    ("legal-no-value", {"legal_duration_value": ""}, {"legal_duration": {"unit": "working_day"}}, "legal_duration_value"),
    ("legal-no-unit", {"legal_duration_unit": ""}, {"legal_duration": {"value": 2}}, "legal_duration_unit"),
    ("legal-bad-unit", {"legal_duration_unit": "week"}, {"legal_duration": {"value": 2, "unit": "week"}}, "legal_duration_unit"),
    ("legal-none", {"legal_duration_value": "", "legal_duration_unit": ""}, {"legal_duration": None}, "legal_duration_value"),
    ("same-day-value", {"legal_duration_value": "2", "legal_duration_unit": "same_day"}, {"legal_duration": {"value": 2, "unit": "same_day"}}, "legal_duration_value"),
    ("reduced-no-unit", {"reduced_duration_value": "1"}, {"reduced_duration": {"value": 1}}, "reduced_duration_unit"),
    ("mechanism", {"mechanism": "weekly"}, {"mechanism": "weekly"}, "mechanism"),
    ("online", {"online": "sometimes"}, {"online": "sometimes"}, "online"),
    ("paper-result", {"paper_result": "maybe"}, {"paper_result": "maybe"}, "paper_result"),
    ("announced", {"announced_on": "2024-02-30"}, {"announced_on": "2024-02-30"}, "announced_on"),
    ("abolished-early", {"announced_on": "2024-03-01", "abolished_on": "2024-01-01"}, {"announced_on": "2024-03-01", "abolished_on": "2024-01-01"}, "abolished_on"),
    ("paper-quantity", {"components-0-quantity": "0"}, _paper(quantity=0), "components-0-quantity"),
    ("paper-form", {"components-0-form": "photo"}, _paper(form="photo"), "components-0-form"),
    ("paper-name-long", {"components-0-name": "x" * 301}, _paper(name="x" * 301), "components-0-name"),
    ("step-hours-negative", {"steps-0-working_hours": "-1"}, _step(working_hours=-1), "steps-0-working_hours"),
    ("step-hours-precision", {"steps-0-working_hours": "1,234"}, _step(working_hours=1.234), "steps-0-working_hours"),
    ("step-hours-missing", {"steps-0-working_hours": ""}, _step(working_hours=None), "steps-0-working_hours"),
    ("step-name-empty", {"steps-0-name": " "}, _step(name=" "), "steps-0-name"),
    ("step-role-empty", {"steps-0-role": ""}, _step(role=""), "steps-0-role"),
]


def _shown(response, where):
    """Return the messages the page shows next to a field ("code") or a row's field ("steps-0-name")."""
    if "-" in where:
        key, index, name = where.split("-", 2)
        return section(response, key).formset.forms[int(index)].errors.get(name, [])
    return response.context["form"].errors.get(where, [])


@pytest.mark.parametrize("case, page_changes, line_changes, where", CASES, ids=[c[0] for c in CASES])
def test_every_loader_message_is_shown_by_the_page(as_admin, env, case, page_changes, line_changes, where):
    line = {k: v for k, v in (BASE_LINE | line_changes).items() if v is not None}
    report = load_jsonl("procedures", [json.dumps(line, ensure_ascii=False)])
    assert report.errors, case
    reasons = [reason for _, reason in report.errors]

    Field.objects.get_or_create(code="chung-thuc", defaults={"name": "Chứng thực"})
    data = BASE_FORM | {"units": [env.commune_a.pk]} | rows("components", [BASE_PAPER]) | rows("steps", [BASE_STEP])
    response = as_admin.post(CREATE_URL, data | page_changes)
    assert response.status_code == 200
    # The loader's message, said without the field's name, stands next to the field; the list on top links to it.
    assert _shown(response, where) == [reason.detail for reason in reasons]
    summary = response.context["summary"]
    assert [(message, anchor) for _, message, anchor in summary] == [(reason.detail, f"id_{where}") for reason in reasons]
    assert f'href="#id_{where}"' in response.content.decode()
    assert not Procedure.objects.filter(code__in=["2.000815", line.get("code")]).exists()


def test_a_duplicate_code_is_refused_in_the_file_and_on_the_page_alike(as_admin, env):
    line = json.dumps(BASE_LINE, ensure_ascii=False)
    report = load_jsonl("procedures", [line, line])
    assert [str(reason) for _, reason in report.errors] == ['mã thủ tục "2.000815" trùng với dòng 1']
    data = BASE_FORM | {"code": "1.001193", "units": [env.commune_a.pk]} | rows("components", [BASE_PAPER]) | rows("steps", [BASE_STEP])
    Field.objects.get_or_create(code="chung-thuc", defaults={"name": "Chứng thực"})
    response = as_admin.post(CREATE_URL, data)
    assert response.context["form"].errors["code"] == ['"1.001193" trùng với thủ tục đã có «Thủ tục đăng ký khai sinh»']


def test_the_create_page_and_its_messages_in_english(env):
    from tests.administration.test_english import check, english

    client = english(env.admin)
    html = client.get(CREATE_URL).content.decode()
    check(
        html,
        ["Add a procedure", "Procedure details", "Procedure code", "Handling mechanism", "Interlinked at the same level",
         "Online payment", "The result is a document", "Announced on", "Abolished on", "Choose a field", "Dossier documents",
         "Internal workflow"],
        ["Thêm thủ tục", "Mã thủ tục", "Cơ chế giải quyết", "Ngày công bố", "Chọn lĩnh vực"],
    )
    Field.objects.get_or_create(code="chung-thuc", defaults={"name": "Chứng thực"})
    response = client.post(CREATE_URL, full_post(env, units=[]))
    html = response.content.decode()
    check(html, ["Not saved: 1 error(s) to correct.", "Choose at least one applying unit among those you manage."], ["Chưa lưu"])


def test_a_procedure_moves_to_another_level_with_units_of_that_level(as_admin, env):
    response = as_admin.get(f"/quan-tri/thu-tuc/{env.procedure.pk}/")
    data = {k: v for k, v in response.context["form"].initial.items() if v not in (None, False)}
    data |= rows("steps", [dict(f.initial) for f in section(response, "steps").formset.forms[:3]], initial=3)
    # Still the communes ticked: refused, they are not of the district level.
    response = as_admin.post(f"/quan-tri/thu-tuc/{env.procedure.pk}/", data | {"level": "district"})
    assert response.context["form"].errors["units"] == ["Chỉ chọn đơn vị huyện, quận, thị xã (cấp thực hiện của thủ tục)."]
    response = as_admin.post(f"/quan-tri/thu-tuc/{env.procedure.pk}/", data | {"level": "district", "units": [env.district.pk]})
    assert response.status_code == 302
    procedure = Procedure.objects.get(pk=env.procedure.pk)
    assert procedure.level.code == "district" and list(procedure.units.all()) == [env.district]
    assert ChangeRecord.objects.get(object_kind="procedure").details["units"] == [["16003", "16004"], ["388"]]
