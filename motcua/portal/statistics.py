"""Public figures of a unit and the units below it: aggregate queries over dossiers and ratings, nothing personal."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.utils.translation import get_language, gettext

from motcua.dossiers.models import Channel, Dossier, Rating, RatingValue
from motcua.dossiers.queries import day_start, received_between_q
from motcua.units.models import Unit

ONLINE_CHANNELS = [Channel.ONLINE_PARTIAL, Channel.ONLINE_FULL]
SATISFIED_VALUES = [RatingValue.VERY_SATISFIED, RatingValue.SATISFIED]


@dataclass
class Figures:
    """One row of the statistics: counts and the shares they give."""

    unit: Unit | None
    label: str
    received: int = 0
    online: int = 0
    resolved: int = 0
    on_time: int = 0
    ratings: int = 0
    satisfied: int = 0

    def add(self, other: "Figures") -> None:
        for name in ("received", "online", "resolved", "on_time", "ratings", "satisfied"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def on_time_share(self) -> str:
        return percent(self.on_time, self.resolved)

    @property
    def online_share(self) -> str:
        return percent(self.online, self.received)

    @property
    def satisfied_share(self) -> str:
        return percent(self.satisfied, self.ratings)


def percent(part: int, whole: int) -> str:
    """Return a share as text with one decimal, "66,7 %" (a no-break space before %; "66.7 %" in English); "—" when there is nothing to share."""
    if not whole:
        return "—"
    figure = f"{100 * part / whole:.1f}"
    if not (get_language() or "").startswith("en"):
        figure = figure.replace(".", ",")
    return figure + "\u00a0%"


def day_bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """Return the instants from the start of `start` to the start of the day after `end`, Việt Nam time."""
    return day_start(start), day_start(end + dt.timedelta(days=1))


def unit_statistics(unit: Unit, start: dt.date, end: dt.date) -> tuple[Figures, list[Figures]]:
    """Return the figures of `unit` with everything below it, and one row per unit directly below it.

    Received and online count dossiers received in the period; resolved and on
    time count dossiers resolved in it (on time: not after the due time in
    force); satisfaction counts the ratings given in it.
    """
    begin, stop = day_bounds(start, end)
    received = received_between_q(start, end)
    resolved = Q(resolved_at__gte=begin, resolved_at__lt=stop)
    per_unit = (
        Dossier.objects.filter(unit__path__startswith=unit.path)
        .filter(received | resolved)
        .values("unit_id")
        .annotate(
            received=Count("id", filter=received),
            online=Count("id", filter=received & Q(channel__in=ONLINE_CHANNELS)),
            resolved=Count("id", filter=resolved),
            on_time=Count("id", filter=resolved & Q(resolved_at__lte=F("due_at"))),
        )
    )
    rated = (
        Rating.objects.filter(dossier__unit__path__startswith=unit.path, at__gte=begin, at__lt=stop)
        .values("dossier__unit_id")
        .annotate(ratings=Count("id"), satisfied=Count("id", filter=Q(value__in=SATISFIED_VALUES)))
    )
    children = list(Unit.objects.filter(parent=unit).order_by("name"))
    rows = {child.pk: Figures(child, child.name) for child in children}
    own = Figures(unit, gettext("%(unit)s (trực tiếp)") % {"unit": unit.name})
    paths = dict(Unit.objects.filter(path__startswith=unit.path).values_list("pk", "path"))
    child_paths = [(child.path, child.pk) for child in children]

    def row_of(unit_id) -> Figures:
        path = paths.get(unit_id, "")
        for prefix, pk in child_paths:
            if path.startswith(prefix):
                return rows[pk]
        return own

    for item in per_unit:
        row_of(item["unit_id"]).add(
            Figures(None, "", item["received"], item["online"], item["resolved"], item["on_time"])
        )
    for item in rated:
        row_of(item["dossier__unit_id"]).add(Figures(None, "", ratings=item["ratings"], satisfied=item["satisfied"]))
    total = Figures(unit, unit.name)
    breakdown = [*rows.values()]
    if own.received or own.resolved or own.ratings:
        breakdown.insert(0, own)
    for row in breakdown:
        total.add(row)
    return total, (breakdown if children else [])


def resolved_dossiers(unit: Unit, start: dt.date, end: dt.date):
    """Return the dossiers of `unit` and below resolved in the days from `start` to `end`, newest first."""
    begin, stop = day_bounds(start, end)
    return (
        Dossier.objects.filter(unit__path__startswith=unit.path, resolved_at__gte=begin, resolved_at__lt=stop)
        .select_related("procedure", "unit")
        .only("code", "procedure__name", "unit__name", "resolved_at", "due_at", "outcome", "applicant_name")
        .order_by("-resolved_at", "code")
    )
