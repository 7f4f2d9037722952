"""Bad inputs fail loudly instead of giving a wrong date."""

import datetime as dt

import pytest

from motcua.workdays.calendar import WorkCalendar
from tests.workdays.conftest import at


def test_negative_duration(cal):
    with pytest.raises(ValueError, match="negative"):
        cal.due(at("2024-03-12 09:00"), -1)
    with pytest.raises(ValueError, match="negative"):
        cal.due_for(at("2024-03-12 09:00"), -1, "working_day")


def test_unknown_duration_unit(cal):
    with pytest.raises(ValueError, match="unknown duration unit"):
        cal.due_for(at("2024-03-12 09:00"), 1, "fortnight")


def test_missing_value(cal):
    with pytest.raises(ValueError, match="needs a value"):
        cal.due_for(at("2024-03-12 09:00"), None, "working_day")


@pytest.mark.parametrize(
    "periods",
    [
        (),
        ((dt.time(11, 30), dt.time(7, 0)),),
        ((dt.time(7, 0), dt.time(12, 0)), (dt.time(11, 0), dt.time(17, 0))),
    ],
)
def test_bad_periods(periods):
    with pytest.raises(ValueError):
        WorkCalendar(periods=periods)


def test_working_weekend_day_wins_over_a_day_off():
    saturday = dt.date(2024, 3, 16)
    calendar = WorkCalendar(days_off=frozenset({saturday}), working_weekend_days=frozenset({saturday}))
    assert calendar.is_working_day(saturday)


def test_calendar_is_immutable(cal):
    with pytest.raises(AttributeError):
        cal.periods = ()
