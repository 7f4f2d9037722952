"""An apology sets a new appointment but the due time stays, and the dossier counts as late."""

import pytest

from motcua.dossiers.actions import (
    DossierActionError,
    do_approve_dossier,
    do_assign_dossier,
    do_hand_over_dossier,
    do_issue_apology,
    do_start_processing,
    do_submit_for_decision,
)
from motcua.dossiers.error_codes import DossierErrorCode
from motcua.dossiers.models import Apology
from motcua.dossiers.timeliness import classify
from tests.desk.conftest import receive, state, vn

pytestmark = pytest.mark.django_db


def _processing(desk):
    # Received Mon 05/06/2023 08:00, 3 working days → due Thu 08/06 08:00.
    d = receive(desk, vn(2023, 6, 5, 8, 0))
    d = do_assign_dossier(desk.officer, d, desk.specialist, at=vn(2023, 6, 5, 8, 30))
    return do_start_processing(desk.specialist, d, at=vn(2023, 6, 5, 9, 0))


def test_late_dossier_with_an_apology_still_counts_late(desk):
    d = _processing(desk)
    # Wed 07/06 16:00: 1 h (Wed 16:00–17:00) + 1 h (Thu 07:00–08:00) = 2 h left, less
    # than one working day's notice: the apology is due.
    d = do_issue_apology(
        desk.leader, d, vn(2023, 6, 9, 17, 0), "Chờ xác minh thông tin nơi sinh", at=vn(2023, 6, 7, 16, 0)
    )
    apology = Apology.objects.get(dossier=d)
    assert apology.issued_at == vn(2023, 6, 7, 16, 0)
    assert apology.new_due_at == vn(2023, 6, 9, 17, 0)
    assert d.due_at == vn(2023, 6, 8, 8, 0)
    d = do_submit_for_decision(desk.specialist, d, at=vn(2023, 6, 9, 9, 0))
    # Resolved Fri 09/06 10:00: before the new appointment, after the due time.
    d = do_approve_dossier(desk.leader, d, at=vn(2023, 6, 9, 10, 0))
    assert d.due_at == vn(2023, 6, 8, 8, 0)
    assert classify(d.resolved_at, d.due_at) == "late"
    event = d.events.get(verb="issue_apology")
    assert event.from_status == event.to_status == "processing"
    assert event.data["new_due_at"] == vn(2023, 6, 9, 17, 0).isoformat()
    assert event.reason == "Chờ xác minh thông tin nơi sinh"
    # 2 working hours before the due time, less than one working day: accepted, recorded as sent late.
    assert event.data["late"] is True


def test_apology_after_the_due_time_is_allowed(desk):
    d = _processing(desk)
    d = do_issue_apology(desk.officer, d, vn(2023, 6, 12, 17, 0), "Chậm trễ", at=vn(2023, 6, 8, 9, 0))
    assert d.apologies.count() == 1
    # Every late dossier earns its apology; one issued after the due time is sent late.
    assert d.events.get(verb="issue_apology").data["late"] is True


def test_apology_refused_while_there_is_enough_time_left(desk):
    d = _processing(desk)
    before = state(d)
    # Mon 05/06 10:00: Mon 10:00–11:30 1.5 h + 13:30–17:00 3.5 h, Tue 8 h, Wed 8 h,
    # Thu 07:00–08:00 1 h = 22 h left; the steps still ahead (the assignment started step 2) need 12 + 4 = 16 h.
    with pytest.raises(DossierActionError) as err:
        do_issue_apology(desk.leader, d, vn(2023, 6, 9, 17, 0), "Chậm trễ", at=vn(2023, 6, 5, 10, 0))
    assert err.value.code == DossierErrorCode.APOLOGY_NOT_DUE
    assert "22 giờ làm việc" in err.value.message
    assert state(d) == before


def test_apology_due_when_the_remaining_steps_need_more_than_the_time_left(desk):
    d = _processing(desk)
    d = do_hand_over_dossier(desk.specialist, d, desk.specialist, "Đã kiểm tra", at=vn(2023, 6, 5, 9, 30))
    # Tue 06/06 09:00: Tue 2.5 h + 3.5 h, Wed 8 h, Thu 1 h = 15 h left; steps 2 and 3
    # still need 12 + 4 = 16 h → the dossier will be late.
    d = do_issue_apology(desk.leader, d, vn(2023, 6, 9, 17, 0), "Hồ sơ phức tạp", at=vn(2023, 6, 6, 9, 0))
    assert d.apologies.count() == 1
    # 15 h ahead of the due time, more than one working day: sent in time.
    assert d.events.get(verb="issue_apology").data["late"] is False


def test_a_late_apology_is_shown_as_sent_late(desk, client):
    d = _processing(desk)
    d = do_issue_apology(desk.leader, d, vn(2023, 6, 9, 17, 0), "Chờ xác minh", at=vn(2023, 6, 7, 16, 0))
    client.force_login(desk.officer)
    html = client.get(f"/can-bo/ho-so/{d.code}/").content.decode()
    # The apologies table and the history both say so; the due time in the history is Thu 08/06 08:00.
    assert 'class="badge late apology-late">gửi muộn</span>' in html
    assert "Gửi muộn: chưa đủ một ngày làm việc trước hạn 08:00 08/06/2023" in html
    # The apology form explains both rules.
    assert "gửi chậm nhất một ngày làm việc trước hạn giải quyết" in html
    assert "Mỗi hồ sơ chỉ được hẹn lại một lần" in html


@pytest.mark.parametrize("new_due", [vn(2023, 6, 8, 8, 0), vn(2023, 6, 7, 17, 0)])
def test_new_appointment_must_be_after_the_due_time(desk, new_due):
    d = _processing(desk)
    before = state(d)
    with pytest.raises(DossierActionError) as err:
        do_issue_apology(desk.leader, d, new_due, "Chậm trễ", at=vn(2023, 6, 7, 16, 0))
    assert err.value.code == DossierErrorCode.INVALID_NEW_DUE
    assert state(d) == before


def test_apology_needs_a_reason(desk):
    d = _processing(desk)
    with pytest.raises(DossierActionError) as err:
        do_issue_apology(desk.leader, d, vn(2023, 6, 9, 17, 0), "  ", at=vn(2023, 6, 7, 16, 0))
    assert err.value.code == DossierErrorCode.REASON_REQUIRED
    assert not Apology.objects.exists()


def test_a_past_date_is_refused_as_past_not_as_before_the_due_time(desk):
    d = _processing(desk)
    before = state(d)
    # Apologising Thu 08/06 09:00 (after the due time Thu 08:00) with a new date Wed 07/06 17:00:
    # the date is past — the old message said "phải sau hạn hiện tại 08:00 08/06/2023".
    with pytest.raises(DossierActionError) as err:
        do_issue_apology(desk.leader, d, vn(2023, 6, 7, 17, 0), "Chậm trễ", at=vn(2023, 6, 8, 9, 0))
    assert err.value.code == DossierErrorCode.INVALID_NEW_DUE
    assert str(err.value.message) == "ngày hẹn lại 17:00 07/06/2023 đã qua: phải sau thời điểm xin lỗi 09:00 08/06/2023"
    assert state(d) == before


def test_a_dossier_is_re_dated_once(desk):
    d = _processing(desk)
    d = do_issue_apology(desk.officer, d, vn(2023, 6, 12, 17, 0), "Chậm trễ", at=vn(2023, 6, 8, 9, 0))
    before = state(d)
    with pytest.raises(DossierActionError) as err:
        do_issue_apology(desk.officer, d, vn(2023, 6, 14, 17, 0), "Chậm nữa", at=vn(2023, 6, 12, 9, 0))
    assert err.value.code == DossierErrorCode.INVALID_NEW_DUE
    assert "chỉ được hẹn lại một lần" in str(err.value.message)
    assert "09:00 08/06/2023, hẹn 17:00 12/06/2023" in str(err.value.message)
    assert state(d) == before
