"""Early, on time or late: how a resolution compares with the due time, judged on the local clock."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

EARLY = "early"
ON_TIME = "on_time"
LATE = "late"
WITHIN = "within"
OVERDUE = "overdue"


def _local(t: dt.datetime) -> dt.datetime:
    if t.tzinfo is None or t.utcoffset() is None:
        raise ValueError(f"{t.isoformat()} has no time zone; pass an aware datetime")
    return t.astimezone(LOCAL_TZ)


def classify(resolved_at: dt.datetime, due_at: dt.datetime) -> str:
    """Return 'early' (before the due day), 'on_time' (on the due day, not after the due time) or 'late'."""
    resolved, due = _local(resolved_at), _local(due_at)
    if resolved > due:
        return LATE
    # Days are local days: 23:30 UTC is already the next morning in Việt Nam.
    if resolved.date() < due.date():
        return EARLY
    return ON_TIME


def classify_open(due_at: dt.datetime, at: dt.datetime) -> str:
    """Return 'within' while an unresolved dossier's due time has not passed at `at`, else 'overdue'."""
    return OVERDUE if _local(at) > _local(due_at) else WITHIN
