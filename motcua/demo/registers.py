"""Demo reform registers of the demo communes: plans, tasks, inspections, surveys, activities, legal documents, staff, outgoing documents.

Deterministic: each commune and year draws from its own random generator
seeded with the commune's stable id and the year, so a rerun on the same day gives
the same records. Idempotent: a commune's year is filled once (when it has no
reform plan for that year yet). Only records dated on or before `today` and
within the commune's validity are made (the merged communes end on
30/06/2025; Xã Hoằng Thanh, which replaced three of them, starts on
01/07/2025 and takes their officials over). Loaded in bulk rather than through
the register actions; each record still gets its first history row, an
import by no user.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable

from django.db import transaction

from motcua.reform import models as m

_PLAN_TASKS = [
    "Rà soát, cập nhật và niêm yết công khai danh mục thủ tục hành chính tại Bộ phận Một cửa",
    "Tổ chức khảo sát sự hài lòng của người dân, tổ chức đối với việc giải quyết TTHC",
    "Tuyên truyền Kế hoạch CCHC trên hệ thống đài truyền thanh xã",
    "Kiểm tra công tác CCHC tại các bộ phận chuyên môn",
    "Rà soát, hệ thống hóa văn bản quy phạm pháp luật do xã ban hành",
    "Duy trì, cải tiến Hệ thống quản lý chất lượng theo TCVN ISO 9001:2015",
    "Số hóa hồ sơ, kết quả giải quyết TTHC còn hiệu lực",
    "Tăng tỷ lệ hồ sơ tiếp nhận trực tuyến toàn trình",
    "Thực hiện công khai xin lỗi khi giải quyết hồ sơ quá hạn",
    "Xây dựng kế hoạch tự kiểm tra kỷ luật, kỷ cương hành chính",
    "Bồi dưỡng kỹ năng, nghiệp vụ cho công chức Bộ phận Một cửa",
    "Thực hiện Quy chế chi tiêu nội bộ và Quy chế quản lý tài sản công",
    "Sử dụng chữ ký số trong gửi, nhận văn bản điện tử",
    "Tổ chức đối thoại giữa lãnh đạo UBND xã với người dân",
    "Rà soát, đánh giá vị trí việc làm của công chức cấp xã",
    "Báo cáo kết quả CCHC định kỳ quý, 6 tháng, năm",
]
_ASSIGNED_TASKS = [
    "Báo cáo kết quả thực hiện Đề án 06 trên địa bàn xã",
    "Rà soát dữ liệu dân cư phục vụ cấp căn cước",
    "Triển khai thanh toán trực tuyến phí, lệ phí TTHC",
    "Báo cáo tình hình giải quyết hồ sơ đất đai tồn đọng",
    "Kiểm tra, xử lý hồ sơ trễ hạn trên Hệ thống thông tin giải quyết TTHC",
    "Cập nhật chỉ số phục vụ người dân, doanh nghiệp (Bộ chỉ số 766)",
    "Rà soát TTHC liên thông đăng ký khai sinh, thường trú, bảo hiểm y tế",
    "Tổ chức tuyên truyền Ngày pháp luật Việt Nam",
    "Báo cáo số liệu biên chế, tinh giản biên chế",
    "Rà soát, chuẩn hóa dữ liệu hộ tịch điện tử",
]
_DEPARTMENTS = [
    "Bộ phận Một cửa",
    "Văn phòng - Thống kê",
    "Địa chính - Xây dựng",
    "Tư pháp - Hộ tịch",
    "Tài chính - Kế toán",
    "Văn hóa - Xã hội",
]
_ISSUES = [
    "Niêm yết TTHC chưa cập nhật quyết định công bố mới",
    "Sổ theo dõi hồ sơ ghi chưa đầy đủ ngày trả kết quả",
    "Hồ sơ lưu chưa số hóa thành phần hồ sơ",
    "Chưa gửi văn bản xin lỗi kịp thời với hồ sơ quá hạn",
    "Phiếu kiểm soát quá trình giải quyết hồ sơ thiếu chữ ký",
    "Chưa cập nhật trạng thái hồ sơ trên Hệ thống thông tin",
]
_SURNAMES = ["Nguyễn", "Lê", "Trịnh", "Hoàng", "Phạm", "Đỗ", "Lê Đình", "Nguyễn Văn", "Trần", "Vũ"]
_MIDDLE = ["Văn", "Thị", "Đình", "Xuân", "Thị Thu", "Ngọc", "Hữu", "Minh", "Thanh", "Quang"]
_GIVEN = ["Hùng", "Lan", "Tuấn", "Hương", "Dũng", "Mai", "Thắng", "Hà", "Sơn", "Yến", "Nam", "Trang", "Long", "Huyền", "Bình", "Phương"]
_POSITIONS = [
    (m.StaffKind.OFFICIAL, "Bí thư Đảng ủy"),
    (m.StaffKind.OFFICIAL, "Chủ tịch HĐND"),
    (m.StaffKind.OFFICIAL, "Chủ tịch UBND"),
    (m.StaffKind.OFFICIAL, "Phó Chủ tịch UBND"),
    (m.StaffKind.OFFICIAL, "Chủ tịch Ủy ban MTTQ"),
    (m.StaffKind.OFFICIAL, "Bí thư Đoàn Thanh niên"),
    (m.StaffKind.OFFICIAL, "Chủ tịch Hội Phụ nữ"),
    (m.StaffKind.OFFICIAL, "Chủ tịch Hội Nông dân"),
    (m.StaffKind.OFFICIAL, "Chủ tịch Hội Cựu chiến binh"),
    (m.StaffKind.CIVIL_SERVANT, "Chỉ huy trưởng Quân sự"),
    (m.StaffKind.CIVIL_SERVANT, "Văn phòng - Thống kê"),
    (m.StaffKind.CIVIL_SERVANT, "Văn phòng - Thống kê"),
    (m.StaffKind.CIVIL_SERVANT, "Địa chính - Xây dựng"),
    (m.StaffKind.CIVIL_SERVANT, "Địa chính - Xây dựng"),
    (m.StaffKind.CIVIL_SERVANT, "Tài chính - Kế toán"),
    (m.StaffKind.CIVIL_SERVANT, "Tư pháp - Hộ tịch"),
    (m.StaffKind.CIVIL_SERVANT, "Tư pháp - Hộ tịch"),
    (m.StaffKind.CIVIL_SERVANT, "Văn hóa - Xã hội"),
    (m.StaffKind.CIVIL_SERVANT, "Văn hóa - Xã hội"),
    (m.StaffKind.CIVIL_SERVANT, "Công chức Bộ phận Một cửa"),
]
_RECIPIENTS = [
    ("UBND huyện Hoằng Hóa", True),
    ("Phòng Nội vụ huyện", True),
    ("Phòng Tài nguyên và Môi trường huyện", True),
    ("Văn phòng HĐND - UBND huyện", True),
    ("Sở Nội vụ tỉnh Thanh Hóa", True),
    ("Công an xã", True),
    ("Các thôn, khu dân cư", False),
    ("Trường Tiểu học xã", False),
]
_MERGER = dt.date(2025, 7, 1)


def _date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def _name(rng: random.Random) -> str:
    return f"{rng.choice(_SURNAMES)} {rng.choice(_MIDDLE)} {rng.choice(_GIVEN)}"


def demo_years(today: dt.date, years: Iterable[int]) -> list[int]:
    """Return the years the demo's registers cover: the given ones and those of the last 12 months."""
    wanted = {y for y in years if y <= today.year} | {today.year - 1, today.year}
    return sorted(wanted)


def load_registers(units, today: dt.date, years: Iterable[int]) -> int:
    """Fill the registers of the demo communes for the years; return how many commune-years were added."""
    added = 0
    communes = sorted(units, key=lambda u: (u.code, u.uid))
    with transaction.atomic():
        for unit in communes:
            if not m.StaffMember.objects.filter(unit=unit).exists():
                _staff(unit, today)
            for year in demo_years(today, years):
                start = max(dt.date(year, 1, 1), unit.valid_from or dt.date(year, 1, 1))
                end = min(dt.date(year, 12, 31), unit.valid_to or dt.date(year, 12, 31), today)
                if start > end or m.ReformPlan.objects.filter(unit=unit, year=year).exists():
                    continue
                _year(unit, year, start, end, today)
                added += 1
        _history(communes)
    return added


def _history(units) -> None:
    """Write the first history row (an import by the system) of every demo record that has none."""
    from django.utils import timezone

    from motcua.reform.actions import snapshot
    from motcua.reform.registers import REGISTERS

    at = timezone.now()
    for register in REGISTERS:
        logged = m.RegisterChange.objects.filter(register=register.key).values("record_id")
        records = register.model.objects.filter(unit__in=units).exclude(pk__in=logged)
        for name in register.parent:
            records = records.select_related(name)
        m.RegisterChange.objects.bulk_create(
            [
                m.RegisterChange(register=register.key, record_id=r.pk, unit_id=r.unit_id, kind=m.ChangeKind.IMPORT,
                                 at=at, after=snapshot(register, r))
                for r in records
            ],
            batch_size=500,
        )


def _staff(unit, today: dt.date) -> None:
    """Make the unit's officials: in post from before 2015, or taken over at the merger."""
    rng = random.Random(f"{unit.uid}-staff")
    merged_into = unit.valid_to is not None and unit.valid_to < today
    new_unit = unit.valid_from is not None
    # The new commune took over officials of three: more of each post.
    extra = [(m.StaffKind.CIVIL_SERVANT, "Địa chính - Xây dựng"), (m.StaffKind.OFFICIAL, "Phó Chủ tịch UBND")] * 6
    people = list(_POSITIONS) + (extra if new_unit else [])
    baseline = len(_POSITIONS) + 3
    if not new_unit:
        m.StaffQuota.objects.get_or_create(
            unit=unit, year=2015,
            defaults={"quota": baseline, "decision": "Quyết định số 4321/QĐ-UBND ngày 25/12/2014 của UBND huyện"},
        )
    staff = []
    for index, (kind, position) in enumerate(people):
        qualification = rng.choices(
            [m.Qualification.POSTGRADUATE, m.Qualification.UNIVERSITY, m.Qualification.COLLEGE, m.Qualification.INTERMEDIATE],
            weights=[1, 7, 1, 1],
        )[0]
        theory = m.PoliticalTheory.INTERMEDIATE if kind == m.StaffKind.OFFICIAL else rng.choice(
            [m.PoliticalTheory.INTERMEDIATE, m.PoliticalTheory.ELEMENTARY, m.PoliticalTheory.NONE]
        )
        started = unit.valid_from or _date(rng, dt.date(2004, 1, 1), dt.date(2014, 12, 31))
        member = m.StaffMember(
            unit=unit, full_name=_name(rng), kind=kind, position=position, qualification=qualification,
            political_theory=theory, started_on=started,
        )
        if merged_into:
            # The officials of a merged commune moved to the new one the day it started.
            member.ended_on, member.end_reason = unit.valid_to, m.LeaveReason.TRANSFER
        staff.append(member)
    # Staff reduction: two officials of each old commune left before the merger
    # (one mid-2023), two of the new commune in its first year.
    leavers = [s for s in staff if s.kind == m.StaffKind.CIVIL_SERVANT][:2]
    dates = [dt.date(2025, 10, 15), dt.date(2026, 2, 27)] if new_unit else [dt.date(2023, 5, 15), dt.date(2024, 12, 31)]
    for member, left in zip(leavers, dates):
        if left <= today and left >= member.started_on:
            member.ended_on, member.end_reason = left, m.LeaveReason.REDUCTION
    m.StaffMember.objects.bulk_create(staff)


def _year(unit, year: int, start: dt.date, end: dt.date, today: dt.date) -> None:
    rng = random.Random(f"{unit.uid}-{year}")
    new_unit = unit.valid_from is not None and unit.valid_from.year == year
    # The plan: at the turn of the year, or when a new commune starts.
    decided = unit.valid_from + dt.timedelta(days=14) if new_unit else dt.date(year - 1, 12, rng.randint(26, 30))
    m.ReformPlan.objects.create(
        unit=unit, year=year, decision_number=f"{rng.randint(180, 290)}/QĐ-UBND", decision_date=decided
    )
    quota = len(_POSITIONS) + (10 if unit.valid_from else 2) - (year - 2023 if not unit.valid_from else year - 2025)
    m.StaffQuota.objects.create(unit=unit, year=year, quota=quota, decision=f"Quyết định giao biên chế năm {year} của UBND huyện")
    m.SelfInspectionPlan.objects.create(
        unit=unit, year=year, number=f"{rng.randint(5, 40)}/KH-UBND", issued_on=max(start, dt.date(year, 1, 20)),
        department_count=5,
    )

    tasks = []
    plan_start = max(start, decided)
    for title in rng.sample(_PLAN_TASKS, 12 if not new_unit else 8):
        deadline = _date(rng, plan_start + dt.timedelta(days=30), dt.date(year, 12, 20))
        task = m.ReformTask(unit=unit, kind=m.TaskKind.PLAN, year=year, title=title, deadline=deadline,
                            owner=rng.choice(_DEPARTMENTS), status=m.TaskStatus.IN_PROGRESS)
        done = deadline + dt.timedelta(days=rng.choice([-20, -10, -5, 0, 0, 3, 12]))
        if done <= min(end, today) and rng.random() < 0.9:
            task.status, task.completed_on = m.TaskStatus.DONE, max(done, plan_start)
        elif deadline > today:
            task.status = rng.choice([m.TaskStatus.NOT_STARTED, m.TaskStatus.IN_PROGRESS])
        tasks.append(task)
    for title in rng.sample(_ASSIGNED_TASKS, 7 if not new_unit else 4):
        assigned = _date(rng, start, end)
        deadline = assigned + dt.timedelta(days=rng.choice([10, 15, 20, 30]))
        task = m.ReformTask(unit=unit, kind=m.TaskKind.ASSIGNED, year=year, title=title, assigned_on=assigned,
                            assigned_by=f"Công văn số {rng.randint(100, 999)}/UBND", deadline=deadline,
                            owner=rng.choice(_DEPARTMENTS), status=m.TaskStatus.IN_PROGRESS)
        done = deadline + dt.timedelta(days=rng.choice([-7, -3, 0, 0, 2, 6]))
        if done <= min(end, today):
            task.status, task.completed_on = m.TaskStatus.DONE, max(done, assigned)
        tasks.append(task)
    m.ReformTask.objects.bulk_create(tasks)

    directives, activities, outgoing = [], [], []
    for q in range(1, 5):
        q_start = max(start, dt.date(year, 3 * q - 2, 1))
        q_end = min(end, (dt.date(year + 1, 1, 1) if q == 4 else dt.date(year, 3 * q + 1, 1)) - dt.timedelta(days=1))
        if q_start > q_end:
            continue
        directives.append(m.DirectiveDocument(
            unit=unit, number=f"{rng.randint(10, 250)}/KH-UBND", issued_on=_date(rng, q_start, q_end),
            summary=rng.choice([
                "Kế hoạch tuyên truyền cải cách hành chính",
                "Kế hoạch kiểm tra công tác cải cách hành chính",
                "Công văn chấn chỉnh kỷ luật, kỷ cương hành chính",
                "Kế hoạch khảo sát sự hài lòng của người dân",
            ]),
        ))
        inspection = m.Inspection.objects.create(
            unit=unit, kind=m.InspectionKind.REFORM, reference=f"BB-{q:02d}/{year}", department=_DEPARTMENTS[(q + year + int(unit.code)) % 6],
            inspected_on=_date(rng, q_start, q_end), notes="Cơ bản thực hiện đúng quy định; còn một số tồn tại.",
        )
        issues = []
        for text in rng.sample(_ISSUES, rng.randint(1, 3)):
            resolved = inspection.inspected_on + dt.timedelta(days=rng.randint(7, 45))
            issues.append(m.InspectionIssue(
                unit=unit, inspection=inspection, description=text,
                resolved_on=resolved if resolved <= min(end, today) else None,
            ))
        m.InspectionIssue.objects.bulk_create(issues)
        if q in (2, 4):
            m.Inspection.objects.create(
                unit=unit, kind=m.InspectionKind.DISCIPLINE, reference=f"KL-{q:02d}/{year}",
                department=_DEPARTMENTS[(q + 3 + int(unit.code)) % 6], inspected_on=_date(rng, q_start, q_end),
                notes="Chấp hành giờ giấc làm việc, văn hóa công sở.",
            )
            activities.append(m.Activity(
                unit=unit, kind=m.ActivityKind.DIALOGUE, held_on=_date(rng, q_start, q_end),
                title="Hội nghị đối thoại giữa Chủ tịch UBND xã với Nhân dân về giải quyết TTHC",
                participants=rng.randint(60, 150),
            ))
        activities.append(m.Activity(
            unit=unit, kind=m.ActivityKind.MEETING, held_on=_date(rng, q_start, q_end),
            title="Hội nghị tuyên truyền cải cách hành chính cho cán bộ thôn", participants=rng.randint(30, 80),
        ))
        for _ in range(rng.randint(4, 8)):
            activities.append(m.Activity(
                unit=unit, kind=m.ActivityKind.BROADCAST, held_on=_date(rng, q_start, q_end),
                title="Tin bài về dịch vụ công trực tuyến trên đài truyền thanh xã",
            ))
        for n in range(rng.randint(18, 30)):
            recipient, state = rng.choice(_RECIPIENTS)
            delivery = rng.choices([m.Delivery.ELECTRONIC, m.Delivery.BOTH, m.Delivery.PAPER], weights=[8, 2, 1])[0]
            outgoing.append(m.OutgoingDocument(
                unit=unit, number_symbol=f"{q * 100 + n}/UBND-VP", issued_on=_date(rng, q_start, q_end),
                summary="Về việc báo cáo, triển khai nhiệm vụ", recipients=recipient, to_state_agency=state,
                delivery=delivery,
            ))
        if q == 3 and year == 2023:
            m.DisciplineCase.objects.create(
                unit=unit, person_name=_name(rng), position_kind=m.PositionKind.CIVIL_SERVANT,
                decided_on=_date(rng, q_start, q_end), form="Khiển trách",
            )
        # A legal document a quarter in some quarters: issued, then checked, reviewed.
        if rng.random() < 0.6:
            issued = _date(rng, q_start, q_end)
            checked = issued + dt.timedelta(days=rng.randint(3, 20))
            doc = m.LegalDocument(
                unit=unit, number=f"{rng.randint(1, 20):02d}/{year}/NQ-HĐND", title="Nghị quyết về phát triển kinh tế - xã hội",
                issued_on=issued, checked_on=checked if checked <= min(end, today) else None,
            )
            if doc.checked_on and rng.random() < 0.4:
                doc.recommended_on = doc.checked_on
                doc.recommendation = "Sửa đổi căn cứ pháp lý đã hết hiệu lực"
                handled = doc.recommended_on + dt.timedelta(days=rng.randint(10, 40))
                doc.handled_on = handled if handled <= min(end, today) else None
            m.LegalDocument.objects.bulk_create([doc])
    m.DirectiveDocument.objects.bulk_create(directives)
    m.Activity.objects.bulk_create(activities)
    m.OutgoingDocument.objects.bulk_create(outgoing)
    _surveys(unit, year, start, end, rng)


def _surveys(unit, year: int, start: dt.date, end: dt.date, rng: random.Random) -> None:
    """Two campaigns a year, each spanning two quarters, with monthly paper and kiosk collections."""
    for half, (first_month, last_month) in enumerate(((2, 7), (8, 12)), start=1):
        c_start = max(start, dt.date(year, first_month, 1))
        c_end = min(end, dt.date(year, last_month, 28 if last_month == 2 else 30))
        if c_start > c_end:
            continue
        campaign = m.SurveyCampaign.objects.create(
            unit=unit, title=f"Khảo sát sự hài lòng năm {year} đợt {half}", starts_on=c_start, ends_on=c_end,
        )
        rows, day = [], c_start
        while day <= c_end:
            collected = min(c_end, day + dt.timedelta(days=rng.randint(5, 20)))
            channel = rng.choice([m.SurveyChannel.PAPER, m.SurveyChannel.KIOSK])
            responses = rng.randint(8, 30)
            rows.append(m.SurveyCollection(
                unit=unit, campaign=campaign, collected_on=collected, channel=channel, responses=responses,
                satisfied=responses - rng.randint(0, 2),
            ))
            month = day.month + 1
            day = dt.date(day.year + (month > 12), (month - 1) % 12 + 1, 1)
        m.SurveyCollection.objects.bulk_create(rows)
