"""A district or province report: every dossier row is the sum of its communes'."""

import pytest

from motcua.reports.compute import compute_appendix

from .scenario import DOSSIER_CODES, EXPECTED_DISTRICT

pytestmark = pytest.mark.django_db


def test_district_is_the_sum_of_its_communes(scenario, q2):
    a = compute_appendix(scenario.units.a, q2).values
    b = compute_appendix(scenario.units.b, q2).values
    district = compute_appendix(scenario.units.district, q2).values
    for code in DOSSIER_CODES:
        assert district[code] == a[code] + b[code], code
    assert {code: district[code] for code in DOSSIER_CODES} == {code: EXPECTED_DISTRICT[code] for code in DOSSIER_CODES}


def test_province_holds_its_district_and_not_the_other_province(scenario, q2):
    province = compute_appendix(scenario.units.province, q2).values
    district = compute_appendix(scenario.units.district, q2).values
    assert {code: province[code] for code in DOSSIER_CODES} == {code: district[code] for code in DOSSIER_CODES}
    other = compute_appendix(scenario.units.other_province, q2).values
    # F1 of Nghi Lộc only.
    assert (other["3.3.1"], other["3.3.2"], other["3.4.1"], other["1.4.1"]) == (1, 1, 1, 1)
