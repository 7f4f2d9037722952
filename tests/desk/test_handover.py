"""Hand-overs move a dossier through its procedure's steps, each recorded for Mẫu 06."""

import pytest

from motcua.dossiers import actions as a
from motcua.dossiers.error_codes import DossierActionError
from motcua.dossiers.error_codes import DossierErrorCode as E
from motcua.dossiers.models import Handover
from tests.desk.conftest import make_procedure, receive, state, vn

pytestmark = pytest.mark.django_db


@pytest.fixture
def processing(desk):
    d = receive(desk, vn(2023, 6, 5, 8, 0))
    d = a.do_assign_dossier(desk.officer, d, desk.specialist, at=vn(2023, 6, 5, 8, 30))
    return a.do_start_processing(desk.specialist, d, at=vn(2023, 6, 5, 9, 0))


def test_hand_over_to_the_next_steps(desk, processing):
    d = a.do_hand_over_dossier(desk.specialist, processing, desk.specialist2, "Đủ điều kiện", at=vn(2023, 6, 5, 10, 0))
    assert (d.current_step.position, d.assignee, d.status) == (2, desk.specialist2, "processing")
    # The assignment already started step 2; a colleague of the same role takes it on within that step.
    first = Handover.objects.get()
    assert (first.step_name, first.to_step_name, first.from_user, first.to_user, first.result) == (
        "Thẩm định, dự thảo kết quả",
        "Thẩm định, dự thảo kết quả",
        desk.specialist,
        desk.specialist2,
        "Đủ điều kiện",
    )
    # Step 3 is the leader's: the dossier goes on only to a leader (or a colleague within step 2), not to the desk.
    before = state(d)
    with pytest.raises(DossierActionError) as err:
        a.do_hand_over_dossier(desk.specialist2, d, desk.officer, at=vn(2023, 6, 5, 11, 0))
    assert err.value.code == E.INVALID_ASSIGNEE
    assert "Ký duyệt kết quả" in err.value.message
    assert state(d) == before
    # The previous holder no longer holds it.
    with pytest.raises(DossierActionError) as err:
        a.do_hand_over_dossier(desk.specialist, d, desk.leader, at=vn(2023, 6, 5, 11, 0))
    assert err.value.code == E.NOT_ASSIGNEE
    # Handing over to the leader's step submits the dossier for decision.
    d = a.do_hand_over_dossier(desk.specialist2, d, desk.leader, "Dự thảo giấy khai sinh", at=vn(2023, 6, 5, 11, 0))
    assert (d.current_step.position, d.assignee, d.status) == (3, desk.leader, "awaiting_decision")
    assert d.events.filter(verb="hand_over").count() == 2

    # Sent back: to the specialist who handed it over, at the step before the leader's.
    d = a.do_send_back_dossier(desk.leader, d, "Ghi sai ngày sinh", at=vn(2023, 6, 5, 13, 30))
    assert (d.status, d.current_step.position, d.assignee) == ("processing", 2, desk.specialist2)
    back = Handover.objects.order_by("-id").first()
    assert (back.from_user, back.to_user, back.step_name, back.to_step_name, back.result) == (
        desk.leader,
        desk.specialist2,
        "Ký duyệt kết quả",
        "Thẩm định, dự thảo kết quả",
        "Ghi sai ngày sinh",
    )
    d = a.do_hand_over_dossier(desk.specialist2, d, desk.leader, "Đã sửa", at=vn(2023, 6, 5, 14, 0))
    d = a.do_approve_dossier(desk.leader, d, at=vn(2023, 6, 5, 14, 30))
    assert d.status == "approved"
    assert Handover.objects.count() == 4


def test_no_step_after_the_last_one(desk):
    procedure = make_procedure("2.000004")
    procedure.steps.filter(position=3).update(role="specialist")
    d = receive(desk, vn(2023, 6, 5, 8, 0), procedure=procedure)
    d = a.do_assign_dossier(desk.officer, d, desk.specialist, at=vn(2023, 6, 5, 8, 30))
    d = a.do_start_processing(desk.specialist, d, at=vn(2023, 6, 5, 9, 0))
    # The assignment started step 2; one hand-over reaches step 3, the last.
    d = a.do_hand_over_dossier(desk.specialist, d, desk.specialist, at=vn(2023, 6, 5, 10, 0))
    assert (d.status, d.current_step.position) == ("processing", 3)
    before = state(d)
    with pytest.raises(DossierActionError) as err:
        a.do_hand_over_dossier(desk.specialist, d, desk.specialist, at=vn(2023, 6, 5, 11, 5))
    assert err.value.code == E.NO_NEXT_STEP
    assert state(d) == before
    # Without a leader's step the specialist submits for decision.
    d = a.do_submit_for_decision(desk.specialist, d, at=vn(2023, 6, 5, 11, 10))
    assert d.status == "awaiting_decision"


def test_replaced_steps_leave_the_handover_names(desk, processing):
    a.do_hand_over_dossier(desk.specialist, processing, desk.specialist2, at=vn(2023, 6, 5, 10, 0))
    # A procedure reload replaces the steps (motcua/exchange deletes and recreates them).
    desk.procedure.steps.all().delete()
    handover = Handover.objects.get()
    assert (handover.step, handover.to_step) == (None, None)
    assert handover.to_step_name == "Thẩm định, dự thảo kết quả"
