"""The counts behind every indicator of the QĐ 766 index, for a unit and period, from motcua's records.

Dossier conditions come from motcua.dossiers.figures (the one module of
figure definitions); the catalog indicators count the procedures that apply
to the unit's covered units and are in force at the period's end. One
aggregate query on dossiers, one on procedures, a few small ones beside.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q

from motcua.catalog.models import OnlineLevel, Procedure
from motcua.dossiers.figures import (
    CERTIFICATION_FIELD,
    ELECTRONIC_RESULT,
    PAPER_FROM_DATA_STORE,
    PAPER_RESULT,
    PAPER_REUSED,
    RESULT_IN_DATA_STORE,
    VNEID_VERIFIED,
    IndexPeriod,
    counts,
    covered_units,
    dossiers_of,
    local_bounds,
)
from motcua.dossiers.models import Dossier
from motcua.feedback.models import Feedback
from motcua.lib.periods import Period
from motcua.units.models import Unit
from motcua.workdays.service import due_for_unit

# Our rule "feedback_due": feedback is answered within 10 working days of its receipt.
FEEDBACK_WORKING_DAYS = 10


@dataclass(frozen=True)
class Count2:
    numerator: int
    denominator: int


def dossier_conditions(p: IndexPeriod) -> dict[str, Q]:
    """{name: condition} over the dossiers received in P (the index's dossier base)."""
    return {
        "received": Q(),
        "on_time": p.on_time,
        "online": p.online,
        "paper_result": PAPER_RESULT,
        "electronic_result": PAPER_RESULT & ELECTRONIC_RESULT,
        "digitized": p.digitized,
        "certification": CERTIFICATION_FIELD,
        "certification_electronic": CERTIFICATION_FIELD & ELECTRONIC_RESULT,
        "reused": PAPER_REUSED,
        "data_store": PAPER_FROM_DATA_STORE | RESULT_IN_DATA_STORE,
        "vneid": VNEID_VERIFIED,
        "late": p.late,
        "complained": p.complained,
    }


def received_dossiers(unit: Unit, period: Period):
    """The dossiers of `unit`'s covered units received in `period`, annotated for the index's conditions."""
    p = IndexPeriod(period)
    return p, p.annotate(dossiers_of(unit).filter(p.received))


def dossier_counts(unit: Unit, period: Period) -> dict[str, int]:
    p, rows = received_dossiers(unit, period)
    return counts(rows, dossier_conditions(p))


def applicable_procedures(unit: Unit, period: Period):
    """The procedures in force at the period's end that apply to one of `unit`'s covered units."""
    end = period.end
    return (
        Procedure.objects.filter(units__in=covered_units(unit))
        .filter(Q(announced_on__isnull=True) | Q(announced_on__lte=end))
        .filter(Q(abolished_on__isnull=True) | Q(abolished_on__gt=end))
        .distinct()
    )


def procedure_counts(unit: Unit, period: Period) -> dict[str, int]:
    start, end = local_bounds(period)
    procedures = applicable_procedures(unit, period)
    verified = Dossier.objects.filter(
        procedure=OuterRef("pk"), unit__in=covered_units(unit), received_at__gte=start, received_at__lt=end
    ).filter(VNEID_VERIFIED)
    rows = Procedure.objects.filter(pk__in=procedures.values("pk")).annotate(
        n_steps=Count("steps", distinct=True), n_units=Count("units", distinct=True)
    )
    complete = Q(n_steps__gt=0, n_units__gt=0, legal_duration_unit__gt="") & ~Q(name="") & ~Q(components=[])
    return {
        "applicable": rows.count(),
        "announced": rows.filter(announced_on__isnull=False).count(),
        "updated": rows.filter(announced_on__isnull=False, process_approved=True).count(),
        "complete": rows.filter(complete).count(),
        "online": rows.filter(online__in=(OnlineLevel.PARTIAL, OnlineLevel.FULL)).count(),
        "population": rows.filter(Exists(verified)).count(),
    }


def feedback_counts(unit: Unit, period: Period) -> Count2:
    """5.2: feedback whose deadline (10 working days, our rule) falls in P, and those answered by it."""
    start, end = local_bounds(period)
    # A deadline in P means a receipt at most ~10 working days (≤ 4 weeks with holidays) before P.
    since = start - dt.timedelta(days=31)
    due = answered = 0
    for item in Feedback.objects.filter(unit__in=covered_units(unit), created_at__gte=since, created_at__lt=end).select_related("unit"):
        deadline = due_for_unit(item.unit, item.created_at, FEEDBACK_WORKING_DAYS, "working_day")
        if start <= deadline < end:
            due += 1
            answered += item.answered_at is not None and item.answered_at <= deadline
    return Count2(answered, due)


def sync_counts(unit: Unit, period: Period) -> Count2:
    """1.4: dossiers received in P whose state reached the national portal, of those received in P."""
    received = dossiers_of(unit).filter(IndexPeriod(period).received).count()
    return Count2(0, received)  # wired to the national-portal outbox's delivered figure


@dataclass(frozen=True)
class FeeCounts:
    procedures: int = 0  # applicable procedures with a non-zero fee line
    payable_online: int = 0  # … that allow online payment
    paid_online_procedures: int = 0  # … with at least one dossier paid online in P
    fee_dossiers: int = 0  # dossiers received in P of fee-bearing procedures
    paid_online_dossiers: int = 0  # … paid online


def fee_counts(unit: Unit, period: Period) -> FeeCounts:
    """3.5, 3.5b, 3.6: read from the procedures' fee lines and the dossiers' payments."""
    return FeeCounts()  # wired to motcua.payments
