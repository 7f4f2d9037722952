"""Fixtures for the working-day calendar: a pure Vietnamese calendar, a unit tree, local times."""

import datetime as dt

import holidays
import pytest

from motcua.workdays.calendar import LOCAL_TZ, WorkCalendar

# The years the hand-worked examples and the property tests live in.
YEARS = range(2022, 2028)


def at(text: str) -> dt.datetime:
    """Return 'YYYY-MM-DD HH:MM' as an aware local (+07:00) datetime."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=LOCAL_TZ)


def vn_calendar(**kwargs) -> WorkCalendar:
    """Build a WorkCalendar from the holidays package alone (no declared days)."""
    vn = holidays.country_holidays("VN", years=YEARS)
    return WorkCalendar(days_off=frozenset(vn), working_weekend_days=frozenset(vn.weekend_workdays), **kwargs)


@pytest.fixture(scope="session")
def cal() -> WorkCalendar:
    return vn_calendar()


@pytest.fixture
def units(db):
    """Two provinces: 38 → district 388 → commune 16003, and 40 → commune 17001."""
    from motcua.units.models import Unit, UnitLevel

    province, district, commune = (
        UnitLevel.objects.get_or_create(code=code, defaults={"name": code, "rank": rank})[0]
        for rank, code in enumerate(("province", "district", "commune"), start=1)
    )
    thanh_hoa = Unit.objects.create(code="38", name="Tỉnh Thanh Hóa", level=province)
    hoang_hoa = Unit.objects.create(code="388", name="Huyện Hoằng Hóa", level=district, parent=thanh_hoa)
    hoang_luu = Unit.objects.create(code="16003", name="Xã Hoằng Lưu", level=commune, parent=hoang_hoa)
    nghe_an = Unit.objects.create(code="40", name="Tỉnh Nghệ An", level=province)
    other = Unit.objects.create(code="17001", name="Xã Khác", level=commune, parent=nghe_an)
    return {
        "province": thanh_hoa,
        "district": hoang_hoa,
        "commune": hoang_luu,
        "other_province": nghe_an,
        "other": other,
    }
