"""Per-field statistics: carried over, new by channel, resolved early / on time / late, withdrawn, still open."""

import pytest

from motcua.reports.statistics import HandlingCounts, field_statistics

pytestmark = pytest.mark.django_db


def test_commune_by_field(scenario, q2):
    stats = field_statistics(scenario.units.a, q2)
    rows = {row.field_code: row.counts for row in stats.rows}
    assert sorted(rows) == ["dat_dai", "ho_tich", "xay_dung"]
    # Hộ tịch: carried over D8 (received 20 Mar, open on 1 Apr); new online D4 D7, counter/post D1 D2 D6 D10 D11.
    # Resolved in Q2: D1 early (4 Apr, due 5 Apr), D2 on time (at 16:30 on its due day), D8 early, D10 early,
    # D4 late. Withdrawn D6. Open at the end: D7 (due 5 Jul) and D11 (resolved 1 Jul local), both within.
    assert rows["ho_tich"] == HandlingCounts(
        carried_over=1, received_online=2, received_counter_postal=5,
        resolved_early=3, resolved_on_time=1, resolved_late=1, withdrawn=1, open_within=2, open_past_due=0,
    )
    # Đất đai: D3 on its due day before 17:00 (on time), D12 at 17:00:01 on its due day (late).
    assert rows["dat_dai"] == HandlingCounts(received_online=2, resolved_on_time=1, resolved_late=1)
    # Xây dựng: D5 refused the day before its due day (early).
    assert rows["xay_dung"] == HandlingCounts(received_counter_postal=1, resolved_early=1)
    total = stats.total
    assert (total.received, total.resolved, total.withdrawn, total.open) == (11, 8, 1, 2)
    assert total.received == total.resolved + total.withdrawn + total.open


def test_open_past_due_at_the_end(scenario):
    from motcua.lib.periods import parse_period

    # 1–4 Jul: D7 and D11 open at the start (D11 resolved at 1 Jul 00:00 local, the first instant); D9 new online.
    # At the end, D7 (due 5 Jul 17:00) is within its due time and D9 (due 3 Jul 17:00) is past it.
    early_july = field_statistics(scenario.units.a, parse_period("2023-07-01..2023-07-04")).total
    assert (early_july.carried_over, early_july.received_online, early_july.resolved_early) == (2, 1, 1)
    assert (early_july.open_within, early_july.open_past_due) == (1, 1)
    # 6 Jul: D7 and D9 carried over, both past due at the end.
    later = field_statistics(scenario.units.a, parse_period("2023-07-06..2023-07-06")).total
    assert (later.open_within, later.open_past_due) == (0, 2)


def test_district_sums_its_communes(scenario, q2):
    a = field_statistics(scenario.units.a, q2).total
    b = field_statistics(scenario.units.b, q2).total
    assert field_statistics(scenario.units.district, q2).total == a + b
    # B: E1 resolved at 08:00 on its due day (on time), E2 the day after its due day (late).
    assert (b.received, b.resolved_early, b.resolved_on_time, b.resolved_late) == (2, 0, 1, 1)
