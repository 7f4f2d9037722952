"""3.3.1: dossiers received in the period, by channel, judged in local time whatever offset they were stored with."""

import pytest

from motcua.lib.periods import parse_period
from motcua.reports.compute import compute_appendix

pytestmark = pytest.mark.django_db


def test_received_in_q2_by_channel(scenario, q2):
    values = compute_appendix(scenario.units.a, q2).values
    # D1 D2 D3 D4 D5 D6 D7 D10 D11 D12: counter D1 D5 D6 D10 D11, postal D2, partial D3, full D4 D7 D12.
    assert [values[c] for c in ("3.3.1", "3.3.1.a", "3.3.1.b", "3.3.1.c", "3.3.1.d")] == [10, 5, 1, 1, 3]


def test_utc_times_fall_on_their_local_date(scenario):
    # D9 was received 2023-06-30T18:00Z = 1 Jul 01:00 local: Q3, not Q2.
    # D10 was received 2023-03-31T17:30Z = 1 Apr 00:30 local: Q2, not Q1.
    q1 = compute_appendix(scenario.units.a, parse_period("2023-Q1")).values
    q3 = compute_appendix(scenario.units.a, parse_period("2023-Q3")).values
    # Q1: D8 (20 Mar) and D13 (1 Mar), both counter.
    assert (q1["3.3.1"], q1["3.3.1.a"]) == (2, 2)
    # Q3: D9 only, online partial.
    assert (q3["3.3.1"], q3["3.3.1.c"]) == (1, 1)


def test_the_last_local_day_is_included(scenario):
    # 2023-06-30..2023-06-30 local is [2023-06-29T17:00Z, 2023-06-30T17:00Z): nothing received on that day…
    assert compute_appendix(scenario.units.a, parse_period("2023-06-30..2023-06-30")).values["3.3.1"] == 0
    # …and 1 Apr local holds D10, stored as 31 Mar in UTC.
    one_day = compute_appendix(scenario.units.a, parse_period("2023-04-01..2023-04-01")).values
    assert (one_day["3.3.1"], one_day["3.3.1.a"]) == (1, 1)
