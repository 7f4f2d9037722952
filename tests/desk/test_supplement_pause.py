"""A supplement request stops the clock: the due time moves later by the working time spent waiting."""

import pytest

from motcua.dossiers.actions import (
    do_approve_dossier,
    do_assign_dossier,
    do_receive_supplement,
    do_request_supplement,
    do_return_result,
    do_start_processing,
    do_submit_for_decision,
)
from motcua.dossiers.models import Status, Supplement
from motcua.dossiers.timeliness import classify
from tests.desk.conftest import receive, vn

pytestmark = pytest.mark.django_db


def test_wait_over_a_weekend_moves_the_due_time_by_the_working_time_waited(desk):
    # Received Mon 05/06/2023 08:00, 3 working days of 8 h (07:00–11:30, 13:30–17:00):
    # Mon 08:00–11:30 3.5 h + 13:30–17:00 3.5 h = 7 h, Tue 07:00–08:00 1 h → one day
    # ends Tue 08:00, three days end Thu 08/06 08:00.
    d = receive(desk, vn(2023, 6, 5, 8, 0))
    assert d.due_at == vn(2023, 6, 8, 8, 0)
    d = do_assign_dossier(desk.officer, d, desk.specialist, at=vn(2023, 6, 5, 8, 30))
    d = do_start_processing(desk.specialist, d, at=vn(2023, 6, 5, 9, 0))

    # Requested Wed 07/06 16:00, papers back Mon 12/06 10:00. Working time waited:
    # Wed 16:00–17:00 1 h + Thu 8 h + Fri 8 h + Sat, Sun 0 + Mon 07:00–10:00 3 h = 20 h.
    d = do_request_supplement(desk.specialist, d, "Bổ sung bản chính giấy chứng sinh", at=vn(2023, 6, 7, 16, 0))
    assert d.status == Status.AWAITING_SUPPLEMENT
    assert d.paused_since == vn(2023, 6, 7, 16, 0)
    assert d.due_at == vn(2023, 6, 8, 8, 0)

    d = do_receive_supplement(desk.officer, d, at=vn(2023, 6, 12, 10, 0))
    # Thu 08/06 08:00 + 20 h: Thu 08:00–17:00 7 h (13 h left), Fri 8 h (5 h left), Sat,
    # Sun off, Mon 12/06 07:00–11:30 4.5 h (0.5 h left), 13:30 + 0.5 h → Mon 12/06 14:00.
    # Cross-check: 22 h ran before the pause (Mon 7 h, Tue 8 h, Wed 07:00–16:00 7 h),
    # 2 h after it (Mon 10:00–11:30, 13:30–14:00): 24 h = 3 working days.
    assert d.due_at == vn(2023, 6, 12, 14, 0)
    assert d.status == Status.PROCESSING
    assert d.paused_since is None
    supplement = Supplement.objects.get(dossier=d)
    assert (supplement.requested_at, supplement.received_at) == (vn(2023, 6, 7, 16, 0), vn(2023, 6, 12, 10, 0))
    event = d.events.get(verb="receive_supplement")
    assert event.data["waited_minutes"] == 20 * 60
    assert event.data["before"]["due_at"] == vn(2023, 6, 8, 8, 0).isoformat()
    assert event.data["after"]["due_at"] == vn(2023, 6, 12, 14, 0).isoformat()

    d = do_submit_for_decision(desk.specialist, d, at=vn(2023, 6, 12, 11, 0))
    # Signed Mon 13:45: after the receipt's appointment but before the due time in force.
    d = do_approve_dossier(desk.leader, d, at=vn(2023, 6, 12, 13, 45))
    assert classify(d.resolved_at, d.due_at) == "on_time"
    d = do_return_result(desk.officer, d, at=vn(2023, 6, 12, 15, 0))
    assert d.status == Status.RETURNED
    assert d.received_at == vn(2023, 6, 5, 8, 0)
    assert list(d.events.values_list("verb", flat=True)) == [
        "receive",
        "assign",
        "start_processing",
        "request_supplement",
        "receive_supplement",
        "submit_for_decision",
        "approve",
        "return_result",
    ]


def test_wait_over_the_2023_reunification_holidays(desk):
    # rules.md: received Thu 27/04/2023 09:00 with 3 working days → due Fri 05/05 09:00
    # (29/04 – 03/05 off).
    d = receive(desk, vn(2023, 4, 27, 9, 0))
    assert d.due_at == vn(2023, 5, 5, 9, 0)
    d = do_request_supplement(desk.officer, d, "Thiếu tờ khai", at=vn(2023, 4, 27, 15, 0))
    # Waited: Thu 27/04 15:00–17:00 2 h + Fri 28/04 8 h + 29/04–03/05 off
    # + Thu 04/05 07:00–08:00 1 h = 11 h.
    d = do_receive_supplement(desk.officer, d, at=vn(2023, 5, 4, 8, 0))
    # Fri 05/05 09:00 + 11 h: Fri 09:00–11:30 2.5 h + 13:30–17:00 3.5 h (5 h left),
    # Sat, Sun off, Mon 08/05 07:00–11:30 4.5 h (0.5 h left) → Mon 08/05 14:00.
    assert d.due_at == vn(2023, 5, 8, 14, 0)
    # Requested from "received": the dossier goes back to the desk's queue.
    assert d.status == Status.RECEIVED


def test_restart_counts_the_whole_duration_again_from_the_papers_arrival(desk):
    d = receive(desk, vn(2023, 6, 5, 8, 0))
    d = do_request_supplement(desk.officer, d, "Thiếu tờ khai", at=vn(2023, 6, 7, 16, 0))
    d = do_receive_supplement(desk.officer, d, restart=True, at=vn(2023, 6, 12, 10, 0))
    # Mon 12/06 10:00 + 3 working days = Thu 15/06 10:00.
    assert d.due_at == vn(2023, 6, 15, 10, 0)


def test_wait_entirely_outside_working_hours_does_not_move_the_due_time(desk):
    d = receive(desk, vn(2023, 6, 5, 8, 0))
    # Fri 09/06 17:30 → Sat 10/06 09:00: no working time.
    d = do_request_supplement(desk.officer, d, "Thiếu tờ khai", at=vn(2023, 6, 5, 17, 30))
    d = do_receive_supplement(desk.officer, d, at=vn(2023, 6, 6, 6, 45))
    assert d.due_at == vn(2023, 6, 8, 8, 0)
    assert d.events.get(verb="receive_supplement").data["waited_minutes"] == 0
