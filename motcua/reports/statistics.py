"""Per-field statistics of dossier handling (the TTHC statistics table of the report).

For a unit (its subtree and merged predecessors) and a period P, per field:
- received: carried over (received before P, still open at its start), new
  online (partial or full), new at the counter or by post;
- resolved in P (approved or refused): early (before the due day, local
  time), on time (on the due day, not after the due time), late (after it);
- withdrawn in P (so that received = resolved + withdrawn + open);
- still open at the end of P: within the due time, or past it at the end of P.
Each count is a figure of motcua.dossiers.figures (the same early, on time and
late as the public statistics), in one grouped aggregate query.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from django.db.models import Count

from motcua.dossiers.figures import InPeriod, dossiers_of
from motcua.lib.periods import Period
from motcua.units.models import Unit


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
    p = InPeriod(period)
    conditions = {
        "carried_over": p.carried_over,
        "received_online": p.received_online,
        "received_counter_postal": p.received_in_person,
        "resolved_early": p.early,
        "resolved_on_time": p.on_time,
        "resolved_late": p.late,
        "withdrawn": p.withdrawn,
        "open_within": p.open_within,
        "open_past_due": p.open_past_due,
    }
    grouped = (
        dossiers_of(unit)
        .filter(p.handled)
        .values("procedure__field__code", "procedure__field__name")
        .annotate(**{name: Count("pk", filter=condition) for name, condition in conditions.items()})
        .order_by("procedure__field__name", "procedure__field__code")
    )
    rows = [
        FieldRow(
            row["procedure__field__code"],
            row["procedure__field__name"],
            HandlingCounts(**{name: row[name] for name in conditions}),
        )
        for row in grouped
    ]
    total = sum((row.counts for row in rows), HandlingCounts())
    return FieldStatistics(rows, total)
