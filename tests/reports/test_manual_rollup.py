"""Entered values in the appendix: the unit's own, else for counts the sum of the nearest values below it."""

import datetime as dt

import pytest

from motcua.lib.periods import parse_period
from motcua.reports.compute import compute_appendix
from motcua.reports.manual import set_manual_values
from tests.factories import make_tree, make_unit

pytestmark = pytest.mark.django_db

Q2 = parse_period("2023-Q2")


@pytest.fixture
def tree(db):
    province, district, a, b, other_province, other = make_tree()
    return province, district, a, b


def values(unit, period=Q2):
    return compute_appendix(unit, period).values


def test_own_values_appear_typed(tree):
    a = tree[2]
    set_manual_values(a, Q2, ["1.1=252/QĐ-UBND ngày 30/12/2022", "1.1.1=28", "4.1.4=12,5", "6.1=1", "7.1=2 cấp"])
    found = values(a)
    assert found["1.1"] == "252/QĐ-UBND ngày 30/12/2022"
    assert found["1.1.1"] == 28 and isinstance(found["1.1.1"], int)
    assert found["4.1.4"] == 12.5 and isinstance(found["4.1.4"], float)
    assert (found["6.1"], found["7.1"]) == (1, 1)
    assert found["1.1.2"] is None  # never entered


def test_values_are_matched_by_dates_not_by_label(tree):
    a = tree[2]
    set_manual_values(a, parse_period("2023-04-01..2023-06-30"), ["1.1.1=28"])
    assert values(a)["1.1.1"] == 28
    assert values(a, parse_period("2023-H1"))["1.1.1"] is None


def test_counts_of_communes_are_summed_when_the_district_has_none(tree):
    province, district, a, b = tree
    set_manual_values(a, Q2, ["1.1.1=28", "2.1=1", "4.1.4=10", "6.1=1", "1.1=QĐ 1"])
    set_manual_values(b, Q2, ["1.1.1=12", "4.1.4=20", "6.1=1"])
    found = values(district)
    # 28 + 12; 2.1 only in A; percents, flags and text are not combined.
    assert (found["1.1.1"], found["2.1"]) == (40, 1)
    assert (found["4.1.4"], found["6.1"], found["1.1"]) == (None, None, None)
    assert values(province)["1.1.1"] == 40


def test_a_unit_own_value_stands_for_the_units_below_it(tree):
    province, district, a, b = tree
    set_manual_values(a, Q2, ["1.1.1=28"])
    set_manual_values(b, Q2, ["1.1.1=12"])
    set_manual_values(district, Q2, ["1.1.1=5"])
    assert values(district)["1.1.1"] == 5
    # The province has none: the district's 5 covers its communes, not 5 + 28 + 12.
    assert values(province)["1.1.1"] == 5


def test_merged_unit_sums_its_predecessors_once(tree):
    province, district, a, b = tree
    new = make_unit("16999", "Xã Hoằng Lưu Phụ", "commune", district, valid_from=dt.date(2025, 7, 1))
    a.successors.add(new)
    b.successors.add(new)
    set_manual_values(a, Q2, ["1.1.1=28"])
    set_manual_values(b, Q2, ["1.1.1=12"])
    assert values(new)["1.1.1"] == 40
    assert values(district)["1.1.1"] == 40  # not 80: the new commune has no value of its own
    set_manual_values(new, Q2, ["1.1.1=35"])
    assert values(new)["1.1.1"] == 35
    assert values(district)["1.1.1"] == 35  # the merged commune's figure covers its predecessors


def test_clearing_a_value(tree):
    a = tree[2]
    set_manual_values(a, Q2, ["1.1.1=28", "1.1=QĐ 1"])
    assert set_manual_values(a, Q2, ["1.1.1=", "1.1="]) == {"1.1.1": None, "1.1": None}
    found = values(a)
    assert (found["1.1.1"], found["1.1"]) == (None, None)
