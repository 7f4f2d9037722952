"""A receipt outside working hours counts from the next working period."""

from tests.workdays.conftest import at


def test_after_hours_counts_from_next_morning(cal):
    # Tue 12 Mar 2024 17:30 is after work: clock starts Wed 07:00; + 1 h = 08:00.
    assert cal.due(at("2024-03-12 17:30"), 60) == at("2024-03-13 08:00")


def test_night_receipt_counts_from_the_same_morning(cal):
    # An online dossier at 02:00 on Tue 12 Mar: clock starts 07:00; + 1 h = 08:00.
    assert cal.due(at("2024-03-12 02:00"), 60) == at("2024-03-12 08:00")


def test_friday_evening_counts_from_monday(cal):
    # Fri 15 Mar 2024 18:00 + 1 working day: Mon 18 07:00 + 8 h ends at Mon 17:00.
    assert cal.due_for(at("2024-03-15 18:00"), 1, "working_day") == at("2024-03-18 17:00")


def test_next_working_instant(cal):
    assert cal.next_working_instant(at("2024-03-12 02:00")) == at("2024-03-12 07:00")
    assert cal.next_working_instant(at("2024-03-12 09:15")) == at("2024-03-12 09:15")
    # At the very end of a period no working time is left in it.
    assert cal.next_working_instant(at("2024-03-12 11:30")) == at("2024-03-12 13:30")
    assert cal.next_working_instant(at("2024-03-15 17:00")) == at("2024-03-18 07:00")
