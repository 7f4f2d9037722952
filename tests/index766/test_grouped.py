"""The page's trend and ranking read the index of many months / units in one grouped query each.

Each month of the trend must count exactly what compute_index counts for that
month alone (its own end E), and each ranked unit what it counts alone.
Hand-worked on tests/index766/scenario.py (commune A = 16003, B = 16004, district 388):
  October 2026 (E = 1 Nov 00:00): N0 received 30/10, approved 3/11 09:00, due 3/11 17:00: not ended by E and
    due after E → on time: 2.1 = 1/1. No feedback due in October (F2 is due 9/11) → 5.2 N/A, full points.
  November: 2.1 = 5/9 and total 42.01 as in test_index.py. N7 (open, due 3/12) is on time at November's end —
    judged at the span's end (1 Jan) it would be late and 2.1 would read 4/9.
  December: nothing received → 2.1 = 0/0 (N/A).
  Ranking for November: A 2.1 = 5/9, B 2.1 = 1/1 (M1 on time); the district 388 covers both: 6/10.
"""

import pytest

from motcua.index766.compute import compute_index, index_by_month, index_by_unit
from motcua.lib.periods import parse_period
from tests.index766 import scenario as month

pytestmark = pytest.mark.django_db

MONTHS = [parse_period(label) for label in ("2026-10", "2026-11", "2026-12")]
NOVEMBER = MONTHS[1]


@pytest.fixture
def world():
    return month.build()


def ratio(result, code):
    return result.scores[code].numerator, result.scores[code].denominator


def test_each_month_of_the_trend_is_that_month_alone(world):
    october, november, december = index_by_month(world.units.a, MONTHS)
    assert ratio(october, "2.1") == (1, 1)
    assert ratio(october, "5.2") == (0, 0)
    assert ratio(november, "2.1") == (5, 9)
    assert ratio(november, "5.2") == (1, 2)
    assert float(round(november.total, 2)) == 42.01
    assert ratio(december, "2.1") == (0, 0)
    for grouped, alone in zip((october, november, december), MONTHS, strict=True):
        assert grouped.period == alone
        assert grouped.as_json() == compute_index(world.units.a, alone).as_json()


def test_the_trend_of_the_district(world):
    results = index_by_month(world.units.district, MONTHS)
    assert ratio(results[1], "2.1") == (6, 10)
    assert [r.as_json() for r in results] == [compute_index(world.units.district, m).as_json() for m in MONTHS]


def test_each_ranked_unit_is_that_unit_alone(world):
    a, b = world.units.a, world.units.b
    ranked = index_by_unit([a, b], NOVEMBER)
    assert (ratio(ranked[a.pk], "2.1"), ratio(ranked[b.pk], "2.1")) == ((5, 9), (1, 1))
    assert ranked[a.pk].as_json() == compute_index(a, NOVEMBER).as_json()
    assert ranked[b.pk].as_json() == compute_index(b, NOVEMBER).as_json()


def test_units_covering_the_same_commune_each_count_it(world):
    # The district and A both cover A's dossiers: each is counted apart (the district: 6/10, A: 5/9).
    district, a = world.units.district, world.units.a
    ranked = index_by_unit([district, a], NOVEMBER)
    assert (ratio(ranked[district.pk], "2.1"), ratio(ranked[a.pk], "2.1")) == ((6, 10), (5, 9))
    assert ranked[district.pk].as_json() == compute_index(district, NOVEMBER).as_json()
