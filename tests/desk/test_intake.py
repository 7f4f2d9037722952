"""Receiving a dossier at the counter, and refusing papers there (no dossier, no code)."""

import datetime as dt

import pytest
from django.utils import timezone

from motcua.dossiers.actions import DossierActionError, do_refuse_at_counter
from motcua.dossiers.error_codes import DossierErrorCode as E
from motcua.dossiers.models import CounterRefusal, DailySequence, Dossier, Status
from tests.desk.conftest import APPLICANT, make_procedure, receive, state, vn

pytestmark = pytest.mark.django_db


def test_receipt_issues_code_due_time_and_first_event(desk):
    d = receive(desk, vn(2023, 6, 5, 8, 0), channel="postal", result_delivery="online")
    assert d.code == "H56.20.03-230605-0001"
    assert d.due_at == vn(2023, 6, 8, 8, 0)
    assert (d.status, d.version, d.assignee) == (Status.RECEIVED, 1, None)
    assert d.current_step.position == 1
    assert (d.channel, d.result_delivery) == ("postal", "online")
    assert (d.applicant_kind, d.applicant_name, d.applicant_id_number) == ("citizen", "Nguyễn Văn A", "038090001234")
    assert d.components[2] == {"name": "Căn cước công dân của người đi đăng ký", "form": "copy", "quantity": 1}
    assert d.components[0]["quantity"] == 1
    event = d.events.get()
    assert (event.verb, event.actor, event.at, event.from_status, event.to_status) == (
        "receive",
        desk.officer,
        vn(2023, 6, 5, 8, 0),
        "",
        "received",
    )
    assert event.data["after"]["code"] == d.code
    assert event.data["after"]["due_at"] == "2023-06-08T08:00:00+07:00"


def test_reduced_duration_is_the_one_committed(desk):
    procedure = make_procedure("2.000001", value=5, reduced_duration_value=2, reduced_duration_unit="working_day")
    # Mon 05/06 08:00 + 2 working days = Wed 07/06 08:00.
    assert receive(desk, vn(2023, 6, 5, 8, 0), procedure=procedure).due_at == vn(2023, 6, 7, 8, 0)


def test_same_day_procedure_received_after_15h_is_due_the_next_day(desk):
    procedure = make_procedure("2.000002", value=None, unit="same_day", steps=False)
    assert receive(desk, vn(2023, 6, 5, 14, 0), procedure=procedure).due_at == vn(2023, 6, 5, 17, 0)
    assert receive(desk, vn(2023, 6, 5, 15, 30), procedure=procedure).due_at == vn(2023, 6, 6, 17, 0)
    assert receive(desk, vn(2023, 6, 5, 15, 30), procedure=procedure).current_step is None


def test_organisation_needs_no_citizen_id(desk):
    d = receive(desk, vn(2023, 6, 5, 8, 0), applicant={"kind": "organisation", "name": "Công ty TNHH Hoằng Lưu"})
    assert (d.applicant_kind, d.applicant_id_number) == ("organisation", "")


def _refused(desk, code, **overrides):
    before = state()
    with pytest.raises(DossierActionError) as err:
        receive(desk, vn(2023, 6, 5, 8, 0), **overrides)
    assert err.value.code == code, err.value.message
    assert state() == before
    return err.value.message


def test_only_the_units_desk_officer_receives(desk):
    _refused(desk, E.FORBIDDEN_ROLE, actor=desk.specialist)
    _refused(desk, E.OUT_OF_SCOPE, actor=desk.officer_b)
    # District oversight sees the commune but does not receive for it.
    _refused(desk, E.FORBIDDEN_ROLE, actor=desk.oversight)
    desk.officer.is_active = False
    desk.officer.save()
    _refused(desk, E.INACTIVE_USER)


def test_procedure_must_be_in_force_on_the_receipt_date(desk):
    desk.procedure.abolished_on = dt.date(2023, 6, 5)
    desk.procedure.save()
    assert "05/06/2023" in _refused(desk, E.PROCEDURE_NOT_IN_FORCE)
    desk.procedure.abolished_on = None
    desk.procedure.announced_on = dt.date(2023, 6, 6)
    desk.procedure.save()
    _refused(desk, E.PROCEDURE_NOT_IN_FORCE)


def test_procedure_must_apply_to_the_unit(desk):
    desk.procedure.units.set([desk.unit_b])
    assert "Xã Hoằng Lưu" in _refused(desk, E.PROCEDURE_NOT_APPLICABLE)
    desk.procedure.units.add(desk.unit)
    assert receive(desk, vn(2023, 6, 5, 8, 0)).code.endswith("-0001")


def test_unit_must_exist_on_the_receipt_date(desk):
    desk.unit.valid_to = dt.date(2023, 6, 4)
    desk.unit.save()
    assert _refused(desk, E.UNIT_NOT_IN_FORCE) == "Xã Hoằng Lưu không còn hoạt động vào ngày 05/06/2023"


def test_a_backdated_receipt_needs_a_reason(desk):
    # 05/06/2023 08:00 is long before now: refused without a reason, nothing written.
    message = _refused(desk, E.REASON_REQUIRED, reason="  ")
    assert message.startswith("thời điểm tiếp nhận 08:00 05/06/2023 sớm hơn hiện tại quá 10 phút: cần ghi lý do")
    d = receive(desk, vn(2023, 6, 5, 8, 0), reason="Hệ thống gián đoạn, nhận trên giấy")
    event = d.events.get(verb="receive")
    assert event.reason == "Hệ thống gián đoạn, nhận trên giấy"
    assert event.data["backdated"] is True


def test_a_receipt_a_few_minutes_ago_needs_no_reason(desk):
    # Filling the form takes minutes: 3 minutes ago is not backdated; 11 minutes ago is.
    unit = desk.unit
    now = timezone.now()
    d = receive(desk, now - dt.timedelta(minutes=3), reason="")
    assert "backdated" not in d.events.get(verb="receive").data
    with pytest.raises(DossierActionError) as err:
        receive(desk, now - dt.timedelta(minutes=11), reason="")
    assert err.value.code == E.REASON_REQUIRED
    assert Dossier.objects.filter(unit=unit).count() == 1


def test_a_date_before_the_unit_existed_says_not_yet(desk):
    # Founded 01/07/2025 (the 2025 merger); a receipt dated 05/06/2023 used to say "không còn hoạt động".
    desk.unit.valid_from = dt.date(2025, 7, 1)
    desk.unit.save()
    message = _refused(desk, E.UNIT_NOT_IN_FORCE)
    assert message == "Xã Hoằng Lưu chưa hoạt động vào ngày 05/06/2023 (hoạt động từ 01/07/2025)"


@pytest.mark.parametrize(
    "id_number, fragment",
    [("", "cần ghi số định danh"), ("03809000123", "12 chữ số"), ("999090001234", "mã tỉnh"), ("038790001234", "thế kỷ")],
)
def test_citizen_id_is_validated(desk, id_number, fragment):
    assert fragment in _refused(desk, E.INVALID_ID_NUMBER, applicant={**APPLICANT, "id_number": id_number})


@pytest.mark.parametrize(
    "applicant",
    [None, {"kind": "citizen", "id_number": "038090001234"}, {**APPLICANT, "kind": "robot"}, {**APPLICANT, "age": 3}],
)
def test_applicant_is_validated(desk, applicant):
    _refused(desk, E.INVALID_APPLICANT, applicant=applicant)


@pytest.mark.parametrize(
    "components",
    ["Tờ khai", [{"form": "copy"}], [{"name": "Tờ khai", "form": "scan"}], [{"name": "Tờ khai", "quantity": 0}]],
)
def test_components_are_validated(desk, components):
    _refused(desk, E.INVALID_COMPONENTS, components=components)


def test_channels_and_times_are_validated(desk):
    _refused(desk, E.INVALID_CHANNEL, channel="fax")
    _refused(desk, E.INVALID_RESULT_DELIVERY, result_delivery="pigeon")
    _refused(desk, E.INVALID_TIME, received_at=dt.datetime(2023, 6, 5, 8, 0))
    _refused(desk, E.INVALID_TIME, received_at=vn(2999, 1, 1, 8, 0))


def test_procedure_without_duration_is_refused(desk):
    procedure = make_procedure("2.000003", value=None)
    _refused(desk, E.PROCEDURE_WITHOUT_DURATION, procedure=procedure)


def test_refusal_at_the_counter_creates_no_dossier(desk):
    refusal = do_refuse_at_counter(
        desk.officer,
        desk.unit,
        desk.procedure,
        {"name": "Trần Thị B", "id_number": "038190001234"},
        ["Không thuộc thẩm quyền giải quyết của UBND xã"],
        at=vn(2023, 6, 5, 8, 0),
    )
    assert (refusal.kind, refusal.applicant_name, refusal.reasons) == (
        "refused",
        "Trần Thị B",
        ["Không thuộc thẩm quyền giải quyết của UBND xã"],
    )
    instructed = do_refuse_at_counter(
        desk.officer, desk.unit, desk.procedure, {"name": "Lê Văn C"}, "Thiếu giấy chứng sinh", "instructed", at=vn(2023, 6, 5, 8, 10)
    )
    assert instructed.reasons == ["Thiếu giấy chứng sinh"]
    assert not Dossier.objects.exists() and not DailySequence.objects.exists()
    assert CounterRefusal.objects.count() == 2
    assert receive(desk, vn(2023, 6, 5, 8, 20)).code == "H56.20.03-230605-0001"


def test_refusal_at_the_counter_is_checked(desk):
    args = (desk.unit, desk.procedure, {"name": "Trần Thị B"})
    cases = [
        (E.REASON_REQUIRED, (desk.officer, *args, []), {}),
        (E.INVALID_KIND, (desk.officer, *args, ["x"], "maybe"), {}),
        (E.FORBIDDEN_ROLE, (desk.leader, *args, ["x"]), {}),
        (E.OUT_OF_SCOPE, (desk.officer_b, *args, ["x"]), {}),
        (E.INVALID_APPLICANT, (desk.officer, desk.unit, None, {"name": " "}, ["x"]), {}),
    ]
    for code, call_args, kwargs in cases:
        with pytest.raises(DossierActionError) as err:
            do_refuse_at_counter(*call_args, **kwargs)
        assert err.value.code == code
    assert not CounterRefusal.objects.exists()
