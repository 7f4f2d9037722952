"""3.3.2–3.3.4: decisions in the period made at or before the due time in force."""

import pytest

from motcua.lib.periods import parse_period
from motcua.reports.compute import compute_appendix

from .scenario import make_dossier, vn

pytestmark = pytest.mark.django_db


def test_on_time_split_by_intake_channel(scenario, q2):
    values = compute_appendix(scenario.units.a, q2).values
    # D1 D2 D3 D5 D8 D10: counter D1 D5 D8 D10, postal D2, partial D3; D4 and D12 are late.
    assert [values[c] for c in ("3.3.2", "3.3.2.a", "3.3.2.b", "3.3.2.c", "3.3.2.d")] == [6, 4, 1, 1, 0]


def test_land_and_construction(scenario, q2):
    values = compute_appendix(scenario.units.a, q2).values
    # Land: D3 on time, D12 one second late. Construction: D5, a refusal on time.
    assert (values["3.3.3"], values["3.3.4"]) == (1, 1)


def test_resolved_exactly_at_the_due_time_is_on_time(scenario):
    # D2: due and resolved 12 Apr 16:30; D12: resolved at 17:00:01, due 17:00.
    day = compute_appendix(scenario.units.a, parse_period("2023-04-12..2023-04-12")).values
    assert (day["3.3.2"], day["3.3.2.b"]) == (1, 1)
    late = compute_appendix(scenario.units.a, parse_period("2023-04-25..2023-04-25")).values
    assert late["3.3.2"] == 0


def test_carried_over_dossier_counts_where_it_is_resolved(scenario):
    # D8 was received in Q1 and resolved on 4 Apr: on time in Q2, nothing in Q1's 3.3.2.
    q1 = compute_appendix(scenario.units.a, parse_period("2023-Q1")).values
    assert q1["3.3.2"] == 1  # D13 only
    april_4 = compute_appendix(scenario.units.a, parse_period("2023-04-04..2023-04-04")).values
    assert (april_4["3.3.1"], april_4["3.3.2"], april_4["3.3.2.a"]) == (0, 2, 2)  # D1 and D8


def test_refusal_counts_and_withdrawal_never_does(scenario):
    a, p1 = scenario.units.a, scenario.procedures.p1
    make_dossier("A-20", a, p1, "postal", vn(2023, 8, 1, 8), vn(2023, 8, 3, 17), vn(2023, 8, 2, 8), "refused")
    make_dossier("A-21", a, p1, "postal", vn(2023, 8, 1, 9), vn(2023, 8, 3, 17), vn(2023, 8, 2, 9), "withdrawn")
    values = compute_appendix(a, parse_period("2023-08-01..2023-08-31")).values
    assert (values["3.3.1"], values["3.3.2"], values["3.3.2.b"]) == (2, 1, 1)


def test_resolved_after_the_local_end_of_the_period_is_not_counted(scenario):
    # D11 was resolved at 2023-06-30T17:00Z = 1 Jul 00:00 local: Q3.
    q3 = compute_appendix(scenario.units.a, parse_period("2023-Q3")).values
    assert (q3["3.3.2"], q3["3.3.2.a"]) == (1, 1)
