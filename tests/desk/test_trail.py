"""The step trail follows the dossier's events, the same on the page, in Mẫu 06 and in the API (issue 13).

Procedure of four steps (hand-worked on 07:00–11:30, 13:30–17:00, June 2023, no holiday):
1 Tiếp nhận (desk, 2 h) · 2 Thẩm định (specialist, 12 h) · 3 Ký duyệt (leader, 4 h) · 4 Trả kết quả (desk, 2 h).
"""

import re

import pytest
from django.utils import timezone

from motcua.accounts.models import Role, User
from motcua.api.serialize import dossier_detail
from motcua.catalog.models import ProcedureStep
from motcua.desk.dossier_facts import page_facts
from motcua.desk.worklist import Filters, select_dossiers
from motcua.dossiers.actions import (
    do_approve_dossier,
    do_assign_dossier,
    do_hand_over_dossier,
    do_receive_back_dossier,
    do_receive_supplement,
    do_refuse_dossier,
    do_request_supplement,
    do_return_result,
    do_send_back_dossier,
    do_start_processing,
    do_submit_for_decision,
    do_transfer_dossier,
    do_withdraw_dossier,
)
from motcua.dossiers.stopping import do_stop_dossier
from motcua.dossiers.trail import dossier_trail
from motcua.forms.render import render_html
from tests.desk.conftest import make_procedure, receive, vn

pytestmark = pytest.mark.django_db

STEPS = [
    (1, "Tiếp nhận hồ sơ", Role.DESK_OFFICER, 2),
    (2, "Thẩm định hồ sơ", Role.SPECIALIST, 12),
    (3, "Ký duyệt kết quả", Role.LEADER, 4),
    (4, "Trả kết quả", Role.DESK_OFFICER, 2),
]


def four_steps(code="2.000001", **extra):
    procedure = make_procedure(code, steps=False, **extra)
    for position, name, role, hours in STEPS:
        ProcedureStep.objects.create(procedure=procedure, position=position, name=name, role=role, working_hours=hours)
    return procedure


def name(user):
    return user.get_full_name() or user.username


def seen(d):
    """(state, who) per step on the page, and who the page says handles the dossier now."""
    facts = page_facts(d)
    rows = []
    for row in facts["steps"]:
        who = row["holder"] or row["actor"]
        rows.append((row["state"], name(who) if who else ""))
    return rows, facts["holder"]


def agree(d, user):
    """The dossier's fields, its trail and the API name the same current step and holder (issue 13: one source)."""
    d.refresh_from_db()
    trail = dossier_trail(d)
    step = trail.current.step if trail.current is not None else None
    assert (d.current_step, d.assignee_id) == (step, trail.holder_id)
    api = dossier_detail(d, user)["current_step"]
    assert (api or {}).get("position") == (step.position if step else None)
    # The worklist's "Tôi đang xử lý" lists it for the holder alone; "Chưa phân công" when nobody holds it.
    for person in User.objects.filter(unit=d.unit):
        mine = select_dossiers(person, Filters(assignee="me")).filter(pk=d.pk).exists()
        assert mine == (person.pk == trail.holder_id), person
    unassigned = select_dossiers(user, Filters(assignee="none")).filter(pk=d.pk).exists()
    assert unassigned == (trail.holder_id is None)
    return d


def sheet_steps(d) -> str:
    """The text of Mẫu 06's step table (section II)."""
    html = render_html(d, "control_sheet")
    part = html.split("II. Các bước giải quyết", 1)[1]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", part))


def test_main_path_with_a_send_back(desk):
    o, s, lead = desk.officer, desk.specialist, desk.leader
    d = receive(desk, vn(2023, 6, 5, 8, 0), procedure=four_steps())
    # Received by Lê Thị Lan; with the desk, nobody assigned yet ("Chưa phân công" in the worklist).
    assert seen(d) == ([("current", name(o)), ("pending", ""), ("pending", ""), ("pending", "")], "Cán bộ một cửa")
    assert agree(d, lead).assignee is None

    d = do_assign_dossier(o, d, s, at=vn(2023, 6, 5, 8, 30))
    # The desk's step is over; the specialist's has started (the issue: step 1 stayed "in progress").
    assert seen(d) == ([("done", name(o)), ("current", name(s)), ("pending", ""), ("pending", "")], name(s))
    assert (agree(d, lead).current_step.position, d.assignee) == (2, s)
    trail = dossier_trail(d)
    assert (trail.steps[0].started_at, trail.steps[0].ended_at) == (vn(2023, 6, 5, 8, 0), vn(2023, 6, 5, 8, 30))
    assert trail.steps[0].timeliness == "on_time"  # 0.5 h of 2 h, same day
    assert trail.steps[1].started_at == vn(2023, 6, 5, 8, 30)

    d = do_start_processing(s, d, at=vn(2023, 6, 5, 9, 0))
    agree(d, lead)
    d = do_submit_for_decision(s, d, at=vn(2023, 6, 6, 15, 0))
    # Submitted: step 2 done, the leaders' step runs (the issue: step 2 stayed in progress).
    assert seen(d) == ([("done", name(o)), ("done", name(s)), ("current", ""), ("pending", "")], "Lãnh đạo")
    # With the leaders, no one of them in particular: off the specialist's "Tôi đang xử lý".
    assert (agree(d, lead).current_step.position, d.assignee) == (3, None)
    # Mon 08:30 + 12 h = Tue 14:30 (6.5 h Monday, 5.5 h Tuesday): ended 15:00, late.
    assert dossier_trail(d).steps[1].timeliness == "late"
    assert dossier_detail(d, desk.leader)["current_step"]["position"] == 3

    d = do_send_back_dossier(lead, d, "Bổ sung ý kiến thẩm định", at=vn(2023, 6, 6, 16, 0))
    assert seen(d) == ([("done", name(o)), ("current", name(s)), ("pending", ""), ("pending", "")], name(s))
    assert (agree(d, lead).current_step.position, d.assignee) == (2, s)

    d = do_submit_for_decision(s, d, at=vn(2023, 6, 7, 8, 0))
    agree(d, lead)
    d = do_approve_dossier(lead, d, at=vn(2023, 6, 7, 9, 0))
    # Approved, not yet returned: step 4 runs with the desk (the issue: it showed "Đã xong").
    assert seen(d) == ([("done", name(o)), ("done", name(s)), ("done", name(lead)), ("current", "")], "Cán bộ một cửa")
    assert (agree(d, lead).current_step.position, d.assignee) == (4, None)
    trail = dossier_trail(d)
    # Leader: Tue 15:00–16:00 and Wed 08:00–09:00 = 2 h of 4 h; the 2 h it was back with the specialist
    # are not the leader's: due Tue 15:00 + 6 h = Wed 11:00; ended Wed 09:00, same day → on time.
    assert trail.steps[2].spent.total_seconds() == 2 * 3600
    assert trail.steps[2].timeliness == "on_time"
    assert dossier_detail(d, desk.leader)["current_step"]["position"] == 4
    text = sheet_steps(d)
    assert "Ký duyệt kết quả" in text and "Đang thực hiện" in text

    d = do_return_result(o, d, at=vn(2023, 6, 7, 10, 0))
    # Returned: nobody handles it any more (the issue: the specialist stayed "Người đang xử lý").
    assert seen(d) == ([("done", name(o)), ("done", name(s)), ("done", name(lead)), ("done", name(o))], "")
    assert (agree(d, lead).current_step, d.assignee) == (None, None)
    assert dossier_detail(d, desk.leader)["current_step"] is None
    text = sheet_steps(d)
    # Mẫu 06: each step with who did it, when it started and ended, and its timeliness.
    assert "1 Tiếp nhận hồ sơ Lê Thị Lan 2 08 giờ 00 phút, ngày 05/06/2023 08 giờ 30 phút, ngày 05/06/2023 Đúng hạn" in text
    assert "2 Thẩm định hồ sơ Trần Văn Hùng 12 08 giờ 30 phút, ngày 05/06/2023 08 giờ 00 phút, ngày 07/06/2023 Quá hạn" in text
    assert "3 Ký duyệt kết quả chutich 4 15 giờ 00 phút, ngày 06/06/2023 09 giờ 00 phút, ngày 07/06/2023 Đúng hạn" in text
    assert "Quá hạn" in text and "Đang thực hiện" not in text and "Chưa đến" not in text


def test_supplement_hand_over_and_refusal(desk):
    o, s, lead = desk.officer, desk.specialist, desk.leader
    d = receive(desk, vn(2023, 6, 5, 8, 0), procedure=four_steps())
    d = do_assign_dossier(o, d, s, at=vn(2023, 6, 5, 8, 30))
    d = do_start_processing(s, d, at=vn(2023, 6, 5, 9, 0))
    d = do_request_supplement(s, d, "Thiếu giấy chứng sinh", at=vn(2023, 6, 5, 10, 0))
    assert seen(d)[0][1] == ("paused", name(s))
    # Paused, still the specialist's: it waits for the applicant at step 2.
    assert (agree(d, lead).current_step.position, d.assignee) == (2, s)
    assert "Tạm dừng" in sheet_steps(d)
    d = do_receive_supplement(o, d, at=vn(2023, 6, 6, 10, 0))
    assert seen(d)[0][1] == ("current", name(s))
    # The desk officer took the papers in; the step stays the specialist's.
    assert (agree(d, lead).current_step.position, d.assignee) == (2, s)
    # Handed to a colleague within the specialist's step: the step goes on in other hands.
    s2 = desk.specialist2
    d = do_hand_over_dossier(s, d, s2, "Chuyển người thẩm định", at=vn(2023, 6, 6, 10, 30))
    assert seen(d) == ([("done", name(o)), ("current", name(s2)), ("pending", ""), ("pending", "")], name(s2))
    assert (agree(d, lead).current_step.position, d.assignee) == (2, s2)
    d = do_hand_over_dossier(s2, d, lead, "Đủ điều kiện", at=vn(2023, 6, 6, 11, 0))
    assert seen(d) == ([("done", name(o)), ("done", name(s2)), ("current", name(lead)), ("pending", "")], name(lead))
    assert (agree(d, lead).current_step.position, d.assignee) == (3, lead)
    # 08:30–10:00 and 10:00–11:00 the next day: 2.5 h of work; the wait is the applicant's.
    assert dossier_trail(d).steps[1].spent.total_seconds() == 2.5 * 3600
    assert dossier_trail(d).steps[1].timeliness == "early"
    d = do_refuse_dossier(lead, d, ["Không đủ điều kiện"], at=vn(2023, 6, 6, 13, 30))
    assert seen(d) == ([("done", name(o)), ("done", name(s2)), ("done", name(lead)), ("current", "")], "Cán bộ một cửa")
    assert (agree(d, lead).current_step.position, d.assignee) == (4, None)
    d = do_return_result(o, d, at=vn(2023, 6, 6, 14, 0))
    assert seen(d)[1] == ""
    assert (agree(d, lead).current_step, d.assignee) == (None, None)


def test_reassign_withdraw(desk):
    o, s, s2 = desk.officer, desk.specialist, desk.specialist2
    d = receive(desk, vn(2023, 6, 5, 8, 0), procedure=four_steps())
    d = do_assign_dossier(o, d, s, at=vn(2023, 6, 5, 8, 30))
    d = do_assign_dossier(o, d, s2, at=vn(2023, 6, 5, 9, 0))
    # Re-assigned at the specialist's step: the step stays, its holder changes.
    assert seen(d) == ([("done", name(o)), ("current", name(s2)), ("pending", ""), ("pending", "")], name(s2))
    assert (agree(d, desk.leader).current_step.position, d.assignee) == (2, s2)
    d = do_withdraw_dossier(o, d, "Người nộp xin rút", at=vn(2023, 6, 5, 10, 0))
    assert seen(d) == ([("done", name(o)), ("stopped", name(o)), ("skipped", ""), ("skipped", "")], "")
    assert (agree(d, desk.leader).current_step, d.assignee) == (None, None)
    assert "Không thực hiện" in sheet_steps(d)


def test_transfer_and_back(desk):
    o, s = desk.officer, desk.specialist
    d = receive(desk, vn(2023, 6, 5, 8, 0), procedure=four_steps("2.000002", mechanism="interlinked_across_levels"))
    d = do_assign_dossier(o, d, s, at=vn(2023, 6, 5, 8, 30))
    d = do_start_processing(s, d, at=vn(2023, 6, 5, 9, 0))
    d = do_transfer_dossier(s, d, "Chi cục Thuế", at=vn(2023, 6, 5, 10, 0))
    trail = dossier_trail(d)
    assert (trail.steps[1].state, trail.steps[1].away_at) == ("paused", "Chi cục Thuế")
    assert (agree(d, desk.leader).current_step.position, d.assignee) == (2, s)
    d = do_receive_back_dossier(o, d, "Đã xác nhận", at=vn(2023, 6, 6, 10, 0))
    # The desk took the papers back; the specialist's step goes on in the specialist's hands, who may submit.
    assert seen(d)[0][1] == ("current", name(s))
    assert (agree(d, desk.leader).current_step.position, d.assignee) == (2, s)
    assert timezone.is_aware(dossier_trail(d).steps[1].started_at)
    d = do_submit_for_decision(s, d, at=vn(2023, 6, 6, 11, 0))
    assert (agree(d, desk.leader).current_step.position, d.assignee) == (3, None)
    # Received back by the specialist: the step is theirs anyway.
    d2 = receive(desk, vn(2023, 6, 5, 8, 0), procedure=d.procedure)
    d2 = do_assign_dossier(o, d2, s, at=vn(2023, 6, 5, 8, 30))
    d2 = do_start_processing(s, d2, at=vn(2023, 6, 5, 9, 0))
    d2 = do_transfer_dossier(s, d2, "Chi cục Thuế", at=vn(2023, 6, 5, 10, 0))
    d2 = do_receive_back_dossier(desk.specialist2, d2, "Đã xác nhận", at=vn(2023, 6, 6, 10, 0))
    assert (agree(d2, desk.leader).current_step.position, d2.assignee) == (2, desk.specialist2)


def test_stop_at_the_leaders_step(desk):
    o, s, lead = desk.officer, desk.specialist, desk.leader
    d = receive(desk, vn(2023, 6, 5, 8, 0), procedure=four_steps())
    d = do_assign_dossier(o, d, s, at=vn(2023, 6, 5, 8, 30))
    d = do_start_processing(s, d, at=vn(2023, 6, 5, 9, 0))
    d = do_submit_for_decision(s, d, at=vn(2023, 6, 5, 10, 0))
    d = do_stop_dossier(o, d, "Không còn nhu cầu", at=vn(2023, 6, 5, 11, 0))
    # Stopped at the leaders' step: that step stopped, "Trả kết quả" will not be done, nobody holds it.
    assert seen(d) == ([("done", name(o)), ("done", name(s)), ("stopped", name(o)), ("skipped", "")], "")
    assert (agree(d, lead).current_step, d.assignee) == (None, None)
    assert "Không thực hiện" in sheet_steps(d)
