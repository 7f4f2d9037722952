"""Durations in calendar days: same clock time N days later, moved into working time."""

from tests.workdays.conftest import at


def test_lands_in_working_time(cal):
    # Mon 11 Mar 2024 09:00 + 3 days = Thu 14 Mar 09:00, a working instant.
    assert cal.due_for(at("2024-03-11 09:00"), 3, "calendar_day") == at("2024-03-14 09:00")


def test_lands_at_lunch_moves_to_end_of_that_day(cal):
    # Mon 11 Mar 12:00 + 3 days = Thu 14 Mar 12:00 (lunch) → Thu 17:00.
    assert cal.due_for(at("2024-03-11 12:00"), 3, "calendar_day") == at("2024-03-14 17:00")


def test_lands_in_the_evening_moves_to_end_of_next_working_day(cal):
    # Mon 11 Mar 18:00 + 3 days = Thu 14 Mar 18:00 (after work) → Fri 15 Mar 17:00.
    assert cal.due_for(at("2024-03-11 18:00"), 3, "calendar_day") == at("2024-03-15 17:00")


def test_lands_on_a_weekend(cal):
    # Wed 13 Mar 09:00 + 3 days = Sat 16 Mar → end of Mon 18 Mar, 17:00.
    assert cal.due_for(at("2024-03-13 09:00"), 3, "calendar_day") == at("2024-03-18 17:00")


def test_lands_in_tet(cal):
    # Mon 5 Feb 2024 09:00 + 5 days = Sat 10 Feb (Tết, 8–14 Feb off) → Thu 15 Feb 17:00.
    assert cal.due_for(at("2024-02-05 09:00"), 5, "calendar_day") == at("2024-02-15 17:00")


def test_weekends_count_as_days(cal):
    # Fri 15 Mar 2024 10:00 + 7 days = Fri 22 Mar 10:00 (the weekend is counted).
    assert cal.due_for(at("2024-03-15 10:00"), 7, "calendar_day") == at("2024-03-22 10:00")
