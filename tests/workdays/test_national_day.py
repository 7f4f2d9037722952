"""National Day (2/9) and the day attached to it."""

import datetime as dt

from tests.workdays.conftest import at


def test_2023_national_day_off_from_1_to_4_september(cal):
    # 2023: Fri 1 and Sat 2 Sep are the holiday, Sun 3 weekend, Mon 4 in lieu of Sat 2.
    for day in (1, 2, 3, 4):
        assert not cal.is_working_day(dt.date(2023, 9, day)), day
    assert cal.is_working_day(dt.date(2023, 9, 5))


def test_one_day_over_national_day_2023(cal):
    # Thu 31 Aug 2023 09:00 + 1 working day: 1–4 Sep off, so Tue 5 Sep 09:00.
    assert cal.due_for(at("2023-08-31 09:00"), 1, "working_day") == at("2023-09-05 09:00")


def test_2024_national_day_off_2_and_3_september(cal):
    # Fri 30 Aug 2024 15:00 + 1 working day: Fri 15:00–17:00 (2 h), weekend,
    # Mon 2 and Tue 3 Sep off, Wed 4 Sep 07:00 + 6 h (4.5 h morning, 1.5 h
    # afternoon) = 15:00.
    assert cal.due_for(at("2024-08-30 15:00"), 1, "working_day") == at("2024-09-04 15:00")
