"""The sets behind every indicator of the QĐ 766 index, for a unit and period, from motcua's records.

Each indicator's numerator and denominator are conditions on one base set —
the dossiers received in P by the unit's covered units, or the procedures in
force at P's end that apply to them, or the feedback due in P — so that the
index and its drill-down lists count the same rows. Dossier conditions come
from motcua.dossiers.figures (the one module of figure definitions).
"""

from __future__ import annotations

from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Value, When

from motcua.catalog.models import OnlineLevel, Procedure
from motcua.dossiers.figures import (
    CERTIFICATION_FIELD,
    ELECTRONIC_RESULT,
    PAID_ONLINE,
    PAYABLE_ONLINE,
    PAPER_FROM_DATA_STORE,
    PAPER_RESULT,
    PAPER_REUSED,
    PROCEDURE_WITH_FEE,
    RESULT_IN_DATA_STORE,
    SYNCED,
    VNEID_VERIFIED,
    IndexPeriod,
    LocalMonthEnd,
    counts,
    covered_units,
    dossiers_of,
    local_bounds,
)
from motcua.dossiers.models import Dossier
from motcua.feedback.models import Feedback
from motcua.lib.periods import Period
from motcua.payments.models import Payment
from motcua.units.models import Unit

# Indicator → (numerator, denominator) among the named conditions below.
DOSSIER_RATES = {
    "1.4": ("synced", "received"),
    "2.1": ("on_time", "received"),
    "3.3": ("online", "received"),
    "4.1": ("electronic_result", "paper_result"),
    "4.2": ("digitized", "received"),
    "4.2c": ("certification_electronic", "certification"),
    "4.3": ("reused", "received"),
    "4.4": ("data_store", "received"),
    "4.5b": ("vneid", "received"),
    "3.6": ("paid_online", "owes_fee"),
}
PROCEDURE_RATES = {
    "1.1": ("announced", "applicable"),
    "1.2": ("updated", "applicable"),
    "1.3": ("complete", "applicable"),
    "3.1": ("online", "applicable"),
    "4.5a": ("population", "applicable"),
    "3.5": ("payable_online", "fee_bearing"),
    "3.5b": ("paid_online", "fee_bearing"),
}
# 5.4 subtracts two sets from the dossiers received: the late ones and those complained about.
SATISFACTION_COSTS = ("late", "complained")


def dossier_conditions(p: IndexPeriod) -> dict[str, Q]:
    """{name: condition} over the dossiers received in P (the index's dossier base)."""
    return {
        "received": Q(),
        "synced": SYNCED,
        "on_time": p.on_time,
        "late": p.late,
        "complained": p.complained,
        "online": p.online,
        "paper_result": PAPER_RESULT,
        "electronic_result": PAPER_RESULT & ELECTRONIC_RESULT,
        "digitized": p.digitized,
        "certification": CERTIFICATION_FIELD,
        "certification_electronic": CERTIFICATION_FIELD & ELECTRONIC_RESULT,
        "reused": PAPER_REUSED,
        "data_store": PAPER_FROM_DATA_STORE | RESULT_IN_DATA_STORE,
        "vneid": VNEID_VERIFIED,
        "owes_fee": p.owes_fee,
        "paid_online": p.paid_online,
    }


def received_dossiers(unit: Unit, period: Period) -> tuple[IndexPeriod, QuerySet]:
    """The dossiers of `unit`'s covered units received in `period`, and the index's conditions on them."""
    p = IndexPeriod(period)
    return p, dossiers_of(unit).filter(p.received)


# A condition that is another's negation (IndexPeriod.late = ~on_time) is counted as received − that one,
# not evaluated again on every row.
COMPLEMENTS = {"late": "on_time"}


def _counted_conditions(p: IndexPeriod) -> dict[str, Q]:
    return {name: q for name, q in dossier_conditions(p).items() if name not in COMPLEMENTS}


def _with_complements(found: dict[str, int]) -> dict[str, int]:
    return found | {name: found["received"] - found[other] for name, other in COMPLEMENTS.items()}


def dossier_counts(unit: Unit, period: Period) -> dict[str, int]:
    p, rows = received_dossiers(unit, period)
    return _with_complements(counts(rows, _counted_conditions(p)))


def _grouped_counts(rows: QuerySet, p: IndexPeriod, key) -> dict:
    """{key value: {name: count}} of the index's dossier conditions, in one query grouped by `key`."""
    grouped = rows.annotate(index_key=key).values("index_key").annotate(
        **{name: Count("pk", filter=condition) for name, condition in _counted_conditions(p).items()}
    ).order_by()
    return {row.pop("index_key"): _with_complements(row) for row in grouped}


def months_span(months: list[Period]) -> Period:
    """The period from the first of `months` to the last."""
    return Period(f"{months[0].label}..{months[-1].label}", months[0].start, months[-1].end)


def dossier_counts_by_month(unit: Unit, months: list[Period]) -> list[dict[str, int]]:
    """The dossier counts of each of `months` (consecutive calendar months), in one query grouped by month."""
    span = months_span(months)
    p = IndexPeriod(span, by_month=True)
    found = _grouped_counts(dossiers_of(unit).filter(p.received), p, p.month_end)
    empty = dict.fromkeys(dossier_conditions(p), 0)
    return [found.get(local_bounds(month)[1], empty) for month in months]


def dossier_counts_by_unit(covered: dict[int, frozenset[int]], period: Period) -> dict[int, dict[str, int]]:
    """{unit id: its dossier counts} for units given with their covered units' ids, in one query grouped by unit.

    A unit covered by two of them (a merged predecessor of both) is counted for each, in a query of its own.
    """
    p = IndexPeriod(period)
    owners: dict[int, list[int]] = {}
    for unit_id, ids in covered.items():
        for covered_id in ids:
            owners.setdefault(covered_id, []).append(unit_id)
    shared = {unit_id for owned in owners.values() if len(owned) > 1 for unit_id in owned}
    alone = {unit_id: [c for c in ids if len(owners[c]) == 1] for unit_id, ids in covered.items() if unit_id not in shared}
    empty = dict.fromkeys(dossier_conditions(p), 0)
    result = {unit_id: empty for unit_id in covered}
    whens = [When(unit_id__in=ids, then=Value(unit_id)) for unit_id, ids in alone.items() if ids]
    if whens:
        rows = Dossier.objects.filter(p.received, unit_id__in=[c for ids in alone.values() for c in ids])
        result |= _grouped_counts(rows, p, Case(*whens, output_field=IntegerField()))
    for unit_id in shared:
        rows = Dossier.objects.filter(p.received, unit_id__in=covered[unit_id])
        result[unit_id] = _with_complements(counts(rows, _counted_conditions(p)))
    return result


def dossier_set(unit: Unit, period: Period, name: str) -> QuerySet:
    """The dossiers counted by one named condition (for the drill-down lists)."""
    p, rows = received_dossiers(unit, period)
    return rows.filter(dossier_conditions(p)[name])


def applicable_procedures(unit: Unit, period: Period) -> QuerySet:
    """The procedures in force at the period's end that apply to one of `unit`'s covered units, annotated."""
    start, end = local_bounds(period)
    covered = covered_units(unit)
    ids = Procedure.objects.filter(units__in=covered).values("pk")
    verified = Dossier.objects.filter(
        procedure=OuterRef("pk"), unit__in=covered, received_at__gte=start, received_at__lt=end
    ).filter(VNEID_VERIFIED)
    # 3.5b: an online payment made in P for a dossier of the covered units — asked only of the procedures with a
    # fee (a procedure without one would have its every dossier searched for a payment).
    paid_online = Payment.objects.filter(
        PAID_ONLINE, dossier__procedure=OuterRef("pk"), dossier__unit__in=covered, at__gte=start, at__lt=end
    )
    return (
        Procedure.objects.filter(pk__in=ids)
        .filter(Q(announced_on__isnull=True) | Q(announced_on__lte=period.end))
        .filter(Q(abolished_on__isnull=True) | Q(abolished_on__gt=period.end))
        .annotate(
            index_steps=Count("steps", distinct=True),
            index_units=Count("units", distinct=True),
            index_verified=Exists(verified),
            index_paid_online=Case(When(PROCEDURE_WITH_FEE, then=Exists(paid_online)), default=Value(False)),
        )
    )


def procedure_conditions() -> dict[str, Q]:
    announced = Q(announced_on__isnull=False)
    return {
        "applicable": Q(),
        "announced": announced,
        "updated": announced & Q(process_approved=True),
        # Our rule "complete": name, sequence (steps), method, papers, deadline and agency (units) all given.
        "complete": Q(index_steps__gt=0, index_units__gt=0, legal_duration_unit__gt="", name__gt="")
        & ~Q(components=[]),
        "online": Q(online__in=(OnlineLevel.PARTIAL, OnlineLevel.FULL)),
        "population": Q(index_verified=True),
        "fee_bearing": PROCEDURE_WITH_FEE,
        "payable_online": PROCEDURE_WITH_FEE & PAYABLE_ONLINE,
        "paid_online": PROCEDURE_WITH_FEE & Q(index_paid_online=True),
    }


def procedure_counts(unit: Unit, period: Period) -> dict[str, int]:
    """Every procedure condition's count, in one query."""
    return counts(applicable_procedures(unit, period), procedure_conditions())


def procedure_set(unit: Unit, period: Period, name: str) -> QuerySet:
    return applicable_procedures(unit, period).filter(procedure_conditions()[name])


def feedback_conditions(period: Period) -> dict[str, Q]:
    """5.2 (our rule "feedback_due"), on Feedback: due in P (its stored deadline, motcua.feedback.deadline), and
    answered by that deadline."""
    start, end = local_bounds(period)
    due = Q(due_at__gte=start, due_at__lt=end)
    return {"due": due, "answered": due & Q(answered_at__lte=F("due_at"))}


def feedback_counts(unit: Unit, period: Period) -> dict[str, int]:
    conditions = feedback_conditions(period)
    return counts(Feedback.objects.filter(conditions["due"], unit__in=covered_units(unit)), conditions)


def feedback_set(unit: Unit, period: Period, name: str) -> QuerySet:
    """The feedback counted by one condition (for the drill-down lists), or by the denominator less the numerator."""
    conditions = feedback_conditions(period)
    chosen = conditions["due"] & ~conditions["answered"] if name == "cost" else conditions[name]
    return Feedback.objects.filter(chosen, unit__in=covered_units(unit))


def feedback_counts_by_month(unit: Unit, months: list[Period]) -> list[dict[str, int]]:
    """The feedback counts of each of `months` (consecutive calendar months), in one query grouped by month."""
    span = months_span(months)
    found = _feedback_grouped(Feedback.objects.filter(unit__in=covered_units(unit)), span, LocalMonthEnd("due_at"))
    return [found.get(local_bounds(month)[1], {"due": 0, "answered": 0}) for month in months]


def feedback_counts_by_unit(covered: dict[int, frozenset[int]], period: Period) -> dict[int, dict[str, int]]:
    """{unit id: its feedback counts} for units given with their covered units' ids, in one query grouped by unit."""
    ids = sorted(set().union(*covered.values())) if covered else []
    own = _feedback_grouped(Feedback.objects.filter(unit__in=ids), period, F("unit_id"))
    return {
        unit_id: {name: sum(own.get(c, {}).get(name, 0) for c in units) for name in ("due", "answered")}
        for unit_id, units in covered.items()
    }


def _feedback_grouped(rows: QuerySet, period: Period, key) -> dict:
    conditions = feedback_conditions(period)
    grouped = rows.filter(conditions["due"]).annotate(index_key=key).values("index_key").annotate(
        **{name: Count("pk", filter=condition) for name, condition in conditions.items()}
    ).order_by()
    return {row.pop("index_key"): row for row in grouped}
