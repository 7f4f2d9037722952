"""The QĐ 766 index on the hand-checkable month of tests/index766/scenario.py, worked by hand below.

Commune A, November 2026: 9 dossiers received (N1–N9); 3 procedures apply (K, C, L).
  1.1 announced by 30/11: K, L = 2/3 → 6 × 2/3 = 4.00
  1.2 announced and process approved: K = 1/3 → 4 × 1/3 = 1.33
  1.3 complete (steps, paper list, deadline, units): K = 1/3 → 2 × 1/3 = 0.67
  1.4 synced: none reached the portal = 0/9 → 0
  2.1 on time: N1 N3 N5 N7 N8 = 5/9 → 20 × 5/9 = 11.11
  3.1 online procedures: K, L = 2/3 = 66.67 % < 80 % → 6 × 0.6667 / 0.8 = 5.00
  3.3 online: N3 only (N2's paper result has no e-result) = 1/9, × sync rate 0 → 0
  3.5 fee-bearing procedures (L's only line is 0 đ): K, C; payable online: K = 1/2 = 50 % < 80 %
      → 2 × 0.5 / 0.8 = 1.25
  3.5b with an online payment made in November: K (N1, N2) = 1/2 → 2 × 1/2 = 1.00
  3.6 dossiers owing a fee: K's N1 N2 N6 (N5 quoted 0 đ, N8 exempted), C's N7 N9 = 5; paid online by E:
      N1 (gateway), N2 (portal) — N6 paid after E, N9 in cash, N7 not yet = 2/5 → 6 × 0.4 = 2.40
  4.1 e-result: N1 of the paper-result dossiers N1 N2 N5 N6 N7 N8 N9 = 1/7 → 6/7 = 0.86
  4.2 digitized: N1 (with e-result), N4 (no paper result) = 2/9 = 22.22 % → 4 × 0.2222 / 0.8 = 1.11
  4.2c e-certified copies: chứng thực N7, N9, none electronic = 0/2 → 0
  4.3 reuse: N3 = 1/9 → 2 × 0.1111 / 0.8 = 0.28
  4.4 data store: N7 (paper), N1 (result pushed) = 2/9 → 4 × 2/9 = 0.89
  4.5b VNeID: N1 = 1/9 → 2/9 = 0.22
  4.5a procedures with a VNeID dossier: K = 1/3 → 0.67
  5.2 feedback due in November: F1 (in time), F2 (late) = 1/2 → 3.00
  5.3 no rating of feedback handling → N/A, full 6
  5.4 9 − 4 late (N2 N4 N6 N9) − 2 complained (N1, N3) = 3/9 = 33.33 % → 6 × 0.3333 / 0.9 = 2.22
Groups: transparency 4 + 1.3333 + 0.6667 + 0 = 6.00; progress 11.11; online 5.00; payment 1.25 + 1 + 2.4 = 4.65;
  digitization 0.857143 + 1.111111 + 0 + 0.277778 + 0.888889 + 0.222222 + 0.666667 = 4.02;
  satisfaction 3 + 6 + 2.222222 = 11.22. Total 6 + 11.111111 + 5 + 4.65 + 4.023810 + 11.222222 = 42.007143 = 42.01.
"""

import io
import json

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from motcua.index766.compute import compute_index
from motcua.index766.definitions import GROUPS, INDICATORS
from motcua.index766.scoring import check_definitions
from motcua.lib.periods import parse_period
from tests.index766 import scenario as month

pytestmark = pytest.mark.django_db

NOVEMBER = parse_period("2026-11")


@pytest.fixture
def world():
    return month.build()


def index(code="16003", period="2026-11", *more) -> dict:
    out = io.StringIO()
    call_command("index", "--unit", code, "--period", period, *more, stdout=out)
    return json.loads(out.getvalue())


def test_groups_add_up_to_100_points():
    check_definitions()
    assert sum(g.max for g in GROUPS) == 100
    assert {i.group for i in INDICATORS} == {g.key for g in GROUPS}


def test_commune_month_indicator_by_indicator(world):
    got = index()["indicators"]
    expected = {
        "1.1": (2, 3, 66.67, 4.0), "1.2": (1, 3, 33.33, 1.33), "1.3": (1, 3, 33.33, 0.67), "1.4": (0, 9, 0.0, 0.0),
        "2.1": (5, 9, 55.56, 11.11), "3.1": (2, 3, 66.67, 5.0), "3.3": (1, 9, 0.0, 0.0),
        "3.5": (1, 2, 50.0, 1.25), "3.5b": (1, 2, 50.0, 1.0), "3.6": (2, 5, 40.0, 2.4),
        "4.1": (1, 7, 14.29, 0.86), "4.2": (2, 9, 22.22, 1.11), "4.2c": (0, 2, 0.0, 0.0), "4.3": (1, 9, 11.11, 0.28),
        "4.4": (2, 9, 22.22, 0.89), "4.5b": (1, 9, 11.11, 0.22), "4.5a": (1, 3, 33.33, 0.67),
        "5.2": (1, 2, 50.0, 3.0), "5.3": (0, 0, None, 6.0), "5.4": (3, 9, 33.33, 2.22),
    }
    assert {code: (v["numerator"], v["denominator"], v["rate"], v["score"]) for code, v in got.items()} == expected


def test_commune_month_groups_and_total(world):
    body = index()
    assert body["unit"] == {"code": "16003", "name": "Xã Hoằng Lưu"}
    assert body["period"] == {"label": "2026-11", "start": "2026-11-01", "end": "2026-11-30"}
    assert {k: v["score"] for k, v in body["groups"].items()} == {
        "transparency": 6.0, "progress": 11.11, "online": 5.0, "payment": 4.65, "digitization": 4.02, "satisfaction": 11.22,
    }
    assert {k: v["max"] for k, v in body["groups"].items()} == {
        "transparency": 18, "progress": 20, "online": 12, "payment": 10, "digitization": 22, "satisfaction": 18,
    }
    assert (body["total"], body["max"]) == (42.01, 100)


def test_district_covers_both_communes(world):
    # 388 adds B's M1 (on time, K with an e-result, paid through the gateway): 2.1 = 6/10 → 12.00; 4.1 = 2/8
    # → 1.50; 3.6 = N1 N2 M1 / N1 N2 N6 N7 N9 M1 = 3/6 → 3.00.
    got = index("388")["indicators"]
    assert (got["2.1"]["numerator"], got["2.1"]["denominator"], got["2.1"]["score"]) == (6, 10, 12.0)
    assert (got["4.1"]["numerator"], got["4.1"]["denominator"], got["4.1"]["score"]) == (2, 8, 1.5)
    assert (got["3.6"]["numerator"], got["3.6"]["denominator"], got["3.6"]["score"]) == (3, 6, 3.0)
    assert index("38")["indicators"]["2.1"]["denominator"] == 10  # the province: the same dossiers


def test_a_quarter_and_a_custom_range(world):
    # Q4 2026 takes N0 (received 30/10, approved on time) too, and ends at 1 Jan 2027 00:00: N7, still open, is
    # then past its due time (3 Dec) and late. 2.1 = N0 N1 N3 N5 N8 = 5/10. 1–15 Nov: N1–N3 received, N1 N3 on time.
    quarter = index("16003", "2026-Q4")["indicators"]["2.1"]
    assert (quarter["numerator"], quarter["denominator"]) == (5, 10)
    half = index("16003", "2026-11-01..2026-11-15")["indicators"]["2.1"]
    assert (half["numerator"], half["denominator"]) == (2, 3)
    # 3.6 over Q4 takes N0 (paid 30/10) and N6 (paid 1/12, before the quarter's end): 4 of N0 N1 N2 N6 N7 N9.
    paid = index("16003", "2026-Q4")["indicators"]["3.6"]
    assert (paid["numerator"], paid["denominator"], paid["score"]) == (4, 6, 4.0)


def test_supplement_rules(world):
    # Received 16–30 Nov: N4 (two supplements: late despite approval before due), N5 (waiting: ends at the
    # request, before due), N6 (open past due), N7 (open within due), N8 (withdrawn in time), N9 (refused after E).
    got = index("16003", "2026-11-16..2026-11-30")["indicators"]["2.1"]
    assert (got["numerator"], got["denominator"]) == (3, 6)


def test_a_waiting_supplement_requested_after_the_due_time_is_late(world):
    from motcua.dossiers.models import Supplement

    Supplement.objects.filter(dossier=world.dossiers.n5).update(requested_at=month.vn(2026, 11, 25, 9))
    result = compute_index(world.units.a, NOVEMBER)
    assert result.scores["2.1"].numerator == 4


def test_zero_denominators(world):
    # December: nothing received, no feedback due → dossier rates N/A and 0; 5.2 and 5.3 full points.
    got = index("16004", "2026-12")["indicators"]
    assert got["2.1"] == {"numerator": 0, "denominator": 0, "rate": None, "score": 0.0, "max": 20}
    assert (got["5.2"]["rate"], got["5.2"]["score"], got["5.3"]["score"]) == (None, 6.0, 6.0)


def test_online_payment_in_december(world):
    # Nothing received in December: 3.6 has no denominator (N/A, 0). N6's payment on 1/12 is an online payment
    # made in December: 3.5b = K of K, C.
    got = index("16003", "2026-12")["indicators"]
    assert got["3.6"] == {"numerator": 0, "denominator": 0, "rate": None, "score": 0.0, "max": 6}
    assert (got["3.5b"]["numerator"], got["3.5b"]["denominator"], got["3.5b"]["score"]) == (1, 2, 1.0)


def test_online_payment_threshold_and_no_fees(world):
    # C payable online too: 3.5 = 2/2 → full 2 points. With no fee line above 0 đ anywhere: N/A and 0 points.
    world.procedures.c.online_payment = True
    world.procedures.c.save()
    assert compute_index(world.units.a, NOVEMBER).scores["3.5"].points == 2
    world.procedures.k.fees = None
    world.procedures.k.save()
    world.procedures.c.fees = [{"name": "Lệ phí chứng thực bản sao", "amount": 0, "per": "page"}]
    world.procedures.c.save()
    got = index()["indicators"]
    assert {code: (got[code]["numerator"], got[code]["denominator"], got[code]["rate"], got[code]["score"])
            for code in ("3.5", "3.5b", "3.6")} == dict.fromkeys(("3.5", "3.5b", "3.6"), (0, 0, None, 0.0))


def test_unknown_unit_and_bad_period_are_named(world):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="không có đơn vị mã 99999"):
        index("99999")
    with pytest.raises(CommandError, match="kỳ báo cáo không hợp lệ"):
        index("16003", "2026-13")


def test_workbook(world, tmp_path):
    out = tmp_path / "chi-so.xlsx"
    call_command("index", "--unit", "16003", "--period", "2026-11", "--format", "xlsx", "-o", str(out), stderr=io.StringIO())
    sheet = load_workbook(out)["Chỉ số 766"]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=4, values_only=True) if row[0]}
    assert rows["2.1"][2:5] == (5, 9, 55.56) and rows["2.1"][6] == 11.11
    assert rows["5.3"][4] == "N/A"
    assert sheet["G2"].value == 42.01
