"""Per-field statistics of dossier handling (the TTHC statistics table of the report).

For a unit (its subtree and merged predecessors) and a period P, per field:
- received: carried over (received before P, still open at its start), new
  online (partial or full), new at the counter or by post;
- resolved in P (approved or refused): early (before the due day, local
  time), on time (on the due day, not after the due time), late (after it);
- withdrawn in P (so that received = resolved + withdrawn + open);
- still open at the end of P: within the due time, or past it at the end of P.
One grouped aggregate query; local days come from the database's own
time-zone conversion, so times stored with any offset are judged in local time
(on SQLite by its built-in date() shifted by the zone's one offset, see LocalDate).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, fields

from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate

from motcua.dossiers.models import Channel, Dossier, Outcome
from motcua.dossiers.timeliness import LOCAL_TZ
from motcua.lib.periods import Period
from motcua.reports.compute import local_bounds
from motcua.units.models import Unit, subtree_with_predecessors


class LocalDate(TruncDate):
    """The local (LOCAL_TZ) calendar day of a stored instant, as TruncDate(…, tzinfo=LOCAL_TZ).

    On SQLite, Django's TruncDate calls a Python function for every row (0.25 s
    for a commune's quarter of 13,000 decisions, two days per row); SQLite's own
    date() shifted by the zone's offset gives the same day natively, as long as
    the zone has kept one offset (Việt Nam: +07:00 since 1975).
    """

    def __init__(self, expression, **extra):
        super().__init__(expression, tzinfo=LOCAL_TZ, **extra)

    def as_sqlite(self, compiler, connection, **extra_context):
        minutes = fixed_offset_minutes(LOCAL_TZ)
        if minutes is None:
            return self.as_sql(compiler, connection, **extra_context)
        sql, params = compiler.compile(self.lhs)
        return f"date({sql}, %s)", (*params, f"{minutes:+d} minutes")


@functools.cache
def fixed_offset_minutes(zone) -> int | None:
    """Return the zone's UTC offset in minutes when it was the same from 1976 to 2100, else None."""
    offsets = {
        zone.utcoffset(dt.datetime(year, month, 1))
        for year in range(1976, 2101)
        for month in (1, 4, 7, 10)
    }
    if len(offsets) != 1:
        return None
    return int(offsets.pop().total_seconds() // 60)


@dataclass(frozen=True)
class HandlingCounts:
    carried_over: int = 0
    received_online: int = 0
    received_counter_postal: int = 0
    resolved_early: int = 0
    resolved_on_time: int = 0
    resolved_late: int = 0
    withdrawn: int = 0
    open_within: int = 0
    open_past_due: int = 0

    @property
    def received(self) -> int:
        return self.carried_over + self.received_online + self.received_counter_postal

    @property
    def received_new(self) -> int:
        return self.received_online + self.received_counter_postal

    @property
    def resolved(self) -> int:
        return self.resolved_early + self.resolved_on_time + self.resolved_late

    @property
    def open(self) -> int:
        return self.open_within + self.open_past_due

    def __add__(self, other: "HandlingCounts") -> "HandlingCounts":
        return HandlingCounts(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})


@dataclass(frozen=True)
class FieldRow:
    field_code: str
    field_name: str
    counts: HandlingCounts


@dataclass(frozen=True)
class FieldStatistics:
    rows: list[FieldRow]
    total: HandlingCounts


def field_statistics(unit: Unit, period: Period) -> FieldStatistics:
    """Return per-field handling counts of the dossiers a report for `unit` over `period` covers."""
    start, end = local_bounds(period)
    online = [Channel.ONLINE_PARTIAL, Channel.ONLINE_FULL]
    in_person = [Channel.COUNTER, Channel.POSTAL]
    new = Q(received_at__gte=start)
    decided = Q(resolved_at__lt=end, outcome__in=[Outcome.APPROVED, Outcome.REFUSED])
    open_at_end = Q(resolved_at__isnull=True) | Q(resolved_at__gte=end)
    # The dossiers handled during P: received before its end, not resolved before its start.
    active = Dossier.objects.filter(unit__in=subtree_with_predecessors(unit), received_at__lt=end).filter(
        Q(resolved_at__isnull=True) | Q(resolved_at__gte=start)
    )
    grouped = (
        active.alias(
            resolved_day=LocalDate("resolved_at"),
            due_day=LocalDate("due_at"),
        )
        .values("procedure__field__code", "procedure__field__name")
        .annotate(
            carried_over=Count("pk", filter=Q(received_at__lt=start)),
            received_online=Count("pk", filter=new & Q(channel__in=online)),
            received_counter_postal=Count("pk", filter=new & Q(channel__in=in_person)),
            resolved_early=Count("pk", filter=decided & Q(resolved_day__lt=F("due_day"))),
            resolved_on_time=Count(
                "pk", filter=decided & Q(resolved_day__gte=F("due_day"), resolved_at__lte=F("due_at"))
            ),
            resolved_late=Count("pk", filter=decided & Q(resolved_at__gt=F("due_at"))),
            withdrawn=Count("pk", filter=Q(resolved_at__lt=end, outcome=Outcome.WITHDRAWN)),
            open_within=Count("pk", filter=open_at_end & Q(due_at__gte=end)),
            open_past_due=Count("pk", filter=open_at_end & Q(due_at__lt=end)),
        )
        .order_by("procedure__field__name", "procedure__field__code")
    )
    names = [f.name for f in fields(HandlingCounts)]
    rows = [
        FieldRow(
            row["procedure__field__code"],
            row["procedure__field__name"],
            HandlingCounts(**{name: row[name] for name in names}),
        )
        for row in grouped
    ]
    total = sum((row.counts for row in rows), HandlingCounts())
    return FieldStatistics(rows, total)
