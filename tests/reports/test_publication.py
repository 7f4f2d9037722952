"""3.4.1 and 3.4.2: decisions in the period published on the provincial portal and on the unit's website."""

import pytest

from motcua.reports.compute import compute_appendix

pytestmark = pytest.mark.django_db


def test_published_decisions(scenario, q2):
    values = compute_appendix(scenario.units.a, q2).values
    # Portal: D1 D2 D3 D4 D8 (D4 late still counts; D6 withdrawn and D11 resolved in Q3 do not).
    # Website: D1 D3 D4 D5.
    assert (values["3.4.1"], values["3.4.2"]) == (5, 4)
