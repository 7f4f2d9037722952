"""Time that runs out exactly at a period's end gives that end, not the next start."""

from tests.workdays.conftest import at


def test_ends_at_17_00_not_next_morning(cal):
    # Tue 12 Mar 2024 13:30 + 3.5 h: the whole afternoon, 13:30–17:00.
    assert cal.due(at("2024-03-12 13:30"), 210) == at("2024-03-12 17:00")


def test_full_day_from_the_morning_ends_the_same_evening(cal):
    # 07:00 + 8 h = 4.5 h + 3.5 h: Tue 17:00, not Wed 07:00.
    assert cal.due_for(at("2024-03-12 07:00"), 1, "working_day") == at("2024-03-12 17:00")


def test_full_day_from_mid_morning_ends_next_day_same_time(cal):
    # 09:00 + 8 h: 6 h on Tuesday (09:00–11:30, 13:30–17:00), 2 h on Wednesday → 09:00.
    assert cal.due_for(at("2024-03-12 09:00"), 1, "working_day") == at("2024-03-13 09:00")


def test_friday_afternoon_ends_on_friday(cal):
    # Fri 15 Mar 2024 15:00 + 2 h = 17:00 Friday, not Monday 07:00.
    assert cal.due(at("2024-03-15 15:00"), 120) == at("2024-03-15 17:00")


def test_zero_duration(cal):
    # Inside a period (ends included) the instant itself; otherwise the next start.
    assert cal.due(at("2024-03-12 09:10"), 0) == at("2024-03-12 09:10")
    assert cal.due(at("2024-03-12 17:00"), 0) == at("2024-03-12 17:00")
    assert cal.due(at("2024-03-12 12:00"), 0) == at("2024-03-12 13:30")
    assert cal.due(at("2024-03-16 10:00"), 0) == at("2024-03-18 07:00")
