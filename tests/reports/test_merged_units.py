"""A unit created by a merger reports its predecessors' records for past periods."""

import datetime as dt

import pytest

from motcua.reports.compute import compute_appendix
from tests.factories import make_unit

from .scenario import EXPECTED_DISTRICT

pytestmark = pytest.mark.django_db


@pytest.fixture
def merged(scenario):
    units = scenario.units
    units.a.valid_to = units.b.valid_to = dt.date(2025, 6, 30)
    units.a.save()
    units.b.save()
    new = make_unit("16999", "Xã Hoằng Lưu Phụ", "commune", units.district, "H56.20.99", valid_from=dt.date(2025, 7, 1))
    units.a.successors.add(new)
    units.b.successors.add(new)
    return new


def test_merged_commune_covers_its_predecessors_for_a_past_period(scenario, merged, q2):
    values = compute_appendix(merged, q2).values
    # Dossiers and catalog of Hoằng Lưu and Hoằng Phụ together: the district's figures.
    assert {code: values[code] for code in EXPECTED_DISTRICT} == EXPECTED_DISTRICT


def test_district_does_not_count_predecessors_twice(scenario, merged, q2):
    values = compute_appendix(scenario.units.district, q2).values
    assert {code: values[code] for code in EXPECTED_DISTRICT} == EXPECTED_DISTRICT


def test_predecessor_alone_is_unchanged(scenario, merged, q2):
    values = compute_appendix(scenario.units.b, q2).values
    assert (values["3.3.1"], values["3.1.3"]) == (2, 2)
