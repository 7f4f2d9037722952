"""A report the system builds is consistent by construction, in a few queries however many dossiers there are."""

import pytest

from motcua.lib.periods import parse_period
from motcua.reports.compute import compute_appendix
from motcua.reports.manual import set_manual_values

from .scenario import EXPECTED_A, make_dossier, vn

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("unit", ["a", "b", "district", "province", "other", "other_province"])
@pytest.mark.parametrize("period", ["2023-Q1", "2023-Q2", "2023-Q3", "2023", "2023-04-12..2023-04-12"])
def test_built_reports_have_no_breach(scenario, unit, period):
    assert compute_appendix(getattr(scenario.units, unit), parse_period(period)).checks == []


def test_the_commune_report(scenario, q2):
    set_manual_values(scenario.units.a, q2, ["1.1.1=28", "1.1.2=10", "6.1=1"])
    appendix = compute_appendix(scenario.units.a, q2)
    assert {code: appendix.values[code] for code in EXPECTED_A} == EXPECTED_A
    assert (appendix.values["1.1.1"], appendix.values["1.1.2"], appendix.values["6.1"]) == (28, 10, 1)
    assert appendix.checks == []


def test_query_count_does_not_grow_with_dossiers(scenario, q2, django_assert_num_queries):
    # Cold: the three months of Q2 are counted on the records (one query per anchor) and stored as
    # tallies (motcua.tallies): 16 queries. Warm: the tallies are read in one query: 7.
    a, p1 = scenario.units.a, scenario.procedures.p1
    with django_assert_num_queries(16) as cold:
        compute_appendix(a, q2)
    with django_assert_num_queries(7) as warm:
        compute_appendix(a, q2)
    for n in range(30):
        received, due, resolved = vn(2023, 5, 2, 8), vn(2023, 5, 3, 17), vn(2023, 5, 3, 8)
        make_dossier(f"A-X{n:02d}", a, p1, "counter", received, due, resolved, "approved")
    # The new dossiers made May's tally invalid: counted again, then read.
    with django_assert_num_queries(len(cold.captured_queries)):
        values = compute_appendix(a, q2).values
    assert (values["3.3.1"], values["3.3.2"]) == (40, 36)
    with django_assert_num_queries(len(warm.captured_queries)):
        assert compute_appendix(a, q2).values == values
