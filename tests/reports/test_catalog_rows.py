"""3.1.x, 3.2.x, 3.4.3 and 7.5.x: the distinct procedures applicable to the report and in force at the end of P."""

import datetime as dt

import pytest

from motcua.lib.periods import parse_period
from motcua.reports.compute import compute_appendix
from tests.factories import make_unit

from .scenario import EXPECTED_A, EXPECTED_B, EXPECTED_DISTRICT

pytestmark = pytest.mark.django_db

CATALOG_CODES = [
    "3.1", "3.1.1", "3.1.2", "3.1.3", "3.2.1", "3.2.2", "3.2.3", "3.2.4", "3.2.5", "3.2.6", "3.4.3", "7.5.1", "7.5.2",
]


def catalog(unit, period):
    found = compute_appendix(unit, parse_period(period)).values
    return {code: found[code] for code in CATALOG_CODES}


def test_commune_counts_the_procedures_listing_it(scenario):
    # P4 announced 10 May (3.1.1), P5 abolished 1 Jun (3.1.2), P6 announced 15 Jul: not yet in force.
    assert catalog(scenario.units.a, "2023-Q2") == {code: EXPECTED_A[code] for code in CATALOG_CODES}
    assert catalog(scenario.units.b, "2023-Q2") == {code: EXPECTED_B[code] for code in CATALOG_CODES}


def test_district_counts_each_procedure_once(scenario):
    # P1 lists both communes: 3.1.3 = 5, not A's 4 + B's 2.
    assert catalog(scenario.units.district, "2023-Q2") == {code: EXPECTED_DISTRICT[code] for code in CATALOG_CODES}
    assert catalog(scenario.units.province, "2023-Q2") == catalog(scenario.units.district, "2023-Q2")


def test_in_force_is_judged_at_the_end_of_the_period(scenario):
    # Q1 for A: P4 not yet announced, P5 still in force → P1 P2 P3 P5; nothing announced or abolished in Q1.
    q1 = catalog(scenario.units.a, "2023-Q1")
    assert (q1["3.1.3"], q1["3.1.1"], q1["3.1.2"]) == (4, 0, 0)
    # Q3 for A: P6 announced 15 Jul joins → P1 P2 P3 P4 P6.
    q3 = catalog(scenario.units.a, "2023-Q3")
    assert (q3["3.1.3"], q3["3.1.1"], q3["3.1.2"]) == (5, 1, 0)


def test_abolished_on_the_day_after_the_end_is_still_in_force(scenario):
    scenario.procedures.p3.abolished_on = dt.date(2023, 7, 1)
    scenario.procedures.p3.save()
    q2 = catalog(scenario.units.a, "2023-Q2")
    assert (q2["3.1.3"], q2["3.1.2"], q2["3.2.2"]) == (4, 1, 1)
    q3 = catalog(scenario.units.a, "2023-Q3")
    assert (q3["3.1.2"], q3["3.2.2"]) == (1, 0)


def test_percent_with_no_denominator_is_null(scenario):
    # The other commune: P7 only, no approved process → 3.2.4 = 0.0 %, 3.2.5 has no denominator.
    other = catalog(scenario.units.other, "2023-Q2")
    assert (other["3.1.3"], other["3.2.4"], other["3.2.5"]) == (1, 0.0, None)
    lonely = make_unit("16005", "Xã Hoằng Đông", "commune", scenario.units.district)
    empty = catalog(lonely, "2023-Q2")
    assert (empty["3.1.3"], empty["3.2.4"], empty["3.2.5"]) == (0, None, None)
