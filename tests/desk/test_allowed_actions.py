"""allowed_actions: what a user may do with a dossier now, for the UI."""

import pytest

from motcua.dossiers import actions as a
from motcua.dossiers.lifecycle import TRANSITIONS, allowed_actions
from motcua.dossiers.models import Status
from tests.desk.conftest import make_procedure, receive, vn

pytestmark = pytest.mark.django_db


def test_allowed_actions_follow_status_role_unit_and_holder(desk):
    d = receive(desk, vn(2023, 6, 5, 8, 0))
    assert allowed_actions(desk.officer, d) == [
        "assign", "request_supplement", "issue_apology", "withdraw", "stop", "attach_file", "exempt_paper", "correct_applicant",
        # Fees (motcua.payments): the payment panel shows them only when the dossier has a fee.
        "record_payment", "exempt_fee", "refund_payment",
    ]
    assert allowed_actions(desk.leader, d) == ["assign", "request_supplement", "issue_apology", "correct_applicant", "exempt_fee"]
    assert allowed_actions(desk.specialist, d) == ["request_supplement", "attach_file", "exempt_paper"]
    assert allowed_actions(desk.officer_b, d) == []
    assert allowed_actions(desk.oversight, d) == []

    d = a.do_assign_dossier(desk.officer, d, desk.specialist, at=vn(2023, 6, 5, 8, 30))
    assert "start_processing" in allowed_actions(desk.specialist, d)
    assert "start_processing" not in allowed_actions(desk.specialist2, d)
    d = a.do_start_processing(desk.specialist, d, at=vn(2023, 6, 5, 9, 0))
    assert allowed_actions(desk.specialist, d) == [
        "hand_over", "request_supplement", "submit_for_decision", "attach_file", "exempt_paper"
    ]
    assert "hand_over" in allowed_actions(desk.leader, d)
    d = a.do_submit_for_decision(desk.specialist, d, at=vn(2023, 6, 5, 9, 30))
    assert allowed_actions(desk.leader, d) == [
        "request_supplement", "send_back", "approve", "refuse", "issue_apology", "correct_applicant", "exempt_fee"
    ]


def test_transfer_offered_only_for_interlinked_procedures(desk):
    d = receive(desk, vn(2023, 6, 5, 8, 0), procedure=make_procedure("1.000003", mechanism="interlinked_same_level"))
    d = a.do_assign_dossier(desk.officer, d, desk.specialist, at=vn(2023, 6, 5, 8, 30))
    d = a.do_start_processing(desk.specialist, d, at=vn(2023, 6, 5, 9, 0))
    assert "transfer" in allowed_actions(desk.specialist, d)
    plain = receive(desk, vn(2023, 6, 5, 8, 0))
    plain = a.do_assign_dossier(desk.officer, plain, desk.specialist, at=vn(2023, 6, 5, 8, 30))
    plain = a.do_start_processing(desk.specialist, plain, at=vn(2023, 6, 5, 9, 0))
    assert "transfer" not in allowed_actions(desk.specialist, plain)


def test_transition_table_is_consistent():
    for verb, transition in TRANSITIONS.items():
        assert transition.sources <= set(Status.values), verb
        assert transition.target is None or transition.target in Status.values, verb
        assert transition.roles, verb
    # Resolved dossiers can no longer be worked on.
    for status in ("approved", "refused", "withdrawn", "stopped", "returned"):
        assert not {"assign", "hand_over", "approve", "refuse", "withdraw", "stop"} & {
            v for v, t in TRANSITIONS.items() if status in t.sources
        }
    # Nor digitized once they ended without a result.
    for status in ("withdrawn", "stopped"):
        assert status not in TRANSITIONS["attach_file"].sources
        assert status not in TRANSITIONS["exempt_paper"].sources
