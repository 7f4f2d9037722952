"""3.5: apologies issued in the period, judged by their local date."""

import pytest

from motcua.lib.periods import parse_period
from motcua.reports.compute import compute_appendix

pytestmark = pytest.mark.django_db


def test_apologies_issued_in_the_period(scenario, q2):
    # D4 on 16 May and D12 on 25 Apr; D7's was issued 2023-06-30T17:30Z = 1 Jul local.
    assert compute_appendix(scenario.units.a, q2).values["3.5"] == 2
    assert compute_appendix(scenario.units.a, parse_period("2023-Q3")).values["3.5"] == 1
    assert compute_appendix(scenario.units.b, q2).values["3.5"] == 0
