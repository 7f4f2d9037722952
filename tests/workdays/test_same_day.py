"""Same-day procedures ("trong ngày"): due at the end of the day, or the next day after 15:00."""

from tests.workdays.conftest import at


def test_received_before_15_00_is_due_the_same_evening(cal):
    # Tue 12 Mar 2024 14:59 → Tue 17:00.
    assert cal.due_for(at("2024-03-12 14:59"), 1, "same_day") == at("2024-03-12 17:00")


def test_received_after_15_00_is_due_next_working_day(cal):
    # Tue 12 Mar 2024 15:01 → Wed 13 Mar 17:00.
    assert cal.due_for(at("2024-03-12 15:01"), 1, "same_day") == at("2024-03-13 17:00")


def test_exactly_15_00_is_not_after_15_00(cal):
    assert cal.due_for(at("2024-03-12 15:00"), 1, "same_day") == at("2024-03-12 17:00")


def test_friday_after_15_00_is_due_monday(cal):
    assert cal.due_for(at("2024-03-15 16:00"), 1, "same_day") == at("2024-03-18 17:00")


def test_early_morning_and_lunch_are_the_same_day(cal):
    assert cal.due_for(at("2024-03-12 06:00"), 1, "same_day") == at("2024-03-12 17:00")
    assert cal.due_for(at("2024-03-12 12:30"), 1, "same_day") == at("2024-03-12 17:00")


def test_received_on_a_day_off_is_due_the_next_working_day(cal):
    # Sat 16 Mar 2024 (online) → Mon 18 Mar 17:00; Tết Thu 8 Feb 2024 → Thu 15 Feb 17:00.
    assert cal.due_for(at("2024-03-16 09:00"), 1, "same_day") == at("2024-03-18 17:00")
    assert cal.due_for(at("2024-02-08 09:00"), 1, "same_day") == at("2024-02-15 17:00")


def test_value_is_ignored(cal):
    assert cal.due_for(at("2024-03-12 09:00"), None, "same_day") == at("2024-03-12 17:00")
