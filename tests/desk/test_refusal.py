"""A dossier refused with reasons is resolved, judged for timeliness, and its result is returned."""

import pytest

from motcua.dossiers.actions import (
    DossierActionError,
    do_assign_dossier,
    do_publish_result,
    do_refuse_dossier,
    do_return_result,
    do_start_processing,
    do_submit_for_decision,
)
from motcua.dossiers.error_codes import DossierErrorCode
from motcua.dossiers.models import Outcome, Status
from motcua.dossiers.timeliness import classify
from tests.desk.conftest import receive, state, vn

pytestmark = pytest.mark.django_db


def _submitted(desk):
    # Received Mon 05/06/2023 08:00, 3 working days → due Thu 08/06 08:00.
    d = receive(desk, vn(2023, 6, 5, 8, 0), result_delivery="postal")
    d = do_assign_dossier(desk.officer, d, desk.specialist, at=vn(2023, 6, 5, 8, 30))
    d = do_start_processing(desk.specialist, d, at=vn(2023, 6, 5, 9, 0))
    return do_submit_for_decision(desk.specialist, d, "Đề nghị từ chối", at=vn(2023, 6, 6, 10, 0))


def test_refusal_with_reasons_is_resolved(desk):
    d = _submitted(desk)
    reasons = ["Người đi đăng ký không phải cha, mẹ hoặc người thân thích", "Không có giấy ủy quyền"]
    d = do_refuse_dossier(desk.leader, d, reasons, at=vn(2023, 6, 6, 15, 0))
    assert (d.status, d.outcome, d.resolved_at) == (Status.REFUSED, Outcome.REFUSED, vn(2023, 6, 6, 15, 0))
    # Tue 06/06 is before the due day Thu 08/06.
    assert classify(d.resolved_at, d.due_at) == "early"
    event = d.events.get(verb="refuse")
    assert event.actor == desk.leader
    assert event.data["reasons"] == reasons
    assert event.reason == "; ".join(reasons)
    assert (event.from_status, event.to_status) == ("awaiting_decision", "refused")

    # Returned the way the applicant chose at intake (post).
    d = do_return_result(desk.officer, d, at=vn(2023, 6, 7, 8, 0))
    assert (d.status, d.return_channel, d.returned_at) == (Status.RETURNED, "postal", vn(2023, 6, 7, 8, 0))
    assert d.outcome == Outcome.REFUSED
    d = do_publish_result(desk.officer, d, portal=True, website=True, at=vn(2023, 6, 7, 9, 0))
    assert (d.published_portal, d.published_website) == (True, True)


@pytest.mark.parametrize("reasons", [[], "", ["  "], None])
def test_refusal_without_reasons_is_refused(desk, reasons):
    d = _submitted(desk)
    before = state(d)
    with pytest.raises(DossierActionError) as err:
        do_refuse_dossier(desk.leader, d, reasons, at=vn(2023, 6, 6, 15, 0))
    assert err.value.code == DossierErrorCode.REASON_REQUIRED
    assert state(d) == before


def test_refused_dossier_page_clock_says_refused_not_early(desk):
    from motcua.desk.dossier_facts import clock
    from motcua.dossiers.actions import do_assign_dossier, do_refuse_dossier, do_start_processing, do_submit_for_decision

    d = receive(desk, vn(2023, 6, 5, 8, 0))
    d = do_assign_dossier(desk.officer, d, desk.specialist, at=vn(2023, 6, 5, 8, 30))
    d = do_start_processing(desk.specialist, d, at=vn(2023, 6, 5, 9, 0))
    d = do_submit_for_decision(desk.specialist, d, at=vn(2023, 6, 5, 10, 0))
    # Refused Mon 05/06 11:00, three days before the due time: not "Giải quyết trước hạn".
    d = do_refuse_dossier(desk.leader, d, ["Không đủ điều kiện"], at=vn(2023, 6, 5, 11, 0))
    assert clock(d, vn(2023, 6, 6, 9, 0)) == {"state": "refused", "text": "Đã từ chối giải quyết"}
