"""The lunch break (11:30–13:30) is not working time."""

from tests.workdays.conftest import at


def test_hour_received_before_lunch(cal):
    # Tue 12 Mar 2024 11:00 + 1 h: 30 min until 11:30, then 13:30 + 30 min = 14:00.
    assert cal.due(at("2024-03-12 11:00"), 60) == at("2024-03-12 14:00")


def test_received_during_lunch_counts_from_13_30(cal):
    # 12:00 is lunch: the clock starts at 13:30; + 1 h = 14:30.
    assert cal.due(at("2024-03-12 12:00"), 60) == at("2024-03-12 14:30")


def test_runs_out_at_lunch_gives_the_morning_end(cal):
    # 10:00 + 1.5 h = 11:30 exactly: the end of the morning, not 13:30.
    assert cal.due(at("2024-03-12 10:00"), 90) == at("2024-03-12 11:30")
