"""Per-unit office hours, inherited from the nearest ancestor that sets them."""

import datetime as dt

import pytest

from motcua.workdays.models import WorkSchedule
from motcua.workdays.service import calendar_for_unit, due_for_unit
from tests.workdays.conftest import at

pytestmark = pytest.mark.django_db

T = dt.time


def _schedule(unit, morning, afternoon):
    (morning_start, morning_end), (afternoon_start, afternoon_end) = morning, afternoon
    return WorkSchedule.objects.create(
        unit=unit,
        morning_start=morning_start,
        morning_end=morning_end,
        afternoon_start=afternoon_start,
        afternoon_end=afternoon_end,
    )


def test_default_hours_without_a_schedule(units):
    assert calendar_for_unit(units["commune"]).periods == ((T(7, 0), T(11, 30)), (T(13, 30), T(17, 0)))


def test_commune_inherits_its_district_schedule(units):
    # District 388 works 07:30–11:30, 13:00–17:00. Commune 16003 below it:
    # Tue 12 Mar 2024 11:00 + 1 h = 30 min to 11:30, then 13:00 + 30 min = 13:30.
    _schedule(units["district"], (T(7, 30), T(11, 30)), (T(13, 0), T(17, 0)))
    assert due_for_unit(units["commune"], at("2024-03-12 11:00"), 1, "working_hour") == at("2024-03-12 13:30")
    # Another province keeps the default hours: 11:00 + 1 h = 14:00.
    assert due_for_unit(units["other"], at("2024-03-12 11:00"), 1, "working_hour") == at("2024-03-12 14:00")


def test_a_day_of_custom_hours_is_still_eight_hours(units):
    # 07:30–11:30 (4 h) + 13:00–17:00 (4 h) = 8 h: 07:30 + 1 day = 17:00 the same day.
    _schedule(units["district"], (T(7, 30), T(11, 30)), (T(13, 0), T(17, 0)))
    assert due_for_unit(units["commune"], at("2024-03-12 07:30"), 1, "working_day") == at("2024-03-12 17:00")
    # 07:00 is before this unit's morning: the clock starts at 07:30.
    assert due_for_unit(units["commune"], at("2024-03-12 07:00"), 1, "working_hour") == at("2024-03-12 08:30")


def test_own_schedule_beats_the_parent(units):
    # District: 07:30–11:30, 13:00–17:00; commune: 08:00–12:00, 13:00–17:00.
    # Commune 11:00 + 2 h: 1 h to 12:00, 13:00 + 1 h = 14:00.
    _schedule(units["district"], (T(7, 30), T(11, 30)), (T(13, 0), T(17, 0)))
    _schedule(units["commune"], (T(8, 0), T(12, 0)), (T(13, 0), T(17, 0)))
    assert due_for_unit(units["commune"], at("2024-03-12 11:00"), 2, "working_hour") == at("2024-03-12 14:00")


def test_province_schedule_reaches_the_commune(units):
    _schedule(units["province"], (T(7, 30), T(11, 30)), (T(13, 0), T(17, 0)))
    assert calendar_for_unit(units["commune"]).periods == ((T(7, 30), T(11, 30)), (T(13, 0), T(17, 0)))


def test_editing_a_schedule_takes_effect_at_once(units):
    schedule = _schedule(units["district"], (T(7, 30), T(11, 30)), (T(13, 0), T(17, 0)))
    assert calendar_for_unit(units["commune"]).periods[0][0] == T(7, 30)
    schedule.morning_start = T(8, 0)
    schedule.save()
    assert calendar_for_unit(units["commune"]).periods[0][0] == T(8, 0)
    schedule.delete()
    assert calendar_for_unit(units["commune"]).periods[0][0] == T(7, 0)
