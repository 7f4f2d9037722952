"""A dossier stopped at the citizen's request (Mẫu 05) counts like a withdrawal on every surface.

The scenario's D6 (commune A) was withdrawn on 03/06/2023; stopped instead, it
leaves every figure as it was: received 10, decided 8 (6 in time), and the
report's balance counts it with the withdrawals (received = resolved + withdrawn + open).
"""

import pytest

from motcua.dossiers.models import Dossier, Outcome, Status
from motcua.reports.compute import compute_appendix
from motcua.reports.statistics import field_statistics
from tests.figures.test_one_truth import EXPECTED, from_api, from_drilldown, from_field_statistics, from_public_page


def surfaces(client, unit, period):
    return {
        "report": compute_appendix(unit, period).values,
        "field statistics": from_field_statistics(unit, period),
        "drill-down": from_drilldown(unit, period),
        "public page": from_public_page(client, unit),
        "public API": from_api(client, unit),
        "withdrawn": field_statistics(unit, period).total.withdrawn,
    }


@pytest.mark.django_db
def test_a_stop_counts_like_a_withdrawal(client, scenario, q2):
    unit = scenario.units.a
    withdrawn = surfaces(client, unit, q2)
    assert withdrawn["withdrawn"] == 1
    assert (withdrawn["public API"]["received"], withdrawn["public API"]["resolved"]) == (10, 8)

    Dossier.objects.filter(pk=scenario.dossiers.d6.pk).update(outcome=Outcome.STOPPED, status=Status.STOPPED)
    stopped = surfaces(client, unit, q2)
    assert stopped == withdrawn
    assert stopped["public API"]["resolved"] == EXPECTED["a"]["resolved"]
    assert stopped["report"]["3.3.2"] == 6
