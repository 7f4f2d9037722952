"""Register rows of appendix 01b equal hand-worked values, period by period (indicators.md)."""

import pytest

from motcua.reform import models as m
from motcua.reports.compute import compute_appendix
from motcua.reports.manual import set_manual_values
from motcua.reports.narrative import build_narrative

from .conftest import D, period

pytestmark = pytest.mark.django_db


def plan(unit, year=2023, number="252/QĐ-UBND", on=D(2022, 12, 30)):
    return m.ReformPlan.objects.create(unit=unit, year=year, decision_number=number, decision_date=on)


def task(unit, kind="plan", deadline=D(2023, 6, 30), done=None, assigned=None, year=2023):
    return m.ReformTask.objects.create(
        unit=unit, kind=kind, year=year, title="Nhiệm vụ", deadline=deadline, owner="Văn phòng",
        status="done" if done else "in_progress", completed_on=done, assigned_on=assigned,
    )


def values(unit, label):
    return compute_appendix(unit, period(label)).values


def test_plan_tasks_completed_by_the_end_of_each_period(tree):
    plan(tree.a)
    task(tree.a, deadline=D(2023, 3, 31), done=D(2023, 3, 20))  # Q1, on time
    task(tree.a, deadline=D(2023, 5, 31), done=D(2023, 7, 4))  # late, done in Q3
    task(tree.a, deadline=D(2023, 12, 15))  # not done
    task(tree.a, year=2022, deadline=D(2022, 12, 1), done=D(2022, 11, 1))  # last year's plan

    assert [values(tree.a, q)["1.1.1"] for q in ("2023-Q1", "2023-Q2", "2023-Q3")] == [3, 3, 3]
    assert [values(tree.a, q)["1.1.2"] for q in ("2023-Q1", "2023-Q2", "2023-Q3")] == [1, 1, 2]
    assert values(tree.a, "2023-Q2")["1.1"] == "252/QĐ-UBND ngày 30/12/2022"


def test_assigned_tasks_on_time_and_late_year_to_date(tree):
    plan(tree.a)
    task(tree.a, "assigned", assigned=D(2023, 2, 1), deadline=D(2023, 2, 20), done=D(2023, 2, 20))  # on the day
    task(tree.a, "assigned", assigned=D(2023, 3, 10), deadline=D(2023, 3, 30), done=D(2023, 4, 5))  # late, in Q2
    task(tree.a, "assigned", assigned=D(2023, 5, 2), deadline=D(2023, 6, 1))  # open
    task(tree.a, "assigned", assigned=D(2023, 8, 1), deadline=D(2023, 8, 20), done=D(2023, 8, 10))  # Q3

    q1, q2, q3 = (values(tree.a, q) for q in ("2023-Q1", "2023-Q2", "2023-Q3"))
    # Q1: two assigned; one done on time; the late one is not done by 31/03.
    assert (q1["1.3.1"], q1["1.3.2"], q1["1.3.3"]) == (2, 1, 0)
    assert (q2["1.3.1"], q2["1.3.2"], q2["1.3.3"]) == (3, 1, 1)
    assert (q3["1.3.1"], q3["1.3.2"], q3["1.3.3"]) == (4, 2, 1)
    assert compute_appendix(tree.a, period("2023-Q2")).checks == []


def test_directives_count_from_the_start_of_the_year(tree):
    plan(tree.a)
    for on in (D(2022, 12, 28), D(2023, 1, 5), D(2023, 5, 9), D(2023, 7, 1)):
        m.DirectiveDocument.objects.create(unit=tree.a, number="1/KH-UBND", issued_on=on, summary="Kế hoạch")
    assert values(tree.a, "2023-Q1")["1.1.3"] == 1
    assert values(tree.a, "2023-Q2")["1.1.3"] == 2
    assert values(tree.a, "2023-Q3")["1.1.3"] == 3


def test_inspection_issue_resolved_after_the_period_end(tree):
    plan(tree.a)
    first = m.Inspection.objects.create(unit=tree.a, reference="BB-01", department="Bộ phận Một cửa", inspected_on=D(2023, 5, 10))
    # The same department twice in a quarter is one department inspected.
    again = m.Inspection.objects.create(unit=tree.a, reference="BB-02", department="Bộ phận Một cửa", inspected_on=D(2023, 6, 1))
    other = m.Inspection.objects.create(unit=tree.a, reference="BB-03", department="Tư pháp - Hộ tịch", inspected_on=D(2023, 6, 20))
    m.Inspection.objects.create(unit=tree.a, kind="discipline", reference="KL-01", department="Văn phòng", inspected_on=D(2023, 6, 2))
    m.InspectionIssue.objects.create(unit=tree.a, inspection=first, description="a", resolved_on=D(2023, 5, 30))
    m.InspectionIssue.objects.create(unit=tree.a, inspection=again, description="b", resolved_on=D(2023, 7, 15))
    m.InspectionIssue.objects.create(unit=tree.a, inspection=other, description="c")

    q2, q3 = values(tree.a, "2023-Q2"), values(tree.a, "2023-Q3")
    assert (q2["1.2.1"], q2["1.2.2"], q2["1.2.3"]) == (2, 3, 1)
    # Q3 had no inspection: the issues of Q2 are not counted again.
    assert (q3["1.2.1"], q3["1.2.2"], q3["1.2.3"]) == (0, 0, 0)
    assert values(tree.a, "2023-H1")["1.2.3"] == 1
    assert values(tree.a, "2023")["1.2.3"] == 2


def test_staff_member_leaving_mid_quarter(tree):
    m.StaffQuota.objects.create(unit=tree.a, year=2015, quota=25)
    m.StaffQuota.objects.create(unit=tree.a, year=2023, quota=22)
    common = {"unit": tree.a, "kind": "civil_servant", "position": "Văn phòng", "political_theory": "none"}
    for n in range(20):
        m.StaffMember.objects.create(full_name=f"Người {n}", qualification="university", started_on=D(2010, 1, 1), **common)
    m.StaffMember.objects.create(full_name="Tinh giản 2018", qualification="college", started_on=D(2005, 1, 1),
                                 ended_on=D(2018, 6, 30), end_reason="reduction", **common)
    m.StaffMember.objects.create(full_name="Tinh giản giữa quý", qualification="postgraduate", started_on=D(2008, 1, 1),
                                 ended_on=D(2023, 5, 15), end_reason="reduction", **common)
    m.StaffMember.objects.create(full_name="Nghỉ hưu", qualification="university", started_on=D(2000, 1, 1),
                                 ended_on=D(2023, 8, 31), end_reason="retirement", **common)

    q1, q2, q3 = (values(tree.a, q) for q in ("2023-Q1", "2023-Q2", "2023-Q3"))
    assert (q1["4.1.1"], q1["4.1.2"], q1["4.1.3"], q1["4.1.4"]) == (22, 22, 0, 4.0)  # 1 ÷ 25
    assert (q2["4.1.2"], q2["4.1.3"], q2["4.1.4"]) == (21, 1, 8.0)  # 2 ÷ 25
    assert (q3["4.1.2"], q3["4.1.3"], q3["4.1.4"]) == (20, 0, 8.0)  # a retirement is no reduction


def test_legal_documents_by_what_was_done_in_the_period(tree):
    plan(tree.a)
    m.LegalDocument.objects.create(unit=tree.a, number="01/NQ", title="a", issued_on=D(2023, 4, 3), checked_on=D(2023, 4, 20))
    m.LegalDocument.objects.create(unit=tree.a, number="02/NQ", title="b", issued_on=D(2021, 1, 3), reviewed_on=D(2023, 5, 2),
                                   recommended_on=D(2023, 5, 2), recommendation="bãi bỏ", handled_on=D(2023, 6, 30))
    m.LegalDocument.objects.create(unit=tree.a, number="03/NQ", title="c", issued_on=D(2022, 1, 3), checked_on=D(2023, 6, 1),
                                   recommended_on=D(2023, 6, 10), recommendation="sửa đổi", handled_on=D(2023, 7, 1))
    q2 = values(tree.a, "2023-Q2")
    assert [q2[c] for c in ("2.1", "2.2", "2.3", "2.4", "2.5")] == [1, 2, 1, 2, 1]
    assert values(tree.a, "2023-H2")["2.5"] == 0  # recommended in H1: counted with H1's


def test_survey_spanning_two_quarters_adds_to_ratings(tree):
    campaign = m.SurveyCampaign.objects.create(unit=tree.a, title="Đợt 1", starts_on=D(2023, 3, 1), ends_on=D(2023, 5, 31))
    m.SurveyCollection.objects.create(unit=tree.a, campaign=campaign, collected_on=D(2023, 3, 20), channel="paper", responses=30, satisfied=28)
    m.SurveyCollection.objects.create(unit=tree.a, campaign=campaign, collected_on=D(2023, 4, 20), channel="kiosk", responses=12, satisfied=12)
    m.SurveyCollection.objects.create(unit=tree.a, campaign=campaign, collected_on=D(2023, 5, 20), channel="online", responses=5, satisfied=4)
    q1, q2, q3 = (values(tree.a, q) for q in ("2023-Q1", "2023-Q2", "2023-Q3"))
    assert (q1["1.4.1"], q1["1.4.2"]) == (30, 1)  # paper only
    assert (q2["1.4.1"], q2["1.4.2"]) == (17, 2)  # kiosk and online
    assert (q3["1.4.1"], q3["1.4.2"]) == (0, None)


def test_dialogue_discipline_and_outgoing_documents(tree):
    plan(tree.a)
    m.Activity.objects.create(unit=tree.a, kind="broadcast", held_on=D(2023, 2, 1), title="Tin bài")
    m.Activity.objects.create(unit=tree.a, kind="dialogue", held_on=D(2023, 5, 19), title="Đối thoại", participants=80)
    m.SelfInspectionPlan.objects.create(unit=tree.a, year=2023, number="5/KH-UBND", issued_on=D(2023, 4, 10), department_count=4)
    for ref, dept, on in (("KL-1", "Văn phòng", D(2023, 5, 2)), ("KL-2", "Văn phòng", D(2023, 6, 2)), ("KL-3", "Tư pháp", D(2023, 6, 9))):
        m.Inspection.objects.create(unit=tree.a, kind="discipline", reference=ref, department=dept, inspected_on=on)
    m.DisciplineCase.objects.create(unit=tree.a, person_name="A", position_kind="leader", decided_on=D(2023, 6, 1), form="Khiển trách", by_party=True)
    m.DisciplineCase.objects.create(unit=tree.a, person_name="B", position_kind="civil_servant", decided_on=D(2023, 6, 5), form="Cảnh cáo")
    m.DisciplineCase.objects.create(unit=tree.a, person_name="C", position_kind="other", decided_on=D(2023, 4, 5), form="Khiển trách")
    for n, (state, how) in enumerate([(True, "electronic")] * 5 + [(True, "both")] * 2 + [(True, "paper"), (False, "paper")]):
        m.OutgoingDocument.objects.create(unit=tree.a, number_symbol=f"{n}/UBND", issued_on=D(2023, 5, 1), summary="x",
                                          recipients="UBND huyện", to_state_agency=state, delivery=how)
    q1, q2 = values(tree.a, "2023-Q1"), values(tree.a, "2023-Q2")
    assert (q1["1.5"], q2["1.5"]) == (0, 1)
    assert (q1["5.4.1"], q2["5.4.1"]) == (0, 1)  # the self-inspection plan was issued in Q2
    assert (q1["5.4.2"], q2["5.4.2"]) == (None, 50.0)  # 2 departments ÷ 4
    assert (q2["5.4"], q2["5.4.5"], q2["5.4.6"]) == (3, 1, 1)
    assert (q2["7.2.3"], q2["7.2.3.a"], q2["7.2.3.b"]) == (8, 62.5, 25.0)
    assert (q1["7.2.3"], q1["7.2.3.a"], q1["7.2.3.b"]) == (0, None, None)


def test_district_sums_its_communes_registers(tree):
    for unit in (tree.a, tree.b):
        plan(unit)
        task(unit, deadline=D(2023, 3, 1), done=D(2023, 2, 1))
    task(tree.b)
    district = compute_appendix(tree.district, period("2023-Q1"))
    assert (district.values["1.1.1"], district.values["1.1.2"]) == (3, 2)
    # Text is never combined: the district has no plan of its own.
    assert district.values["1.1"] is None


def test_without_a_plan_the_rows_fall_back_to_entered_values(tree):
    set_manual_values(tree.a, period("2023-Q2"), ["1.1.1=28", "1.2.1=3", "6.1=1"])
    task(tree.a, deadline=D(2023, 3, 1), done=D(2023, 2, 1))  # a task but no plan: registers not kept
    before = compute_appendix(tree.a, period("2023-Q2"))
    assert (before.values["1.1.1"], before.origins["1.1.1"]) == (28, "entered")
    plan(tree.a)
    after = compute_appendix(tree.a, period("2023-Q2"))
    assert (after.values["1.1.1"], after.origins["1.1.1"]) == (1, "register")
    assert (after.values["1.2.1"], after.origins["1.2.1"]) == (0, "register")
    assert (after.values["6.1"], after.origins["6.1"]) == (1, "entered")


def test_narrative_quotes_the_registers(tree):
    plan(tree.a)
    task(tree.a, deadline=D(2023, 5, 31), done=D(2023, 5, 1))
    task(tree.a, deadline=D(2023, 5, 31), done=D(2023, 6, 10))
    m.Inspection.objects.create(unit=tree.a, reference="BB-01", department="Bộ phận Một cửa", inspected_on=D(2023, 5, 10))
    m.Activity.objects.create(unit=tree.a, kind="meeting", held_on=D(2023, 4, 2), title="Hội nghị", participants=40)
    m.Activity.objects.create(unit=tree.a, kind="broadcast", held_on=D(2023, 4, 9), title="Tin")
    m.Activity.objects.create(unit=tree.a, kind="broadcast", held_on=D(2023, 5, 9), title="Tin")
    common = {"unit": tree.a, "kind": "civil_servant", "position": "x", "political_theory": "none", "started_on": D(2010, 1, 1)}
    for n, q in enumerate(["postgraduate"] * 2 + ["university"] * 7 + ["college"]):
        m.StaffMember.objects.create(full_name=f"N{n}", qualification=q, **common)
    text = build_narrative(tree.a, period("2023-Q2")).text()
    assert "252/QĐ-UBND ngày 30/12/2022" in text
    assert "1 nhiệm vụ hoàn thành đúng hạn, 1 nhiệm vụ hoàn thành quá hạn" in text
    assert "Các bộ phận được kiểm tra CCHC trong kỳ: Bộ phận Một cửa." in text
    assert "tổ chức 1 hội nghị tuyên truyền, phát 2 tin, bài trên đài truyền thanh với 40 lượt người tham dự" in text
    assert "Trên Đại học: 2 người = 20%; Đại học: 7 người = 70%; Cao đẳng: 1 người = 10%" in text


def test_register_rows_cannot_be_typed_once_the_register_is_kept(tree):
    from motcua.reports.manual import ManualValueError

    plan(tree.a)
    with pytest.raises(ManualValueError) as refused:
        set_manual_values(tree.a, period("2023-Q2"), ["1.1.1=28", "6.1=1", "4.1.1=20"])
    assert refused.value.problems == ["1.1.1 được tính từ sổ theo dõi cải cách hành chính của đơn vị, không nhập tay"]
    set_manual_values(tree.a, period("2023-Q2"), ["6.1=1", "4.1.1=20"])  # no staffing quota kept: entered
    assert compute_appendix(tree.a, period("2023-Q2")).origins["4.1.1"] == "entered"
