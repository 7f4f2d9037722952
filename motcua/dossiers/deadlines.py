"""A dossier's two due times — the committed one (`due_at`) and the legal one (`legal_due_at`) — and how a calendar change moves them.

Rule (exchange.md "Declared days off and make-up working days"): when a
province declares a day off or a make-up working day, or removes one, every
**open** dossier of the province whose remaining working time crosses that
day keeps its remaining working time: its due times move by exactly the
working time of the day (later for a day off, earlier for a worked day). The
legal and the committed due time move together, each dossier's change is one
event of its history, in the same transaction as the declaration. Resolved
dossiers keep their due times.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from motcua.catalog.models import DurationUnit
from motcua.dossiers.events import Verb, record_event, snapshot
from motcua.dossiers.models import OPEN_STATUSES, Dossier
from motcua.dossiers.timeliness import LOCAL_TZ
from motcua.workdays.service import calendar_for_unit, due_for_unit

DUE_FIELDS = ("due_at", "legal_due_at")


def legal_due(unit, procedure, received_at: dt.datetime) -> dt.datetime | None:
    """Return the due time the procedure's legal duration gives, or None when the catalog has none the calendar can count."""
    return _due(unit, received_at, procedure.legal_duration_value, procedure.legal_duration_unit)


def committed_due(unit, procedure, received_at: dt.datetime) -> dt.datetime | None:
    """Return the due time the unit commits to (the reduced duration, else the legal one), or None when it has none.

    The same working-day rule as intake: received outside working hours, the clock starts at the next working period.
    """
    return _due(unit, received_at, *procedure.committed_duration)


def _due(unit, received_at: dt.datetime, value, duration_unit) -> dt.datetime | None:
    if not duration_unit or (value is None and duration_unit != DurationUnit.SAME_DAY):
        return None
    try:
        return due_for_unit(unit, received_at, value, duration_unit)
    except (ValueError, OverflowError):
        return None


def _province_dossiers(province):
    """Open dossiers of a province (None: of every province)."""
    rows = Dossier.objects.filter(status__in=OPEN_STATUSES)
    if province is not None:
        code = province.path.split("/", 1)[0]
        rows = rows.filter(Q(unit__path=code) | Q(unit__path__startswith=f"{code}/"))
    return rows


def _crossing(rows, day: dt.date, now: dt.datetime):
    """Narrow to the dossiers whose remaining time (from now, or their receipt if later) may cross the day."""
    start_of_day = dt.datetime.combine(day, dt.time(0, 0), tzinfo=LOCAL_TZ)
    end_of_day = start_of_day + dt.timedelta(days=1)
    # Remaining time starts now (or at receipt): the day must not be over by then,
    # and one of the due times must lie after its start.
    return rows.filter(received_at__lt=end_of_day).filter(
        Q(due_at__gt=max(start_of_day, now)) | Q(legal_due_at__gt=max(start_of_day, now))
    )


@dataclass
class Remaining:
    """What is left of an open dossier's due times, in working time from `start`, before a calendar change."""

    dossier: Dossier
    start: dt.datetime
    left: dict[str, dt.timedelta]


def measure(province, day: dt.date, *, now: dt.datetime | None = None) -> list[Remaining]:
    """Before a calendar change on `day`: the working time each open dossier whose due times lie on or after the day has left."""
    now = now or timezone.now()
    measured = []
    for dossier in _crossing(_province_dossiers(province), day, now).select_related("unit").order_by("id"):
        calendar = calendar_for_unit(dossier.unit)
        start = max(now, dossier.received_at)
        left = {
            field: calendar.working_time_between(start, due)
            for field in DUE_FIELDS
            if (due := getattr(dossier, field)) is not None and due > start and due.astimezone(LOCAL_TZ).date() >= day
        }
        if left:
            measured.append(Remaining(dossier, start, left))
    return measured


def plan_moves(measured: list[Remaining]) -> list[tuple[Dossier, dict]]:
    """After the change (inside its transaction): (dossier, {field: new due time}) for each dossier whose due times move."""
    moves = []
    for item in measured:
        calendar = calendar_for_unit(item.dossier.unit)
        changed = {}
        for field, left in item.left.items():
            moved = calendar.due(item.start, left)
            if moved != getattr(item.dossier, field):
                changed[field] = moved
        if changed:
            moves.append((item.dossier, changed))
    return moves


def apply_moves(moves, actor, at: dt.datetime, reason: str) -> int:
    """Write planned moves (inside the caller's transaction): lock, change, bump version, one event each."""
    count = 0
    for planned, changed in moves:
        d = Dossier.objects.select_for_update(of=("self",)).get(pk=planned.pk)
        # Another action may have resolved it between the plan and the lock.
        if d.status not in OPEN_STATUSES:
            continue
        before = snapshot(d, list(changed))
        for field, value in changed.items():
            setattr(d, field, value)
        d.version += 1
        d.save(update_fields=[*changed, "version"])
        after = snapshot(d, list(changed))
        record_event(
            d,
            actor,
            Verb.CALENDAR_CHANGE,
            at,
            from_status=d.status,
            to_status=d.status,
            data={"before": before, "after": after, "version": d.version},
            reason=reason,
        )
        count += 1
    return count
