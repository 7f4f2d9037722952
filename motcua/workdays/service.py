"""Build a unit's WorkCalendar from the holidays package and what administrators declared.

Sources, later ones overriding earlier ones for the same date:
1. Vietnam's public holidays from the `holidays` package, including its days
   off in lieu (e.g. 2023-05-02/03) and its make-up weekend days
   (`weekend_workdays`, e.g. Saturday 2024-05-04), over every year the package
   supports — never a hard-coded year.
2. National DeclaredDay rows (province null).
3. DeclaredDay rows of the unit's province (the top of its tree), so a
   province may cancel a national make-up Saturday or add its own day off.
A declared 'working_day' removes the date from the days off (and, on a
weekend, makes it worked); a declared 'day_off' adds it.

Working hours: the WorkSchedule of the unit, else of its nearest ancestor,
else 07:00–11:30 and 13:30–17:00.

Calendars are cached per process, per (province, working hours). Saving or
deleting a DeclaredDay or WorkSchedule clears the cache (queryset .update()
and bulk_create send no signals: call `clear_cache()` after those). Other
processes (web workers, the CLI) see an edit within CACHE_SECONDS.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from functools import lru_cache

import holidays
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from motcua.workdays.calendar import DEFAULT_PERIODS, WorkCalendar
from motcua.workdays.models import DayKind, DeclaredDay, WorkSchedule

CACHE_SECONDS = 60
# Used only if the holidays package stops declaring the years it supports.
_YEARS_AROUND_TODAY = 100

Periods = tuple[tuple[dt.time, dt.time], ...]

_lock = threading.Lock()
_calendars: dict[tuple[str, Periods], tuple[float, WorkCalendar]] = {}
_unit_keys: dict[str, tuple[float, tuple[str, Periods]]] = {}
# Per thread, like Django's connections: this thread changed calendar data
# inside a transaction that may still roll back.
_transaction_state = threading.local()


def calendar_for_unit(unit) -> WorkCalendar:
    """Return the working-day calendar that applies to a unit."""
    use_cache = _cache_usable()
    now = time.monotonic()
    key = _cached(_unit_keys, unit.path, now) if use_cache else None
    if key is None:
        key = (_province_code(unit), _periods_for(unit))
        if use_cache:
            with _lock:
                _unit_keys[unit.path] = (now, key)
    calendar = _cached(_calendars, key, now) if use_cache else None
    if calendar is None:
        calendar = _build(*key)
        if use_cache:
            with _lock:
                _calendars[key] = (now, calendar)
    return calendar


def due_for_unit(unit, received_at: dt.datetime, value, duration_unit: str) -> dt.datetime:
    """Return the due instant of a duration for a dossier the unit received."""
    return calendar_for_unit(unit).due_for(received_at, value, duration_unit)


def working_time_between_for_unit(unit, a: dt.datetime, b: dt.datetime) -> dt.timedelta:
    """Return the unit's working time between two instants."""
    return calendar_for_unit(unit).working_time_between(a, b)


def exceptional_days(unit, year: int) -> list[tuple[dt.date, bool, str]]:
    """List a year's weekdays off and worked weekend days for a unit as (date, worked, name)."""
    calendar = calendar_for_unit(unit)
    names = dict(_national_holidays().names)
    for declared in _declared_days(_province_code(unit)):
        if declared.note:
            names[declared.date] = declared.note
    rows = []
    day = dt.date(year, 1, 1)
    while day.year == year:
        weekend = day.weekday() >= 5
        worked = calendar.is_working_day(day)
        if weekend and worked:
            rows.append((day, True, names.get(day, "Ngày làm bù (khai báo)")))
        elif not weekend and not worked:
            rows.append((day, False, names.get(day, "Ngày nghỉ (khai báo)")))
        day += dt.timedelta(days=1)
    return rows


def clear_cache() -> None:
    """Forget every cached calendar, and this thread's note of uncommitted calendar changes."""
    with _lock:
        _calendars.clear()
        _unit_keys.clear()
    # Called on commit, or by tests between their rolled-back transactions: in
    # both cases no change of this thread is pending any more.
    _transaction_state.uncommitted_change = False


@receiver(post_save, sender=DeclaredDay)
@receiver(post_delete, sender=DeclaredDay)
@receiver(post_save, sender=WorkSchedule)
@receiver(post_delete, sender=WorkSchedule)
def _calendar_data_changed(**kwargs):
    clear_cache()
    if connection.in_atomic_block:
        _transaction_state.uncommitted_change = True
        # Other threads may have cached calendars from the old rows meanwhile.
        transaction.on_commit(clear_cache)


def _cache_usable() -> bool:
    if not getattr(_transaction_state, "uncommitted_change", False):
        return True
    # A calendar built now could include rows that roll back; don't keep it.
    if connection.in_atomic_block:
        return False
    # The transaction ended one way or the other: start afresh.
    _transaction_state.uncommitted_change = False
    clear_cache()
    return True


def _cached(store: dict, key, now: float):
    entry = store.get(key)
    if entry is None or now - entry[0] > CACHE_SECONDS:
        return None
    return entry[1]


def _province_code(unit) -> str:
    return unit.path.split("/", 1)[0]


def _periods_for(unit) -> Periods:
    codes = unit.path.rstrip("/").split("/")
    schedules = {s.unit.uid: s for s in WorkSchedule.objects.filter(unit__uid__in=codes).select_related("unit")}
    for code in reversed(codes):
        if code in schedules:
            return schedules[code].periods
    return DEFAULT_PERIODS


def _declared_days(province_code: str) -> list[DeclaredDay]:
    national = list(DeclaredDay.objects.filter(province__isnull=True))
    provincial = list(DeclaredDay.objects.filter(province__uid=province_code))  # path segments are stable ids
    # National first so the province's own declaration wins on the same date.
    return national + provincial


def _build(province_code: str, periods: Periods) -> WorkCalendar:
    national = _national_holidays()
    days_off = set(national.days_off)
    working_weekend_days = set(national.working_weekend_days)
    for declared in _declared_days(province_code):
        if declared.kind == DayKind.WORKING_DAY:
            days_off.discard(declared.date)
            if declared.date.weekday() >= 5:
                working_weekend_days.add(declared.date)
        else:
            days_off.add(declared.date)
            working_weekend_days.discard(declared.date)
    return WorkCalendar(
        days_off=frozenset(days_off), working_weekend_days=frozenset(working_weekend_days), periods=periods
    )


class _NationalHolidays:
    def __init__(self, days_off, working_weekend_days, names):
        self.days_off = days_off
        self.working_weekend_days = working_weekend_days
        self.names = names


@lru_cache(maxsize=1)
def _national_holidays() -> _NationalHolidays:
    country = type(holidays.country_holidays("VN"))
    this_year = dt.date.today().year
    first = getattr(country, "start_year", None) or this_year - _YEARS_AROUND_TODAY
    last = getattr(country, "end_year", None) or this_year + _YEARS_AROUND_TODAY
    # One instance over the whole range (~0.2 s, once per process):
    # weekend_workdays only lists make-up days of the years it has populated.
    vn = holidays.country_holidays("VN", years=range(first, last + 1), language="vi")
    names = dict(vn.items())
    working_weekend_days = frozenset(vn.weekend_workdays)
    for worked in working_weekend_days:
        # The package names the day off "… (thay cho ngày 04/05/2024)".
        replaced = [day for day, name in names.items() if f"{worked:%d/%m/%Y}" in name and day != worked]
        names[worked] = f"Làm bù cho ngày {replaced[0]:%d/%m/%Y}" if replaced else "Ngày làm bù"
    return _NationalHolidays(frozenset(vn.keys()), working_weekend_days, names)
