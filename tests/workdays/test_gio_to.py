"""Hùng Kings' Commemoration Day (Giỗ Tổ Hùng Vương, 10/3 lunar) is not worked."""

import datetime as dt

from tests.workdays.conftest import at


def test_gio_to_2024_is_thursday_18_april(cal):
    assert not cal.is_working_day(dt.date(2024, 4, 18))


def test_one_day_over_gio_to_2024(cal):
    # Wed 17 Apr 2024 10:00 + 1 working day: Thu 18 off, so Fri 19 Apr 10:00.
    assert cal.due_for(at("2024-04-17 10:00"), 1, "working_day") == at("2024-04-19 10:00")
