"""calendar_for_unit: the holidays package, declared days, caching."""

import datetime as dt

import pytest

from motcua.workdays.models import DayKind, DeclaredDay
from motcua.workdays import service
from motcua.workdays.service import calendar_for_unit, clear_cache, exceptional_days

pytestmark = pytest.mark.django_db


def test_holidays_package_days_in_lieu_and_make_up_days(units):
    calendar = calendar_for_unit(units["commune"])
    # Days in lieu of 2023 (Giỗ Tổ and 30/4 fell on the weekend).
    assert dt.date(2023, 5, 2) in calendar.days_off
    assert dt.date(2023, 5, 3) in calendar.days_off
    # Make-up Saturday of 2024.
    assert dt.date(2024, 5, 4) in calendar.working_weekend_days


def test_years_far_from_today_are_covered(units):
    # Tết 2090 falls on Thu 9 Feb by the package's lunar calendar; nothing is hard-coded here.
    calendar = calendar_for_unit(units["commune"])
    assert any(d.year == 2090 for d in calendar.days_off)
    assert any(d.year == 2001 for d in calendar.days_off)


def test_cached_per_province_and_hours(units, monkeypatch):
    # As in production outside a transaction that changed calendar data.
    monkeypatch.setattr(service._transaction_state, "uncommitted_change", False, raising=False)
    first = calendar_for_unit(units["commune"])
    assert calendar_for_unit(units["district"]) is first
    assert calendar_for_unit(units["commune"]) is first
    assert calendar_for_unit(units["other"]) is not first


def test_not_cached_while_a_change_may_roll_back(units):
    # The test runs in a transaction: after this write, a cached calendar could
    # outlive a rollback, so each call builds afresh.
    DeclaredDay.objects.create(date=dt.date(2024, 3, 18), kind=DayKind.DAY_OFF)
    first = calendar_for_unit(units["commune"])
    assert calendar_for_unit(units["commune"]) is not first
    assert first == calendar_for_unit(units["commune"])


def test_cache_is_not_shared_across_provinces(units):
    DeclaredDay.objects.create(province=units["province"], date=dt.date(2024, 3, 18), kind=DayKind.DAY_OFF)
    assert not calendar_for_unit(units["commune"]).is_working_day(dt.date(2024, 3, 18))
    assert calendar_for_unit(units["other"]).is_working_day(dt.date(2024, 3, 18))


def test_new_declaration_invalidates_the_cache(units):
    assert calendar_for_unit(units["commune"]).is_working_day(dt.date(2024, 3, 18))
    DeclaredDay.objects.create(date=dt.date(2024, 3, 18), kind=DayKind.DAY_OFF)
    assert not calendar_for_unit(units["commune"]).is_working_day(dt.date(2024, 3, 18))


def test_update_without_signals_needs_clear_cache(units):
    declared = DeclaredDay.objects.create(date=dt.date(2024, 3, 18), kind=DayKind.DAY_OFF)
    assert not calendar_for_unit(units["commune"]).is_working_day(dt.date(2024, 3, 18))
    DeclaredDay.objects.filter(pk=declared.pk).update(kind=DayKind.WORKING_DAY)
    clear_cache()
    assert calendar_for_unit(units["commune"]).is_working_day(dt.date(2024, 3, 18))


def test_exceptional_days_of_2024(units):
    DeclaredDay.objects.create(
        province=units["province"], date=dt.date(2024, 3, 18), kind=DayKind.DAY_OFF, note="Nghỉ lễ hội tỉnh"
    )
    rows = {day: (worked, name) for day, worked, name in exceptional_days(units["commune"], 2024)}
    assert rows[dt.date(2024, 2, 8)] == (False, "29 Tết")
    assert rows[dt.date(2024, 4, 18)] == (False, "Ngày Giỗ Tổ Hùng Vương")
    assert rows[dt.date(2024, 5, 4)] == (True, "Làm bù cho ngày 29/04/2024")
    assert rows[dt.date(2024, 3, 18)] == (False, "Nghỉ lễ hội tỉnh")
    # Tết days on the weekend (Sat 10, Sun 11 Feb) are not listed: they are off anyway.
    assert dt.date(2024, 2, 10) not in rows
