"""Public figures of a unit and the units below it: the headline figures of motcua.dossiers.figures, nothing personal.

The figures are the report's (the same covered units, merged predecessors
included, and the same decided / early / on time / late), so the public page,
the public statistics API and appendix 01b agree for every unit and period.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import get_language, gettext

from motcua.dossiers.figures import Headline, InPeriod, dossiers_of, headline, headline_by_unit
from motcua.lib.periods import Period
from motcua.units.models import Unit, covered_unit_ids


@dataclass(frozen=True)
class Row:
    """One row of the statistics: a unit (or the unit's own records) and its figures."""

    unit: Unit | None
    label: str
    figures: Headline

    @property
    def on_time_share(self) -> str:
        return percent_text(self.figures.on_time_percent)

    @property
    def online_share(self) -> str:
        return percent_text(self.figures.online_percent)

    @property
    def satisfied_share(self) -> str:
        return percent_text(self.figures.satisfied_percent)


def percent_text(value: float | None) -> str:
    """Return a share as the API gives it (two decimals), without trailing zeros: "66,67 %", "50 %"; "—" for none.

    A no-break space comes before %; the decimal point is a comma in Vietnamese, a point in English.
    """
    if value is None:
        return "—"
    figure = format(Decimal(str(value)).quantize(Decimal("0.01")).normalize(), "f")
    if not (get_language() or "").startswith("en"):
        figure = figure.replace(".", ",")
    return figure + "\u00a0%"


def _in_force_during(period: Period) -> Q:
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=period.end)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gte=period.start)
    )


def unit_statistics(unit: Unit, period: Period) -> tuple[Row, list[Row]]:
    """Return the figures of `unit` (with its units below and merged predecessors), and one row per unit below.

    The rows are the units directly below that were in force during the
    period, and the unit's own records when it has any. Each unit's records
    go to one row: the smallest that covers them — a predecessor listed
    itself keeps its own, a merged commune carries those of predecessors no
    longer listed — so that the rows add up to the total.
    """
    children = list(Unit.objects.filter(parent=unit).filter(_in_force_during(period)).order_by("name"))
    if not children:
        return Row(unit, unit.name, headline(unit, period)), []
    covered = covered_unit_ids([unit, *children])
    row_of: dict[int, int] = {}
    for child in sorted(children, key=lambda c: (-len(covered[c.pk]), c.code)):
        row_of.update(dict.fromkeys(covered[child.pk], child.pk))
    unit_ids = covered[unit.pk]
    own = unit_ids - row_of.keys()
    # One grouped pass over every unit concerned; the total is the sum over the unit's own covered units.
    by_unit = headline_by_unit([*row_of, *own], period)

    def summed(ids) -> Headline:
        return sum((by_unit[i] for i in ids if i in by_unit), Headline())

    rows = [Row(child, child.name, summed(i for i, pk in row_of.items() if pk == child.pk)) for child in children]
    own_figures = summed(own)
    if own_figures != Headline():
        rows.insert(0, Row(unit, gettext("%(unit)s (trực tiếp)") % {"unit": unit.name}, own_figures))
    return Row(unit, unit.name, summed(unit_ids)), rows


def resolved_dossiers(unit: Unit, period: Period):
    """Return the dossiers decided (approved or refused) in `period` by `unit`'s covered units, newest first."""
    return (
        dossiers_of(unit)
        .filter(InPeriod(period).decided)
        .select_related("procedure", "unit")
        .only("code", "procedure__name", "unit__name", "resolved_at", "due_at", "outcome", "applicant_name")
        .order_by("-resolved_at", "code")
    )
