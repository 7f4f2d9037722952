"""30/4 and 1/5, with the days off in lieu when they fall on a weekend."""

import datetime as dt

from tests.workdays.conftest import at


def test_spec_example_2023(cal):
    # Thu 27 Apr 2023 09:00 + 3 working days. Off: Sat 29 (Giỗ Tổ), Sun 30
    # (30/4), Mon 1 May (1/5), Tue 2 and Wed 3 May (in lieu of Giỗ Tổ and 30/4,
    # which fell on the weekend). Count: Fri 28 09:00 (1), Thu 4 May 09:00 (2),
    # Fri 5 May 09:00 (3).
    assert cal.due_for(at("2023-04-27 09:00"), 3, "working_day") == at("2023-05-05 09:00")


def test_days_in_lieu_2023_are_off(cal):
    assert not cal.is_working_day(dt.date(2023, 5, 2))
    assert not cal.is_working_day(dt.date(2023, 5, 3))
    assert cal.is_working_day(dt.date(2023, 5, 4))


def test_working_hours_count_the_same_way(cal):
    # 24 working hours = 3 working days: same answer as the spec example.
    assert cal.due_for(at("2023-04-27 09:00"), 24, "working_hour") == at("2023-05-05 09:00")
