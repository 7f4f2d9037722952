"""Saturdays that become working days (làm bù), national or for one province."""

import datetime as dt

import pytest

from motcua.workdays.models import DayKind, DeclaredDay
from motcua.workdays.service import calendar_for_unit, due_for_unit
from tests.workdays.conftest import at


def test_2024_05_04_is_a_working_saturday(cal):
    # The government swapped Mon 29 Apr 2024 (off) with Sat 4 May 2024 (worked).
    assert cal.is_working_day(dt.date(2024, 5, 4))
    assert not cal.is_working_day(dt.date(2024, 4, 29))


def test_due_lands_on_the_working_saturday(cal):
    # Fri 3 May 2024 09:00 + 1 working day → Sat 4 May 09:00.
    assert cal.due_for(at("2024-05-03 09:00"), 1, "working_day") == at("2024-05-04 09:00")


def test_due_over_the_swapped_monday(cal):
    # Fri 26 Apr 2024 09:00 + 1 working day: Sat 27, Sun 28, Mon 29 (swapped),
    # Tue 30 Apr, Wed 1 May all off → Thu 2 May 09:00.
    assert cal.due_for(at("2024-04-26 09:00"), 1, "working_day") == at("2024-05-02 09:00")


@pytest.mark.django_db
def test_province_working_saturday_applies_only_to_that_province(units):
    # Province 38 declares Sat 16 Mar 2024 worked. Fri 15 Mar 09:00 + 1 day:
    # commune 16003 (in 38) → Sat 16 Mar 09:00; commune 17001 (in 40) → Mon 18 Mar 09:00.
    DeclaredDay.objects.create(province=units["province"], date=dt.date(2024, 3, 16), kind=DayKind.WORKING_DAY)
    assert due_for_unit(units["commune"], at("2024-03-15 09:00"), 1, "working_day") == at("2024-03-16 09:00")
    assert due_for_unit(units["other"], at("2024-03-15 09:00"), 1, "working_day") == at("2024-03-18 09:00")


@pytest.mark.django_db
def test_national_working_saturday_applies_everywhere(units):
    DeclaredDay.objects.create(date=dt.date(2024, 3, 16), kind=DayKind.WORKING_DAY, note="Làm bù")
    for unit in (units["commune"], units["other"]):
        assert calendar_for_unit(unit).is_working_day(dt.date(2024, 3, 16))


@pytest.mark.django_db
def test_province_may_cancel_a_national_working_saturday(units):
    # Province 38 declares Sat 4 May 2024 off again; province 40 keeps working it.
    DeclaredDay.objects.create(province=units["province"], date=dt.date(2024, 5, 4), kind=DayKind.DAY_OFF)
    assert not calendar_for_unit(units["commune"]).is_working_day(dt.date(2024, 5, 4))
    assert calendar_for_unit(units["other"]).is_working_day(dt.date(2024, 5, 4))


@pytest.mark.django_db
def test_declared_working_day_overrides_a_holiday(units):
    # Giỗ Tổ Thu 18 Apr 2024 declared worked nationally: Wed 17 10:00 + 1 day → Thu 18 10:00.
    DeclaredDay.objects.create(date=dt.date(2024, 4, 18), kind=DayKind.WORKING_DAY)
    assert due_for_unit(units["commune"], at("2024-04-17 10:00"), 1, "working_day") == at("2024-04-18 10:00")
