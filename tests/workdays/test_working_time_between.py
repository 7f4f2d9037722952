"""Working time elapsed between two instants."""

import datetime as dt

import pytest

from motcua.workdays.service import working_time_between_for_unit
from tests.workdays.conftest import at

H = dt.timedelta(hours=1)


def test_across_a_weekend(cal):
    # Fri 15 Mar 2024 15:00 → Mon 18 Mar 09:00: Fri 15:00–17:00 (2 h) + Mon 07:00–09:00 (2 h) = 4 h.
    assert cal.working_time_between(at("2024-03-15 15:00"), at("2024-03-18 09:00")) == 4 * H


def test_across_lunch(cal):
    # 11:00 → 14:00: 11:00–11:30 + 13:30–14:00 = 1 h.
    assert cal.working_time_between(at("2024-03-12 11:00"), at("2024-03-12 14:00")) == H


def test_spec_example_is_three_days(cal):
    # Thu 27 Apr 2023 09:00 → Fri 5 May 09:00 = 3 working days = 24 h.
    assert cal.working_time_between(at("2023-04-27 09:00"), at("2023-05-05 09:00")) == 24 * H


def test_outside_hours_on_both_sides(cal):
    # Tue 12 Mar 2024 18:00 → Thu 14 Mar 06:00: only Wed 13 Mar, a full 8 h day.
    assert cal.working_time_between(at("2024-03-12 18:00"), at("2024-03-14 06:00")) == 8 * H


def test_reversed_or_equal_is_zero(cal):
    assert cal.working_time_between(at("2024-03-18 09:00"), at("2024-03-15 15:00")) == dt.timedelta(0)
    assert cal.working_time_between(at("2024-03-18 09:00"), at("2024-03-18 09:00")) == dt.timedelta(0)


def test_mixed_offsets(cal):
    # 2024-03-12T04:00Z = 11:00 local; to 14:00 local = 1 h as above.
    start = dt.datetime(2024, 3, 12, 4, 0, tzinfo=dt.UTC)
    assert cal.working_time_between(start, at("2024-03-12 14:00")) == H


@pytest.mark.django_db
def test_for_a_unit(units):
    assert working_time_between_for_unit(units["commune"], at("2024-03-15 15:00"), at("2024-03-18 09:00")) == 4 * H
