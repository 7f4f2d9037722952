"""Saturdays and Sundays are not worked."""

import datetime as dt

from tests.workdays.conftest import at


def test_saturday_and_sunday_are_days_off(cal):
    # 2024-03-15 is a Friday, 16–17 the weekend, 18 a Monday; no holiday near.
    assert cal.is_working_day(dt.date(2024, 3, 15))
    assert not cal.is_working_day(dt.date(2024, 3, 16))
    assert not cal.is_working_day(dt.date(2024, 3, 17))
    assert cal.is_working_day(dt.date(2024, 3, 18))


def test_hours_skip_the_weekend(cal):
    # Fri 15 Mar 2024 16:00: one hour left on Friday (16:00–17:00); the second
    # hour is Monday 07:00–08:00.
    assert cal.due(at("2024-03-15 16:00"), 120) == at("2024-03-18 08:00")


def test_days_skip_the_weekend(cal):
    # Thu 14 Mar 2024 10:00 + 2 working days: Fri 15 10:00 (1), skip Sat/Sun,
    # Mon 18 10:00 (2).
    assert cal.due_for(at("2024-03-14 10:00"), 2, "working_day") == at("2024-03-18 10:00")
