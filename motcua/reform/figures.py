"""The appendix 01b rows the registers compute, for a report unit, the units it covers and a period.

`motcua.reports.compute` calls `register_figures`; this module knows nothing
of reports (the dependency runs one way). Rules (indicators.md, P = [start, end]):

- Records of every covered unit count (the report unit, the units below it
  and the units it replaced), so a district's counts are its communes' sums.
  Text, flags and the shares that need the unit's own plan (1.1, 5.4.1,
  5.4.2) use the report unit's own records only.
- "The year" is P's year: from 1 January (or P's start when earlier, as in the
  cut-off calendar) to P's end.
- Whether the registers are kept: a group of rows is computed only when its
  anchor exists among the covered units — a reform plan for P's year (every
  row except staff and surveys), a staffing quota for P's year (4.1.x). A
  unit that keeps no register for the year gets `None` for those rows from
  here, and the report falls back to the value entered by hand.
- 1.4.1 / 1.4.2 (register + dossiers) add the survey collections of P to the
  dossiers' ratings, always.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, Func, IntegerField, Q, QuerySet, Subquery, Sum

from motcua.lib.numbers import percent
from motcua.lib.periods import Period
from motcua.reform import models as m
from motcua.units.models import Unit

PLAN_CODES = (
    "1.1", "1.1.1", "1.1.2", "1.1.3", "1.2.1", "1.2.2", "1.2.3", "1.3.1", "1.3.2", "1.3.3", "1.5",
    "2.1", "2.2", "2.3", "2.4", "2.5", "5.4", "5.4.1", "5.4.2", "5.4.5", "5.4.6", "7.2.3", "7.2.3.a", "7.2.3.b",
)
STAFF_CODES = ("4.1.1", "4.1.2", "4.1.3", "4.1.4")
STAFF_BASELINE_YEAR = 2015


@dataclass
class RegisterFigures:
    # Only the rows the registers determine; a code absent here is not kept in a register.
    values: dict[str, object] = field(default_factory=dict)
    # Survey responses from the register in P by channel group (added to the ratings by reports).
    survey_online: int = 0
    survey_forms: int = 0


def year_start(period: Period) -> dt.date:
    """Return the first day of P's year: 1 January, or P's start when that is earlier."""
    return min(period.start, dt.date(period.year, 1, 1))


def register_figures(unit, units: QuerySet, period: Period) -> RegisterFigures:
    """Return the register rows of `unit`'s report over `period`, `units` being the units it covers."""
    # One query tells which groups are kept and sums the survey responses; the
    # groups' own queries run only for the registers the units keep.
    probe = _probe(unit, units, period)
    figures = RegisterFigures(survey_online=probe["online"] or 0, survey_forms=probe["forms"] or 0)
    if probe["plan"]:
        figures.values.update(plan_values(unit, units, period))
    if probe["quota"]:
        figures.values.update(staff_values(units, period))
    return figures


def _probe(unit, units: QuerySet, period: Period) -> dict:
    """Return {plan, quota: kept for P's year; online, forms: survey responses collected in P} in one query."""
    collections = m.SurveyCollection.objects.filter(
        unit__in=units, collected_on__gte=period.start, collected_on__lte=period.end
    )

    def responses(channels) -> Subquery:
        # SUM as a plain function: the subquery is one row, with no GROUP BY.
        total = Func(F("responses"), function="SUM", output_field=IntegerField())
        return Subquery(collections.filter(channel__in=channels).order_by().annotate(n=total).values("n")[:1])

    row = (
        Unit.objects.filter(pk=unit.pk)
        .annotate(
            plan=Exists(m.ReformPlan.objects.filter(unit__in=units, year=period.year)),
            quota=Exists(m.StaffQuota.objects.filter(unit__in=units, year=period.year)),
            online=responses([m.SurveyChannel.ONLINE]),
            forms=responses([m.SurveyChannel.PAPER, m.SurveyChannel.KIOSK]),
        )
        .values("plan", "quota", "online", "forms")
        .first()
    )
    return row or {"plan": False, "quota": False, "online": 0, "forms": 0}


def kept_codes(units: QuerySet, period: Period) -> set[str]:
    """Return the register rows the covered units keep registers for in P's year (not to be typed by hand)."""
    codes: set[str] = set()
    if m.ReformPlan.objects.filter(unit__in=units, year=period.year).exists():
        codes.update(PLAN_CODES)
    if m.StaffQuota.objects.filter(unit__in=units, year=period.year).exists():
        codes.update(STAFF_CODES)
    return codes


def plan_values(unit, units: QuerySet, period: Period) -> dict[str, object]:
    """Return every row of the plan group (all register rows but 4.1.x)."""
    start, end, first = period.start, period.end, year_start(period)

    def within(name: str) -> Q:
        return Q(**{f"{name}__gte": start, f"{name}__lte": end})

    values: dict[str, object] = {}
    own_plan = m.ReformPlan.objects.filter(unit=unit, year=period.year).first()
    values["1.1"] = f"{own_plan.decision_number} ngày {own_plan.decision_date:%d/%m/%Y}" if own_plan else None

    tasks = m.ReformTask.objects.filter(unit__in=units)
    done_by_end = Q(completed_on__isnull=False, completed_on__lte=end)
    assigned = Q(kind=m.TaskKind.ASSIGNED, assigned_on__gte=first, assigned_on__lte=end)
    row = tasks.aggregate(
        plan=Count("pk", filter=Q(kind=m.TaskKind.PLAN, year=period.year)),
        plan_done=Count("pk", filter=Q(kind=m.TaskKind.PLAN, year=period.year) & done_by_end),
        assigned=Count("pk", filter=assigned),
        on_time=Count("pk", filter=assigned & done_by_end & Q(completed_on__lte=F("deadline"))),
        late=Count("pk", filter=assigned & done_by_end & Q(completed_on__gt=F("deadline"))),
    )
    values.update({
        "1.1.1": row["plan"], "1.1.2": row["plan_done"],
        "1.3.1": row["assigned"], "1.3.2": row["on_time"], "1.3.3": row["late"],
    })
    values["1.1.3"] = m.DirectiveDocument.objects.filter(unit__in=units, issued_on__gte=first, issued_on__lte=end).count()

    reform = m.Inspection.objects.filter(unit__in=units, kind=m.InspectionKind.REFORM).filter(within("inspected_on"))
    values["1.2.1"] = reform.values("unit", "department").distinct().count()
    issues = m.InspectionIssue.objects.filter(inspection__in=reform)
    values["1.2.2"] = issues.count()
    values["1.2.3"] = issues.filter(resolved_on__isnull=False, resolved_on__lte=end).count()

    activities = m.Activity.objects.filter(unit__in=units).filter(within("held_on"))
    values["1.5"] = 1 if activities.filter(kind=m.ActivityKind.DIALOGUE).exists() else 0

    legal = m.LegalDocument.objects.filter(unit__in=units).aggregate(
        issued=Count("pk", filter=within("issued_on")),
        checked=Count("pk", filter=within("checked_on")),
        reviewed=Count("pk", filter=within("reviewed_on")),
        recommended=Count("pk", filter=within("recommended_on")),
        handled=Count("pk", filter=within("recommended_on") & Q(handled_on__isnull=False, handled_on__lte=end)),
    )
    values.update({
        "2.1": legal["issued"], "2.2": legal["checked"], "2.3": legal["reviewed"],
        "2.4": legal["recommended"], "2.5": legal["handled"],
    })

    cases = m.DisciplineCase.objects.filter(unit__in=units).filter(within("decided_on")).aggregate(
        total=Count("pk"),
        leaders=Count("pk", filter=Q(position_kind=m.PositionKind.LEADER)),
        civil=Count("pk", filter=Q(position_kind=m.PositionKind.CIVIL_SERVANT)),
    )
    values.update({"5.4": cases["total"], "5.4.5": cases["leaders"], "5.4.6": cases["civil"]})
    own_self_plan = m.SelfInspectionPlan.objects.filter(unit=unit, year=period.year, issued_on__lte=end).first()
    values["5.4.1"] = 1 if own_self_plan else 0
    if own_self_plan:
        inspected = (
            m.Inspection.objects.filter(unit=unit, kind=m.InspectionKind.DISCIPLINE)
            .filter(within("inspected_on")).values("department").distinct().count()
        )
        # More departments inspected than the plan lists would exceed 100 %: the plan's count is the ceiling.
        values["5.4.2"] = percent(min(inspected, own_self_plan.department_count), own_self_plan.department_count)
    else:
        values["5.4.2"] = None

    sent = m.OutgoingDocument.objects.filter(unit__in=units, to_state_agency=True).filter(within("issued_on")).aggregate(
        total=Count("pk"),
        electronic=Count("pk", filter=Q(delivery=m.Delivery.ELECTRONIC)),
        both=Count("pk", filter=Q(delivery=m.Delivery.BOTH)),
    )
    values["7.2.3"] = sent["total"]
    values["7.2.3.a"] = percent(sent["electronic"], sent["total"])
    values["7.2.3.b"] = percent(sent["both"], sent["total"])
    return values


def staff_values(units: QuerySet, period: Period) -> dict[str, object]:
    """Return 4.1.1–4.1.4: the year's quota, staff in post at P's end, reductions in P and since 2015."""
    end = period.end
    valid_at_end = [u.pk for u in units if u.is_valid_on(end)]
    quota = m.StaffQuota.objects.filter(unit__in=valid_at_end, year=period.year).aggregate(total=Sum("quota"))["total"]
    baseline = m.StaffQuota.objects.filter(unit__in=units, year=STAFF_BASELINE_YEAR).aggregate(total=Sum("quota"))["total"]
    staff = m.StaffMember.objects.filter(unit__in=units)
    reduction = Q(end_reason=m.LeaveReason.REDUCTION, ended_on__isnull=False)
    row = staff.aggregate(
        in_post=Count("pk", filter=Q(started_on__lte=end) & (Q(ended_on__isnull=True) | Q(ended_on__gt=end))),
        reduced=Count("pk", filter=reduction & Q(ended_on__gte=period.start, ended_on__lte=end)),
        reduced_since=Count(
            "pk", filter=reduction & Q(ended_on__gte=dt.date(STAFF_BASELINE_YEAR, 1, 1), ended_on__lte=end)
        ),
    )
    return {
        "4.1.1": quota,
        "4.1.2": row["in_post"],
        "4.1.3": row["reduced"],
        "4.1.4": percent(row["reduced_since"], baseline or 0),
    }


# ---------------------------------------------------------------- what the narrative quotes


@dataclass
class RegisterFacts:
    """The register details the report's narrative quotes beyond the table's figures."""

    plan_tasks_on_time: int = 0
    plan_tasks_late: int = 0
    inspected_departments: list[str] = field(default_factory=list)
    survey_campaigns: list[str] = field(default_factory=list)
    survey_responses: int = 0
    survey_satisfied: int = 0
    dialogues: int = 0
    meetings: int = 0
    broadcasts: int = 0
    other_communication: int = 0
    participants: int = 0
    # (qualification label, people) of the staff in post at P's end, in the choices' order.
    qualifications: list[tuple[str, int]] = field(default_factory=list)
    staff_in_post: int = 0
    kept: bool = False


def register_facts(unit, units: QuerySet, period: Period) -> RegisterFacts:
    """Return what the narrative quotes from the registers for `unit`'s report over `period`."""
    facts = RegisterFacts()
    start, end = period.start, period.end
    facts.kept = m.ReformPlan.objects.filter(unit__in=units, year=period.year).exists()
    done = m.ReformTask.objects.filter(
        unit__in=units, kind=m.TaskKind.PLAN, year=period.year, completed_on__isnull=False, completed_on__lte=end
    )
    facts.plan_tasks_late = done.filter(completed_on__gt=F("deadline")).count()
    facts.plan_tasks_on_time = done.count() - facts.plan_tasks_late
    facts.inspected_departments = sorted(set(
        m.Inspection.objects.filter(
            unit__in=units, kind=m.InspectionKind.REFORM, inspected_on__gte=start, inspected_on__lte=end
        ).values_list("department", flat=True)
    ))
    collections = m.SurveyCollection.objects.filter(unit__in=units, collected_on__gte=start, collected_on__lte=end)
    facts.survey_campaigns = sorted(set(collections.values_list("campaign__title", flat=True)))
    totals = collections.aggregate(responses=Sum("responses"), satisfied=Sum("satisfied"))
    facts.survey_responses, facts.survey_satisfied = totals["responses"] or 0, totals["satisfied"] or 0
    activities = m.Activity.objects.filter(unit__in=units, held_on__gte=start, held_on__lte=end).aggregate(
        dialogues=Count("pk", filter=Q(kind=m.ActivityKind.DIALOGUE)),
        meetings=Count("pk", filter=Q(kind=m.ActivityKind.MEETING)),
        broadcasts=Count("pk", filter=Q(kind=m.ActivityKind.BROADCAST)),
        other=Count("pk", filter=Q(kind=m.ActivityKind.OTHER)),
        participants=Sum("participants", filter=~Q(kind=m.ActivityKind.BROADCAST)),
    )
    facts.dialogues, facts.meetings = activities["dialogues"], activities["meetings"]
    facts.broadcasts, facts.other_communication = activities["broadcasts"], activities["other"]
    facts.participants = activities["participants"] or 0
    in_post = m.StaffMember.objects.filter(unit__in=units, started_on__lte=end).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=end)
    )
    counts = dict(in_post.values_list("qualification").annotate(n=Count("pk")))
    facts.qualifications = [(label, counts[value]) for value, label in m.Qualification.choices if counts.get(value)]
    facts.staff_in_post = sum(counts.values())
    return facts
