"""Working-day arithmetic for due dates: pure code, no Django.

A `WorkCalendar` knows which days are worked and the working periods of a day,
and turns "received at T, N working hours/days" into a due instant.

Conventions a user should know:

* Non-working days: Saturdays and Sundays, plus `days_off` (public holidays,
  days off in lieu, days an administrator declares off). A date in
  `working_weekend_days` (a make-up Saturday, "làm bù") is worked even if it
  also appears in `days_off`.
* Working time is the union of `periods`, by default 07:00–11:30 and
  13:30–17:00 local time (8 hours). Ends are inclusive for the *result*: when
  the time runs out exactly at the end of a period the due time is that end
  (17:00), never the start of the next period (07:00 the next morning).
* 1 working day = 8 working hours = 480 working minutes, whatever the hours of
  the unit. With the default hours (or e.g. 07:30–11:30, 13:00–17:00) a day
  holds exactly 480 minutes, so "N working days" lands at the same clock time
  N working days later; with hours that do not add up to 8, a "day" is still
  480 minutes of working time and may end at another clock time.
* A receipt outside working time (lunch, evening, night, a day off) counts
  from the next working period. `next_working_instant` gives that start.
* Every input must be timezone-aware (any offset: UTC, +07:00 …); naive
  datetimes are rejected. Results are aware, in the calendar's zone
  (Asia/Ho_Chi_Minh, +07:00). Durations are measured on the local wall clock.
* Same-day procedures ("trong ngày"): due at the end of the receipt's working
  day; received after 15:00 local, after the day's last period, or on a
  non-working day, due at the end of the next working day.
* Calendar-day durations: received + N calendar days, same clock time. If that
  instant is in working time it is the due time; otherwise it moves to the end
  of that working day when the day is worked and the instant is before its end
  (early morning, lunch), else to the end of the next working day (evening, a
  weekend or holiday). This is in the spirit of Bộ luật Dân sự 2015, Điều 148:
  a deadline that falls on a day off ends at the end of the next working day.
* `due(a, working_time_between(a, b)) == b` for every b in working time
  after a's clock start, except at a period start: `due` returns the earliest
  instant holding the working time, so b = 13:30 maps back to 11:30.
* `due` takes minutes or a timedelta (seconds are kept); it steps day by day,
  so hundreds of working days cost a few milliseconds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
DEFAULT_PERIODS: tuple[tuple[dt.time, dt.time], ...] = (
    (dt.time(7, 0), dt.time(11, 30)),
    (dt.time(13, 30), dt.time(17, 0)),
)
WORKING_DAY = dt.timedelta(hours=8)
SAME_DAY_CUTOFF = dt.time(15, 0)

DURATION_UNITS = ("working_hour", "working_day", "calendar_day", "same_day")

_ZERO = dt.timedelta(0)
_ONE_DAY = dt.timedelta(days=1)
_SATURDAY = 5
# Any run of non-working days longer than this means the calendar is broken
# (e.g. every day declared off); stop instead of looping for ever.
_MAX_DAYS_OFF_IN_A_ROW = 366


@dataclass(frozen=True)
class WorkCalendar:
    """A set of working days and the working periods within each of them."""

    days_off: frozenset[dt.date] = frozenset()
    working_weekend_days: frozenset[dt.date] = frozenset()
    periods: tuple[tuple[dt.time, dt.time], ...] = DEFAULT_PERIODS
    tz: dt.tzinfo = field(default=LOCAL_TZ)
    same_day_cutoff: dt.time = SAME_DAY_CUTOFF

    def __post_init__(self):
        if not self.periods:
            raise ValueError("a work calendar needs at least one working period")
        previous_end = None
        for start, end in self.periods:
            if not start < end:
                raise ValueError(f"working period {start}–{end} does not end after it starts")
            if previous_end is not None and start < previous_end:
                raise ValueError(f"working period {start}–{end} overlaps or precedes the one before it")
            previous_end = end
        # Frozen: normalise iterables passed by callers through object.__setattr__.
        object.__setattr__(self, "days_off", frozenset(self.days_off))
        object.__setattr__(self, "working_weekend_days", frozenset(self.working_weekend_days))
        object.__setattr__(self, "periods", tuple(tuple(p) for p in self.periods))

    # Days ------------------------------------------------------------------

    def is_working_day(self, day: dt.date) -> bool:
        """Tell whether a date is a working day."""
        if day in self.working_weekend_days:
            return True
        if day in self.days_off:
            return False
        return day.weekday() < _SATURDAY

    def next_working_day(self, day: dt.date) -> dt.date:
        """Return the first working day strictly after a date."""
        for _ in range(_MAX_DAYS_OFF_IN_A_ROW):
            day += _ONE_DAY
            if self.is_working_day(day):
                return day
        raise ValueError(f"no working day within {_MAX_DAYS_OFF_IN_A_ROW} days after {day}")

    @cached_property
    def day_length(self) -> dt.timedelta:
        """Return the working time of one working day."""
        day = dt.date.min
        spans = (dt.datetime.combine(day, end) - dt.datetime.combine(day, start) for start, end in self.periods)
        return sum(spans, _ZERO)

    # Instants --------------------------------------------------------------

    def is_working_time(self, t: dt.datetime) -> bool:
        """Tell whether an instant lies in a working period (ends included) of a working day."""
        t = self._local(t)
        if not self.is_working_day(t.date()):
            return False
        return any(start <= t <= end for start, end in self._bounds(t.date()))

    def next_working_instant(self, t: dt.datetime) -> dt.datetime:
        """Return the first instant at or after t from which working time runs."""
        t = self._local(t)
        day = t.date()
        for _ in range(_MAX_DAYS_OFF_IN_A_ROW):
            if self.is_working_day(day):
                for start, end in self._bounds(day):
                    if t < end:
                        return max(t, start)
            day += _ONE_DAY
        raise ValueError(f"no working time within {_MAX_DAYS_OFF_IN_A_ROW} days after {t}")

    def due(self, received_at: dt.datetime, working_minutes: int | dt.timedelta) -> dt.datetime:
        """Return the instant when the given working time has elapsed since received_at."""
        remaining = _as_timedelta(working_minutes)
        if remaining < _ZERO:
            raise ValueError("a duration cannot be negative")
        cursor = self._local(received_at)
        day = cursor.date()
        day_length = self.day_length
        days_off_in_a_row = 0
        while True:
            if self.is_working_day(day):
                days_off_in_a_row = 0
                bounds = self._bounds(day)
                # A whole day to consume: skip the per-period walk. Strictly
                # greater, so a duration ending at the day's end returns 17:00.
                if cursor <= bounds[0][0] and remaining > day_length:
                    remaining -= day_length
                else:
                    for start, end in bounds:
                        if cursor > end:
                            continue
                        begin = max(cursor, start)
                        available = end - begin
                        if remaining <= available:
                            return begin + remaining
                        remaining -= available
            else:
                days_off_in_a_row += 1
                if days_off_in_a_row > _MAX_DAYS_OFF_IN_A_ROW:
                    raise ValueError(f"no working day within {_MAX_DAYS_OFF_IN_A_ROW} days after {day}")
            day += _ONE_DAY
            cursor = dt.datetime.combine(day, dt.time.min, tzinfo=self.tz)

    def working_time_between(self, a: dt.datetime, b: dt.datetime) -> dt.timedelta:
        """Return the working time from a to b (zero when b is not after a)."""
        a, b = self._local(a), self._local(b)
        if b <= a:
            return _ZERO
        day_length = self.day_length
        total = _ZERO
        day = a.date()
        while day <= b.date():
            if self.is_working_day(day):
                bounds = self._bounds(day)
                if a <= bounds[0][0] and bounds[-1][1] <= b:
                    total += day_length
                else:
                    for start, end in bounds:
                        low, high = max(start, a), min(end, b)
                        if high > low:
                            total += high - low
            day += _ONE_DAY
        return total

    def due_for(self, received_at: dt.datetime, value: int | float | None, unit: str) -> dt.datetime:
        """Return the due instant of a duration expressed in one of the catalog's units."""
        if unit == "working_hour":
            return self.due(received_at, dt.timedelta(hours=_required(value, unit)))
        if unit == "working_day":
            return self.due(received_at, WORKING_DAY * _required(value, unit))
        if unit == "same_day":
            return self._same_day_due(received_at)
        if unit == "calendar_day":
            return self._calendar_day_due(received_at, _required(value, unit))
        raise ValueError(f"unknown duration unit {unit!r}; expected one of {', '.join(DURATION_UNITS)}")

    def day_end(self, day: dt.date) -> dt.datetime:
        """Return the end of the last working period of a date."""
        return dt.datetime.combine(day, self.periods[-1][1], tzinfo=self.tz)

    # Helpers ---------------------------------------------------------------

    def _same_day_due(self, received_at: dt.datetime) -> dt.datetime:
        t = self._local(received_at)
        day = t.date()
        end = self.day_end(day)
        if self.is_working_day(day) and t.time() <= self.same_day_cutoff and t < end:
            return end
        return self.day_end(self.next_working_day(day))

    def _calendar_day_due(self, received_at: dt.datetime, days: int | float) -> dt.datetime:
        # Wall-clock addition: same local time N days later.
        target = self._local(received_at) + dt.timedelta(days=days)
        if self.is_working_time(target):
            return target
        day = target.date()
        if self.is_working_day(day) and target < self.day_end(day):
            return self.day_end(day)
        return self.day_end(self.next_working_day(day))

    def _bounds(self, day: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
        return [
            (dt.datetime.combine(day, start, tzinfo=self.tz), dt.datetime.combine(day, end, tzinfo=self.tz))
            for start, end in self.periods
        ]

    def _local(self, t: dt.datetime) -> dt.datetime:
        if not isinstance(t, dt.datetime):
            raise TypeError(f"expected a datetime, got {type(t).__name__}")
        if t.tzinfo is None or t.utcoffset() is None:
            raise ValueError(f"{t.isoformat()} has no time zone; pass an aware datetime")
        return t.astimezone(self.tz)


def _as_timedelta(working: int | float | dt.timedelta) -> dt.timedelta:
    if isinstance(working, dt.timedelta):
        return working
    return dt.timedelta(minutes=working)


def _required(value, unit: str):
    if value is None:
        raise ValueError(f"a duration in {unit} needs a value")
    if value < 0:
        raise ValueError("a duration cannot be negative")
    return value
