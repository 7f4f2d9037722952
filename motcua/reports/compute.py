"""Computing appendix 01b for a unit and a period from dossiers, the catalog and entered values.

Which records a report covers: the report unit, every unit below it, and the
units it replaced in a merger with theirs. A district or province report is
therefore the sum of its communes for every dossier row, by construction.
Which records each row counts (received, decided, early or on time, ratings,
apologies; covered units; local-time period bounds) is defined once, in
motcua.dossiers.figures, for every surface that states these figures.

Times are judged in local time (Asia/Ho_Chi_Minh) whatever offset they were
stored with: the period [start, end] becomes [start 00:00, end + 1 day 00:00)
in local time and every comparison is made against those instants.

Catalog rows count the procedures applicable to the report: the distinct
procedures whose `units` list any covered unit (a commune: the procedures that
list it; a district or province: those that list it or any unit below it,
each procedure once however many communes list it — so a district's catalog
rows are not the sum of its communes'), in force at the end of the period
(announced on or before the end, not yet abolished the day after).

The additive rows — 3.3.x, 3.4.1–3.4.2, 3.5 and 1.4.x: events of a day — are
read from the monthly tallies (motcua.tallies) for the whole past months of
the period and counted on the records for the rest; the catalog rows are one
aggregate query with conditional counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from motcua.catalog.models import Mechanism, OnlineLevel, Procedure
from motcua.dossiers.figures import InPeriod, covered_units
from motcua.dossiers.figures import local_bounds  # noqa: F401 - the report's modules read it here
from motcua.dossiers.models import Channel
from motcua.lib.numbers import percent
from motcua.lib.periods import Period
from motcua.reform.figures import RegisterFigures, register_figures
from motcua.reports.checks import run_checks
from motcua.reports.indicators import VALUE_CODES
from motcua.reports.manual import manual_values
from motcua.tallies.tally import totals
from motcua.units.models import Unit

# 1.4.2's legend: Trực tuyến = 0, Phát phiếu = 1, Kết hợp = 2.
SURVEY_ONLINE, SURVEY_FORMS, SURVEY_BOTH = 0, 1, 2

_CHANNEL_LETTERS = {
    "a": Channel.COUNTER,
    "b": Channel.POSTAL,
    "c": Channel.ONLINE_PARTIAL,
    "d": Channel.ONLINE_FULL,
}

@dataclass
class Appendix:
    unit: Unit
    period: Period
    # Every VALUE_CODES code in the table's order; None = not known for the period.
    values: dict[str, object]
    checks: list[dict] = field(default_factory=list)
    # Where each register or manual row's value came from: "register" (computed
    # from the unit's registers) or "entered" (typed for the period); rows with
    # neither are absent. Not part of the exchange JSON.
    origins: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict:
        """Return the exchange.md shape of `report appendix --format json`."""
        return {
            "unit": {"code": self.unit.code, "name": self.unit.name},
            "period": {
                "label": self.period.label,
                "start": self.period.start.isoformat(),
                "end": self.period.end.isoformat(),
            },
            "values": dict(self.values),
            "checks": list(self.checks),
        }


def compute_appendix(unit: Unit, period: Period) -> Appendix:
    """Compute every appendix 01b value of `unit` over `period`, with the consistency checks."""
    covered = covered_units(unit)
    values: dict[str, object] = dict.fromkeys(VALUE_CODES)
    registers = register_figures(unit, covered, period)
    values.update(event_values(covered, period, registers))
    values.update(catalog_values(covered, period))
    # A register row comes from its register when the unit keeps it for the
    # year (motcua.reform.figures); otherwise it falls back to the value
    # entered by hand for the period, and says so in `origins`.
    entered = manual_values(unit, period, covered)
    values.update(entered)
    origins = {code: "entered" for code in entered}
    values.update(registers.values)
    origins.update(dict.fromkeys(registers.values, "register"))
    return Appendix(unit, period, values, run_checks(values), origins)


# {appendix row: the EVENTS figure it states} for 3.3.x, 3.4.1–3.4.2 and 3.5.
DOSSIER_ROWS = {
    "3.3.1": "received",
    "3.3.2": "in_time",
    "3.3.3": "in_time_land",
    "3.3.4": "in_time_construction",
    "3.4.1": "decided_portal",
    "3.4.2": "decided_website",
    **{f"3.3.1.{letter}": f"received_{channel}" for letter, channel in _CHANNEL_LETTERS.items()},
    **{f"3.3.2.{letter}": f"in_time_{channel}" for letter, channel in _CHANNEL_LETTERS.items()},
}
APOLOGY_ROWS = {"3.5": "apologised"}
# 1.4.1 and 1.4.2 are made of these.
RATING_FIGURES = ("rated", "rated_online", "rated_forms")


def dossier_conditions(period: Period) -> dict[str, Q]:
    """Return {appendix row: the condition a dossier meets to count in it} for 3.3.x and 3.4.1–3.4.2.

    The drill-down lists each row's dossiers with the same condition, so its
    lists and the appendix agree by construction.
    """
    p = InPeriod(period)
    return {code: getattr(p, name) for code, name in DOSSIER_ROWS.items()}


def event_values(units: QuerySet, period: Period, registers: RegisterFigures | None = None) -> dict[str, object]:
    """Return 3.3.1–3.3.4, 3.4.1–3.4.2, 3.5, 1.4.1 and 1.4.2: every additive figure, from the monthly tallies.

    motcua.tallies reads the whole months of the period from its tallies and
    counts the rest on the records, with EVENTS' conditions.
    """
    figures = totals(units, period, [*DOSSIER_ROWS.values(), *APOLOGY_ROWS.values(), *RATING_FIGURES])
    values: dict[str, object] = {code: figures[name] for code, name in (DOSSIER_ROWS | APOLOGY_ROWS).items()}
    values.update(_rating_rows(figures, registers))
    return values


def dossier_values(units: QuerySet, period: Period) -> dict[str, int]:
    """Return 3.3.1–3.3.4 and 3.4.1–3.4.2."""
    figures = totals(units, period, DOSSIER_ROWS.values())
    return {code: figures[name] for code, name in DOSSIER_ROWS.items()}


def apology_values(units: QuerySet, period: Period) -> dict[str, int]:
    """Return 3.5, the apologies issued in P."""
    return {"3.5": totals(units, period, ["apologised"])["apologised"]}


def rating_values(units: QuerySet, period: Period, registers: RegisterFigures | None = None) -> dict[str, int | None]:
    """Return 1.4.1 and 1.4.2 from the ratings given in P plus the survey register's responses collected in P."""
    return _rating_rows(totals(units, period, RATING_FIGURES), registers)


def _rating_rows(figures: dict[str, int], registers: RegisterFigures | None) -> dict[str, int | None]:
    row = {"total": figures["rated"], "online": figures["rated_online"], "forms": figures["rated_forms"]}
    # The register's paper and kiosk responses join the ratings' forms.
    if registers is not None:
        row["online"] += registers.survey_online
        row["forms"] += registers.survey_forms
        row["total"] += registers.survey_online + registers.survey_forms
    if not row["total"]:
        survey = None
    elif row["online"] and row["forms"]:
        survey = SURVEY_BOTH
    elif row["online"]:
        survey = SURVEY_ONLINE
    else:
        survey = SURVEY_FORMS
    return {"1.4.1": row["total"], "1.4.2": survey}


def applicable_procedures(units: QuerySet) -> QuerySet:
    """Return the distinct procedures that list any of `units`."""
    listed = Procedure.units.through.objects.filter(unit__in=units).values("procedure_id")
    return Procedure.objects.filter(pk__in=listed)


def catalog_values(units: QuerySet, period: Period) -> dict[str, int | float | None]:
    """Return 3.1.x, 3.2.x, 3.4.3 and 7.5.x in one aggregate query."""
    in_force = (Q(announced_on__isnull=True) | Q(announced_on__lte=period.end)) & (
        Q(abolished_on__isnull=True) | Q(abolished_on__gt=period.end)
    )
    # 3.2.5 is a share "of those processes" (3.2.4's approved ones): an
    # electronic process that was never approved does not count.
    approved = in_force & Q(process_approved=True)
    row = applicable_procedures(units).aggregate(
        in_force=Count("pk", filter=in_force),
        announced=Count("pk", filter=Q(announced_on__gte=period.start, announced_on__lte=period.end)),
        abolished=Count("pk", filter=Q(abolished_on__gte=period.start, abolished_on__lte=period.end)),
        one_stop=Count("pk", filter=in_force & Q(mechanism=Mechanism.ONE_STOP)),
        same_level=Count("pk", filter=in_force & Q(mechanism=Mechanism.INTERLINKED_SAME_LEVEL)),
        across_levels=Count("pk", filter=in_force & Q(mechanism=Mechanism.INTERLINKED_ACROSS_LEVELS)),
        approved=Count("pk", filter=approved),
        electronic=Count("pk", filter=approved & Q(process_electronic=True)),
        boundary_free=Count("pk", filter=in_force & Q(boundary_free=True)),
        payment=Count("pk", filter=in_force & Q(online_payment=True)),
        partial=Count("pk", filter=in_force & Q(online=OnlineLevel.PARTIAL)),
        full=Count("pk", filter=in_force & Q(online=OnlineLevel.FULL)),
    )
    return {
        "3.1": row["in_force"],
        "3.1.1": row["announced"],
        "3.1.2": row["abolished"],
        "3.1.3": row["in_force"],
        "3.2.1": row["one_stop"],
        "3.2.2": row["same_level"],
        "3.2.3": row["across_levels"],
        "3.2.4": percent(row["approved"], row["in_force"]),
        "3.2.5": percent(row["electronic"], row["approved"]),
        "3.2.6": row["boundary_free"],
        "3.4.3": row["payment"],
        "7.5.1": row["partial"],
        "7.5.2": row["full"],
    }
