"""A procedure's own data at intake: the values are checked, kept, recorded in the receipt event, shown and printed."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from motcua.catalog.data_fields import check_definitions
from motcua.dossiers.actions import DossierActionError
from motcua.dossiers.error_codes import DossierErrorCode as E
from motcua.dossiers.models import Dossier
from motcua.dossiers.online import do_submit_online_dossier
from motcua.forms import render_form
from tests.api.conftest import ApiClient, intake_body
from tests.api.conftest import world  # noqa: F401
from tests.desk.conftest import BACKDATED, make_procedure, receive, state, vn
from tests.forms.conftest import pdf_text

pytestmark = pytest.mark.django_db

BIRTH_FIELDS, _ = check_definitions([
    {"key": "child_name", "label": "Họ, chữ đệm, tên người được khai sinh", "type": "text", "required": True, "max": 100},
    {"key": "child_sex", "label": "Giới tính", "type": "choice", "required": True,
     "choices": [{"value": "nam", "label": "Nam"}, {"value": "nu", "label": "Nữ"}]},
    {"key": "birth_date", "label": "Ngày, tháng, năm sinh", "type": "date", "required": True, "max": "today"},
    {"key": "birth_place", "label": "Nơi sinh", "type": "text", "required": True},
    {"key": "father_name", "label": "Họ, chữ đệm, tên người cha", "type": "text"},
])
CHILD = {"child_name": "Nguyễn Thị Hoa", "child_sex": "nu", "birth_date": "2023-05-28", "birth_place": "Trạm Y tế xã Hoằng Lưu"}


@pytest.fixture
def birth(desk):
    desk.procedure.data_fields = BIRTH_FIELDS
    desk.procedure.save()
    return desk


def test_intake_keeps_the_values_and_the_receipt_event_records_them(birth):
    dossier = receive(birth, vn(2023, 6, 5, 8, 0), data=dict(CHILD, father_name=""))
    # The blank father's name is left out (PostgreSQL's jsonb keeps no key order: pages order by the catalog).
    assert Dossier.objects.get(pk=dossier.pk).data == CHILD
    assert dossier.events.get().data["after"]["data"] == CHILD


def test_bad_values_refuse_the_intake_naming_each_field_and_change_nothing(birth):
    before = state()
    with pytest.raises(DossierActionError) as err:
        receive(birth, vn(2023, 6, 5, 8, 0), data={"child_name": "Nguyễn Thị Hoa", "child_sex": "gai", "birth_date": "2023-06-06", "colour": "đỏ"})
    assert err.value.code == E.INVALID_DATA
    assert err.value.field_errors == {
        "colour": 'thủ tục không có mục dữ liệu "colour" (có: child_name, child_sex, birth_date, birth_place, father_name)',
        "child_sex": '«Giới tính» không có lựa chọn "gai" (chọn một trong: Nam, Nữ)',
        # Received on 05/06/2023: a birth on 06/06/2023 is after the day of receipt.
        "birth_date": "«Ngày, tháng, năm sinh» không được sau hôm nay, nhận được 06/06/2023",
        "birth_place": "cần ghi «Nơi sinh»",
    }
    assert state() == before


def test_a_procedure_without_data_fields_refuses_any_value(desk):
    with pytest.raises(DossierActionError) as err:
        receive(desk, vn(2023, 6, 5, 8, 0), data={"pages": 3})
    assert err.value.field_errors == {"pages": 'thủ tục không có mục dữ liệu "pages" (thủ tục không khai báo mục dữ liệu nào)'}


def test_receipt_and_control_sheet_print_label_and_value(birth):
    dossier = receive(birth, vn(2023, 6, 5, 8, 0), data=CHILD)
    for form in ("receipt", "control_sheet"):
        text = pdf_text(render_form(dossier, form))
        assert "Thông tin của thủ tục:" in text
        assert "Họ, chữ đệm, tên người được khai sinh: Nguyễn Thị Hoa" in text
        # The choice's label and the date as people write it.
        assert "Giới tính: Nữ" in text
        assert "Ngày, tháng, năm sinh: 28/05/2023" in text


def test_receipt_of_a_dossier_without_data_has_no_data_heading(desk):
    text = pdf_text(render_form(receive(desk, vn(2023, 6, 5, 8, 0)), "receipt"))
    assert "Thông tin của thủ tục" not in text


# ---------------------------------------------------------------- the desk's pages


def intake_post(desk, **overrides) -> dict:
    data = {
        "procedure": str(desk.procedure.pk),
        "channel": "counter",
        "applicant_kind": "citizen",
        "applicant_name": "Trần Thị Bích",
        "applicant_id_number": "038190004321",
        "result_delivery": "counter",
        "comp-0-name": "Tờ khai đăng ký khai sinh",
        "comp-0-form": "original",
        "comp-0-quantity": "1",
        "data__child_name": "Nguyễn Thị Hoa",
        "data__child_sex": "nu",
        "data__birth_date": "2023-05-28",
        "data__birth_place": "Trạm Y tế xã Hoằng Lưu",
    }
    data.update(overrides)
    return data


@pytest.fixture
def officer(birth):
    client = Client()
    client.force_login(birth.officer)
    return client


def test_the_chosen_procedure_brings_its_fields_to_the_intake_page(birth, officer):
    page = officer.get(f"/can-bo/tiep-nhan/thu-tuc/{birth.procedure.pk}/").content.decode()
    assert 'name="data__child_name"' in page and 'maxlength="100"' in page
    assert 'name="data__birth_date"' in page and 'type="date"' in page
    assert '<option value="nu">Nữ</option>' in page
    assert "Thông tin của thủ tục" in page


def test_desk_intake_keeps_the_values_and_shows_them_on_the_dossier_page(birth, officer):
    response = officer.post("/can-bo/tiep-nhan/", intake_post(birth, **{"data__birth_date": "28/05/2023"}))
    assert response.status_code == 302, response.content.decode()[:2000]
    dossier = Dossier.objects.get()
    assert dossier.data == CHILD
    page = officer.get(f"/can-bo/ho-so/{dossier.code}/").content.decode()
    assert '<dd data-key="child_name">Nguyễn Thị Hoa</dd>' in page
    assert '<dd data-key="birth_date">28/05/2023</dd>' in page
    assert '<dd data-key="child_sex">Nữ</dd>' in page


def test_desk_intake_refuses_bad_values_next_to_their_fields(birth, officer):
    response = officer.post("/can-bo/tiep-nhan/", intake_post(birth, **{"data__child_name": "", "data__birth_date": "30/02/2023"}))
    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="err-data__child_name">Cần ghi mục này.' in page
    assert 'id="err-data__birth_date">Ngày không hợp lệ, hãy chọn ngày hoặc ghi theo dạng dd/mm/yyyy.' in page
    # What was typed is shown again.
    assert 'value="Trạm Y tế xã Hoằng Lưu"' in page
    assert not Dossier.objects.exists()


def test_a_value_only_the_action_refuses_is_shown_next_to_its_field(birth, officer):
    # The form has no bound on a date relative to the receipt: received on 05/06/2023, born 06/06/2023.
    response = officer.post("/can-bo/tiep-nhan/", intake_post(birth, received_at="2023-06-05T08:00", backdate_reason=BACKDATED, **{"data__birth_date": "2023-06-06"}))
    assert response.status_code == 422
    assert "«Ngày, tháng, năm sinh» không được sau hôm nay, nhận được 06/06/2023." in response.content.decode()
    assert not Dossier.objects.exists()


# ---------------------------------------------------------------- the API and the online way in


def test_api_intake_keeps_the_values_and_refuses_bad_ones_with_each_reason(world):  # noqa: F811
    world.procedure.data_fields = BIRTH_FIELDS
    world.procedure.save()
    client = world.client["officer"]
    bad = client.post_json("/api/dossiers", intake_body(data={"child_name": "Nguyễn Thị Hoa", "child_sex": "x", "birth_date": "2023-05-28", "birth_place": "Trạm Y tế"}))
    assert bad.status_code == 422
    assert bad.json()["code"] == "invalid_data"
    assert bad.json()["details"]["errors"] == {"child_sex": '«Giới tính» không có lựa chọn "x" (chọn một trong: Nam, Nữ)'}
    good = client.post_json("/api/dossiers", intake_body(data=CHILD))
    assert good.status_code == 201, good.content.decode()
    assert good.json()["data"] == CHILD
    assert good.json()["events"][0]["data"]["after"]["data"] == CHILD
    procedure = client.get(f"/api/procedures/{world.procedure.code}").json()
    assert [f["key"] for f in procedure["data_fields"]] == ["child_name", "child_sex", "birth_date", "birth_place", "father_name"]


def test_online_submission_checks_and_keeps_the_values(birth, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    birth.procedure.online = "full"
    birth.procedure.save()
    applicant = {"name": "Trần Thị Bích", "id_number": "038190004321", "phone": "0987654321"}
    paper = [("Tờ khai", SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n"))]
    with pytest.raises(DossierActionError) as err:
        do_submit_online_dossier(birth.unit, birth.procedure, applicant, paper, at=vn(2023, 6, 5, 9, 0), data={"child_sex": "nu"})
    assert set(err.value.field_errors) == {"child_name", "birth_date", "birth_place"}
    assert not Dossier.objects.exists() and not [p for p in tmp_path.rglob("*") if p.is_file()]
    paper = [("Tờ khai", SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n"))]
    dossier = do_submit_online_dossier(birth.unit, birth.procedure, applicant, paper, at=vn(2023, 6, 5, 9, 0), data=CHILD)
    assert Dossier.objects.get(pk=dossier.pk).data == CHILD
    assert json.loads(json.dumps(dossier.events.get(verb="receive").data))["after"]["data"] == CHILD


def test_the_fields_speak_english_around_the_catalogs_vietnamese_labels(birth):
    client = Client()
    client.force_login(birth.officer)
    client.cookies["django_language"] = "en"
    page = client.get(f"/can-bo/tiep-nhan/thu-tuc/{birth.procedure.pk}/").content.decode()
    assert "Procedure details" in page and "— Choose —" in page
    response = client.post("/can-bo/tiep-nhan/", intake_post(birth, **{"data__child_name": "", "data__birth_date": "2023-02-30"}))
    page = response.content.decode()
    assert 'id="err-data__child_name">This field is required.' in page
    assert 'id="err-data__birth_date">Not a valid date: pick a day or write it as dd/mm/yyyy.' in page
