"""Catalog pages: search, deadlines, units, steps; changes never move the due time of dossiers already received."""

import datetime as dt
from zoneinfo import ZoneInfo

from motcua.administration.models import ChangeRecord, ProcedureFee
from motcua.administration.procedure_forms import ProcedureForm
from motcua.administration.procedure_saving import procedure_line
from motcua.catalog.models import Field, Procedure, ProcedureStep
from tests.administration.conftest import errors_of, section
from tests.desk.conftest import APPLICANT, BACKDATED, COMPONENTS

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def edit_url(procedure):
    return f"/quan-tri/thu-tuc/{procedure.pk}/"


def post_data(procedure, steps=None, **overrides):
    """Return the edit form as the page would post it, with the procedure's current values."""
    if steps is None:
        steps = [
            {"step_id": s.pk, "position": s.position, "name": s.name, "role": s.role, "working_hours": s.working_hours}
            for s in procedure.steps.order_by("position")
        ]
    data = {k: v for k, v in ProcedureForm.initial_from(procedure_line(procedure)).items() if v not in (False, None)}
    data.update({
        "fee": "",
        "units": [u.pk for u in procedure.units.all()],
        "steps-TOTAL_FORMS": len(steps),
        "steps-INITIAL_FORMS": sum(1 for s in steps if s.get("step_id")),
        "steps-MIN_NUM_FORMS": 0,
        "steps-MAX_NUM_FORMS": 1000,
    })
    for i, step in enumerate(steps):
        for key, value in step.items():
            data[f"steps-{i}-{key}"] = "on" if value is True else value
    data.update(overrides)
    return data


def snapshot(procedure):
    procedure = Procedure.objects.get(pk=procedure.pk)
    return (
        Procedure.objects.filter(pk=procedure.pk).values().get(),
        sorted(procedure.units.values_list("code", flat=True)),
        list(procedure.steps.values_list("position", "name", "role", "working_hours")),
        list(ProcedureFee.objects.values()),
        ChangeRecord.objects.count(),
    )


def test_search_ignores_accents_and_filters_by_field(as_admin, env):
    other_field = Field.objects.create(code="chung-thuc", name="Chứng thực")
    Procedure.objects.create(
        code="2.000815", name="Chứng thực bản sao từ bản chính", field=other_field, level=env.procedure.level,
        legal_duration_value=1, legal_duration_unit="working_day",
    )
    found = as_admin.get("/quan-tri/thu-tuc/", {"q": "dang ky khai sinh"}).context["procedures"]
    assert [p.code for p in found] == ["1.001193"]
    found = as_admin.get("/quan-tri/thu-tuc/", {"q": "CHUNG THUC"}).context["procedures"]
    assert [p.code for p in found] == ["2.000815"]
    found = as_admin.get("/quan-tri/thu-tuc/", {"field": other_field.pk}).context["procedures"]
    assert [p.code for p in found] == ["2.000815"]
    assert as_admin.get("/quan-tri/thu-tuc/", {"q": "xay dung"}).context["procedures"] == []


def test_reduced_duration_longer_than_legal_is_refused_on_its_field(as_admin, env):
    before = snapshot(env.procedure)
    data = post_data(env.procedure, reduced_duration_value=4, reduced_duration_unit="working_day")
    response = as_admin.post(edit_url(env.procedure), data)
    assert response.status_code == 200
    assert errors_of(response, "reduced_duration_value") == [
        "Thời hạn cắt giảm (4 ngày làm việc) không được dài hơn thời hạn theo quy định (3 ngày làm việc)."
    ]
    assert 'aria-invalid="true"' in response.content.decode()
    assert snapshot(env.procedure) == before


def test_reduced_in_hours_is_compared_with_legal_days(as_admin, env):
    # 3 working days = 24 working hours; 25 hours is longer.
    response = as_admin.post(edit_url(env.procedure), post_data(env.procedure, reduced_duration_value=25, reduced_duration_unit="working_hour"))
    assert errors_of(response, "reduced_duration_value")
    # 20 hours fits, but the steps (18 h) still fit too: saved.
    response = as_admin.post(edit_url(env.procedure), post_data(env.procedure, reduced_duration_value=20, reduced_duration_unit="working_hour"))
    assert response.status_code == 302
    assert Procedure.objects.get(pk=env.procedure.pk).committed_duration == (20, "working_hour")


def test_steps_longer_than_committed_duration_are_refused(as_admin, env):
    before = snapshot(env.procedure)
    # Reduced to 2 working days = 16 hours; the steps hold 2 + 12 + 4 = 18 hours.
    response = as_admin.post(edit_url(env.procedure), post_data(env.procedure, reduced_duration_value=2, reduced_duration_unit="working_day"))
    assert response.status_code == 200
    assert section(response, "steps").errors == [
        "Tổng thời gian các bước là 18 giờ làm việc, vượt thời hạn cam kết 2 ngày làm việc (16 giờ làm việc)."
    ]
    assert snapshot(env.procedure) == before


def test_steps_are_reordered_removed_and_added(as_admin, env):
    first, second, third = env.procedure.steps.order_by("position")
    steps = [
        {"step_id": first.pk, "position": 2, "name": first.name, "role": first.role, "working_hours": "2"},
        {"step_id": second.pk, "position": 1, "name": "Thẩm định hồ sơ", "role": "specialist", "working_hours": "10"},
        {"step_id": third.pk, "position": 3, "name": third.name, "role": third.role, "working_hours": "4", "DELETE": True},
        {"step_id": "", "position": 3, "name": "Trả kết quả", "role": "desk_officer", "working_hours": "1.5"},
        {"step_id": "", "position": "", "name": "", "role": "desk_officer", "working_hours": ""},  # unused extra row
    ]
    response = as_admin.post(edit_url(env.procedure), post_data(env.procedure, steps=steps, fee="Miễn lệ phí"))
    assert response.status_code == 302
    rows = list(env.procedure.steps.order_by("position").values_list("pk", "position", "name", "working_hours"))
    assert [(r[1], r[2], float(r[3])) for r in rows] == [
        (1, "Thẩm định hồ sơ", 10.0),
        (2, "Tiếp nhận, chuyển hồ sơ", 2.0),
        (3, "Trả kết quả", 1.5),
    ]
    # Kept steps keep their rows (dossiers point at them).
    assert rows[0][0] == second.pk and rows[1][0] == first.pk
    assert not ProcedureStep.objects.filter(pk=third.pk).exists()
    assert ProcedureFee.objects.get(procedure=env.procedure).text == "Miễn lệ phí"
    record = ChangeRecord.objects.get(object_kind="procedure")
    assert record.actor == env.admin and record.action == "sửa thủ tục"
    assert record.details["fee"] == ["", "Miễn lệ phí"]


def test_step_row_without_hours_gets_a_message(as_admin, env):
    before = snapshot(env.procedure)
    steps = [{"step_id": "", "position": 1, "name": "Thẩm định", "role": "specialist", "working_hours": ""}]
    response = as_admin.post(edit_url(env.procedure), post_data(env.procedure, steps=steps))
    assert response.status_code == 200
    # The loader's message for a step without "working_hours", said without the field's name.
    assert section(response, "steps").formset.forms[0].errors["working_hours"] == ["chưa có (trường bắt buộc)"]
    assert snapshot(env.procedure) == before


def test_forged_unit_outside_the_subtree_is_refused(as_admin, env):
    before = snapshot(env.procedure)
    data = post_data(env.procedure, units=[env.commune_a.pk, env.other_commune.pk])
    response = as_admin.post(edit_url(env.procedure), data)
    assert response.status_code == 200
    assert errors_of(response, "units") == ["Đơn vị không thuộc phạm vi quản lý của bạn."]
    assert snapshot(env.procedure) == before


def test_units_outside_the_subtree_are_kept(client, env):
    env.procedure.units.add(env.other_commune)
    client.force_login(env.district_admin)
    data = post_data(env.procedure, units=[env.commune_b.pk])
    assert client.post(edit_url(env.procedure), data).status_code == 302
    assert sorted(env.procedure.units.values_list("code", flat=True)) == ["16004", "17001"]


def test_procedure_of_another_province_is_404(client, env):
    env.procedure.units.set([env.commune_a])
    client.force_login(env.other_admin)
    assert client.get(edit_url(env.procedure)).status_code == 404
    assert client.post(edit_url(env.procedure), post_data(env.procedure, online="full")).status_code == 404
    assert env.procedure.online == Procedure.objects.get(pk=env.procedure.pk).online
    assert env.procedure.code not in client.get("/quan-tri/thu-tuc/").content.decode()


def test_duration_change_applies_only_to_dossiers_received_afterwards(as_admin, env):
    from motcua.dossiers.actions import do_receive_dossier

    def receive(at):
        return do_receive_dossier(
            env.officer, env.commune_a, Procedure.objects.get(pk=env.procedure.pk), "counter", at,
            dict(APPLICANT), list(COMPONENTS), "counter", reason=BACKDATED,
        )

    monday = dt.datetime(2025, 6, 9, 8, 0, tzinfo=VN)
    old = receive(monday)
    # Monday 08:00: 7 h left that day, then Tue 8 h, Wed 8 h, 1 h on Thursday → Thursday 08:00.
    assert old.due_at == dt.datetime(2025, 6, 12, 8, 0, tzinfo=VN)
    steps = [
        {"step_id": s.pk, "position": s.position, "name": s.name, "role": s.role, "working_hours": s.working_hours}
        for s in env.procedure.steps.order_by("position")
    ]
    response = as_admin.post(edit_url(env.procedure), post_data(env.procedure, steps=steps, legal_duration_value=5))
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.due_at == dt.datetime(2025, 6, 12, 8, 0, tzinfo=VN)
    # Five working days from Monday 08:00: 7 + 8 + 8 + 8 + 8 = 39 h by Friday's end, 1 h more → next Monday 08:00.
    assert receive(monday).due_at == dt.datetime(2025, 6, 16, 8, 0, tzinfo=VN)


def test_step_with_open_dossiers_cannot_be_removed(as_admin, env):
    from motcua.dossiers.actions import do_receive_dossier

    dossier = do_receive_dossier(
        env.officer, env.commune_a, env.procedure, "counter", dt.datetime(2025, 6, 9, 8, 0, tzinfo=VN),
        dict(APPLICANT), list(COMPONENTS), "counter", reason=BACKDATED,
    )
    first = dossier.current_step
    steps = [
        {"step_id": s.pk, "position": s.position, "name": s.name, "role": s.role, "working_hours": s.working_hours, "DELETE": s.pk == first.pk}
        for s in env.procedure.steps.order_by("position")
    ]
    before = snapshot(env.procedure)
    response = as_admin.post(edit_url(env.procedure), post_data(env.procedure, steps=steps))
    assert section(response, "steps").errors == [f"Không xóa được bước «{first.name}»: còn 1 hồ sơ đang ở bước này."]
    assert snapshot(env.procedure) == before


def test_field_code_must_be_a_slug_and_only_province_admins_add_fields(client, env):
    client.force_login(env.admin)
    response = client.post("/quan-tri/linh-vuc/", {"code": "đất đai", "name": "Đất đai", "kind": "land"})
    assert errors_of(response, "code") == ["Mã chỉ gồm chữ không dấu, số, gạch ngang hoặc gạch dưới."]
    assert not Field.objects.filter(name="Đất đai").exists()
    response = client.post("/quan-tri/linh-vuc/", {"code": "ho-tich", "name": "Hộ tịch 2", "kind": ""})
    assert errors_of(response, "code") == ["Mã lĩnh vực «ho-tich» đã có."]
    assert client.post("/quan-tri/linh-vuc/", {"code": "dat-dai", "name": "Đất đai", "kind": "land"}).status_code == 302
    assert Field.objects.get(code="dat-dai").kind == "land"
    client.force_login(env.district_admin)
    assert client.post("/quan-tri/linh-vuc/", {"code": "xay-dung", "name": "Xây dựng", "kind": ""}).status_code == 404
    assert not Field.objects.filter(code="xay-dung").exists()


def test_save_over_a_newer_change_is_refused(as_admin, env):
    page = as_admin.get(edit_url(env.procedure))
    state = page.context["form"].initial["state"]
    # Someone else saves first (the online level changes).
    assert as_admin.post(edit_url(env.procedure), post_data(env.procedure, online="partial", state=state)).status_code == 302
    before = snapshot(env.procedure)
    response = as_admin.post(edit_url(env.procedure), post_data(env.procedure, legal_duration_value=4, state=state))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Thủ tục vừa được người khác sửa; tải lại trang để xem bản mới rồi sửa lại."
    ]
    assert snapshot(env.procedure) == before


def test_field_is_renamed_with_history(as_admin, env):
    field = env.procedure.field
    response = as_admin.post(f"/quan-tri/linh-vuc/{field.pk}/", {"code": "khac", "name": "", "kind": ""})
    assert errors_of(response, "name") == ["Trường này là bắt buộc."]
    assert as_admin.post(f"/quan-tri/linh-vuc/{field.pk}/", {"code": "khac", "name": "Hộ tịch, quốc tịch", "kind": ""}).status_code == 302
    field.refresh_from_db()
    # The code is not editable: a forged one is ignored.
    assert (field.code, field.name) == ("ho-tich", "Hộ tịch, quốc tịch")
    assert ChangeRecord.objects.get().details == {"name": ["Hộ tịch", "Hộ tịch, quốc tịch"]}


def test_forged_step_of_another_procedure_is_refused(as_admin, env):
    from tests.desk.conftest import make_procedure

    other = make_procedure(code="1.000894")
    foreign = other.steps.first()
    steps = [{"step_id": foreign.pk, "position": 1, "name": "Đổi tên", "role": "specialist", "working_hours": "2"}]
    before, other_steps = snapshot(env.procedure), list(other.steps.values())
    response = as_admin.post(edit_url(env.procedure), post_data(env.procedure, steps=steps))
    assert section(response, "steps").errors == ["Bước xử lý không thuộc thủ tục này."]
    assert snapshot(env.procedure) == before
    assert list(other.steps.values()) == other_steps
