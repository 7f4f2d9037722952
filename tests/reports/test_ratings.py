"""1.4.1 and 1.4.2: satisfaction responses in the period and the survey form used."""

import pytest

from motcua.lib.periods import parse_period
from motcua.reports.compute import compute_appendix

pytestmark = pytest.mark.django_db


def values(unit, period):
    found = compute_appendix(unit, parse_period(period)).values
    return found["1.4.1"], found["1.4.2"]


def test_online_and_paper_is_combined(scenario):
    # A in Q2: D1 online, D2 paper → Kết hợp = 2.
    assert values(scenario.units.a, "2023-Q2") == (2, 2)


def test_online_only(scenario):
    # B in Q2: E1 online → Trực tuyến = 0; A in Q1: D8 online.
    assert values(scenario.units.b, "2023-Q2") == (1, 0)
    assert values(scenario.units.a, "2023-Q1") == (1, 0)


def test_forms_only(scenario):
    # A in Q3: D3's kiosk rating at 2023-06-30T17:00Z = 1 Jul local → Phát phiếu = 1; other commune: paper.
    assert values(scenario.units.a, "2023-Q3") == (1, 1)
    assert values(scenario.units.other, "2023-Q2") == (1, 1)


def test_blank_when_no_response(scenario):
    assert values(scenario.units.b, "2023-Q3") == (0, None)
