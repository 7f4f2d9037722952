"""A unit's identity is not its code: one code, two units at different times; codes resolved by date."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from motcua.units.models import Unit, UnitDesignation, find_unit, set_designations
from tests.factories import make_tree, make_unit

pytestmark = pytest.mark.django_db

JUNE_30, JULY_1 = dt.date(2025, 6, 30), dt.date(2025, 7, 1)


@pytest.fixture
def handover():
    """Hoằng Lưu holds 16003 until 30 Jun 2025; the new Hoằng Châu holds it from 1 Jul 2025."""
    province, district, luu, *_ = make_tree()
    luu.valid_to = JUNE_30
    luu.save()
    chau = make_unit("16003", "Xã Hoằng Châu", "commune", province, "H56.83", valid_from=JULY_1)
    luu.successors.add(chau)
    return province, luu, chau


def test_one_code_two_units_at_different_times(handover):
    province, luu, chau = handover
    assert Unit.objects.filter(code="16003").count() == 2
    assert (luu.uid, chau.uid) == ("16003", "16003-2025")
    # Paths are built from stable ids, so both live in the tree side by side.
    assert (luu.path, chau.path) == ("38/388/16003/", "38/16003-2025/")
    assert list(chau.designations.values_list("code", "name", "valid_from", "valid_to")) == [
        ("16003", "Xã Hoằng Châu", JULY_1, None)
    ]
    assert chau.ancestors() == [province] and chau.province() == province


def test_overlapping_holders_of_a_code_are_refused_in_vietnamese(handover):
    province, luu, chau = handover
    with pytest.raises(ValidationError) as caught:
        make_unit("16003", "Xã Hoằng Đạo", "commune", province, valid_from=dt.date(2025, 1, 1))
    assert caught.value.messages == [
        "mã đơn vị 16003 của Xã Hoằng Đạo (từ 01/01/2025) trùng thời gian với Xã Hoằng Lưu (đến 30/06/2025): "
        "mỗi mã chỉ thuộc một đơn vị tại một thời điểm",
        "mã đơn vị 16003 của Xã Hoằng Châu (từ 01/07/2025) trùng thời gian với Xã Hoằng Đạo (từ 01/01/2025): "
        "mỗi mã chỉ thuộc một đơn vị tại một thời điểm",
    ]
    assert not Unit.objects.filter(name="Xã Hoằng Đạo").exists()
    # Prolonging the old holder into the new one's time is refused too, and changes nothing.
    luu.valid_to = dt.date(2025, 12, 31)
    with pytest.raises(ValidationError):
        luu.save()
    assert UnitDesignation.objects.get(unit=Unit.objects.get(uid="16003")).valid_to == JUNE_30


def test_history_of_codes_and_names(handover):
    province, luu, chau = handover
    set_designations(
        chau,
        [("16003", "Xã Hoằng Châu", JULY_1, dt.date(2027, 12, 31)), ("16010", "Phường Hoằng Châu", dt.date(2028, 1, 1), None)],
    )
    chau.refresh_from_db()
    assert (chau.code, chau.name) == ("16010", "Phường Hoằng Châu")
    with pytest.raises(ValidationError) as caught:
        set_designations(chau, [("16003", "Xã Hoằng Châu", JULY_1, None), ("16010", "Phường Hoằng Châu", dt.date(2028, 1, 1), None)])
    assert caught.value.messages == [
        "Phường Hoằng Châu giữ hai mã cùng lúc: 16003 (từ 01/07/2025) và 16010 (từ 01/01/2028)"
    ]
    assert chau.designations.count() == 2


def test_a_code_is_resolved_by_date(handover):
    province, luu, chau = handover
    assert find_unit("16003", dt.date(2023, 6, 30)) == luu
    assert find_unit("16003", JUNE_30) == luu
    assert find_unit("16003", JULY_1) == chau
    assert find_unit("16003", dt.date(2026, 3, 31)) == chau
    # By stable id, whatever the day; unknown text: nothing.
    assert find_unit("16003-2025", dt.date(2023, 6, 30)) == chau
    assert find_unit("99999") is None


def test_a_code_nobody_holds_that_day_names_its_last_holder(handover):
    province, luu, chau = handover
    phu = Unit.objects.get(code="16004")
    phu.valid_to = JUNE_30
    phu.save()
    assert find_unit("16004", dt.date(2026, 1, 1)) == phu
    late = make_unit("16500", "Xã mới", "commune", province, valid_from=dt.date(2030, 1, 1))
    assert find_unit("16500", dt.date(2026, 1, 1)) == late


def test_resolution_stays_within_the_given_units(handover):
    province, luu, chau = handover
    assert find_unit("16003", JULY_1, queryset=Unit.objects.filter(pk=luu.pk)) == luu
    assert find_unit("16003", JULY_1, queryset=Unit.objects.none()) is None
