"""Extra days off an administrator declares (nghỉ bù, nghỉ thêm)."""

import datetime as dt

import pytest

from motcua.workdays.models import DayKind, DeclaredDay
from motcua.workdays.service import due_for_unit
from tests.workdays.conftest import at

pytestmark = pytest.mark.django_db


def test_national_day_off(units):
    # Mon 18 Mar 2024 declared off nationally. Fri 15 Mar 09:00 + 1 working day:
    # weekend, Mon off → Tue 19 Mar 09:00, in every province.
    DeclaredDay.objects.create(date=dt.date(2024, 3, 18), kind=DayKind.DAY_OFF, note="Nghỉ thêm")
    for unit in (units["commune"], units["other"]):
        assert due_for_unit(unit, at("2024-03-15 09:00"), 1, "working_day") == at("2024-03-19 09:00")


def test_province_day_off_applies_only_to_its_tree(units):
    # Province 40 declares Mon 18 Mar 2024 off: its commune → Tue 19 09:00; 38's commune → Mon 18 09:00.
    DeclaredDay.objects.create(province=units["other_province"], date=dt.date(2024, 3, 18), kind=DayKind.DAY_OFF)
    assert due_for_unit(units["other"], at("2024-03-15 09:00"), 1, "working_day") == at("2024-03-19 09:00")
    assert due_for_unit(units["commune"], at("2024-03-15 09:00"), 1, "working_day") == at("2024-03-18 09:00")


def test_province_unit_itself_uses_its_declared_days(units):
    DeclaredDay.objects.create(province=units["province"], date=dt.date(2024, 3, 18), kind=DayKind.DAY_OFF)
    assert due_for_unit(units["province"], at("2024-03-15 09:00"), 1, "working_day") == at("2024-03-19 09:00")


def test_deleting_the_declaration_restores_the_day(units):
    declared = DeclaredDay.objects.create(date=dt.date(2024, 3, 18), kind=DayKind.DAY_OFF)
    assert due_for_unit(units["commune"], at("2024-03-15 09:00"), 1, "working_day") == at("2024-03-19 09:00")
    declared.delete()
    assert due_for_unit(units["commune"], at("2024-03-15 09:00"), 1, "working_day") == at("2024-03-18 09:00")
