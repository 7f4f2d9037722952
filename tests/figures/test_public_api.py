"""GET /api/public/statistics equals a plain count over the dossier rows, and the report, for odd periods.

The rows are generated (a fixed seed) around the bounds of the periods asked for, stored
in UTC or +07:00, with decisions, refusals, withdrawals, open dossiers, late ones, and a
commune formed on 15 Apr 2023 by merging two communes whose records it carries. The
count below is written from rules.md and exchange.md alone: local days, a decision is
approved or refused, early = before the due day, on time = on the due day not after the
due time, late = after it; ratings with a known channel.
"""

import datetime as dt
import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

import pytest

from motcua.catalog.models import Field
from motcua.dossiers.models import Dossier, Rating
from motcua.dossiers.figures import Headline
from motcua.lib.periods import parse_period
from motcua.portal.statistics import unit_statistics
from motcua.reports.compute import compute_appendix
from motcua.units.models import Unit
from tests.factories import make_tree, make_unit
from tests.figures.test_one_truth import from_public_page
from tests.reports.scenario import make_procedure

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
UTC = dt.timezone.utc
PERIODS = ["2023-02-17..2023-05-03", "2023-04-15..2023-04-15", "2023-03-31..2023-04-01", "2023-Q1", "2023-H1"]
MERGED_ON = dt.date(2023, 4, 15)
# Local days whose midnight bounds a period above.
BOUNDS = [dt.date(2023, 2, 17), dt.date(2023, 5, 4), dt.date(2023, 4, 15), dt.date(2023, 4, 16),
          dt.date(2023, 3, 31), dt.date(2023, 4, 2), dt.date(2023, 4, 1), dt.date(2023, 7, 1)]
KEYS = ["unit", "period", "received", "resolved", "resolved_early", "resolved_on_time", "resolved_late",
        "on_time_percent", "online_received", "ratings", "satisfied_percent"]


@dataclass
class Row:
    unit: str
    channel: str
    received: dt.datetime
    due: dt.datetime
    resolved: dt.datetime | None
    outcome: str
    ratings: list  # (at, value, channel)


def midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=VN)


def generate(rng: random.Random) -> list[Row]:
    """Rows for communes A, B, the merged commune M and its predecessors P1, P2, and the other province."""
    near_bounds = [midnight(day) + dt.timedelta(seconds=s) for day in BOUNDS for s in (-1, 0, 1, -1800, 1800)]
    rows = []
    for i in range(220):
        unit = rng.choice(["16003", "16004", "16010", "16006", "16007", "17001"])
        if rng.random() < 0.3:
            received = rng.choice(near_bounds) - dt.timedelta(days=rng.choice([0, 0, 1, 3]))
        else:
            received = midnight(dt.date(2023, 1, 20)) + dt.timedelta(minutes=rng.randrange(0, 140 * 24 * 60))
        # Predecessors receive until the merger, the merged commune from it.
        if unit in ("16006", "16007") and received >= midnight(MERGED_ON):
            unit = "16010"
        elif unit == "16010" and received < midnight(MERGED_ON):
            unit = rng.choice(["16006", "16007"])
        due = received + dt.timedelta(hours=rng.choice([2, 8, 20, 30, 50, 75, 120, 200]))
        outcome = rng.choice(["approved", "approved", "approved", "refused", "withdrawn", ""])
        resolved = None
        if outcome:
            choice = rng.random()
            if choice < 0.2:
                resolved = rng.choice(near_bounds)
            elif choice < 0.5:
                # Around the due time: a second before or after it, or on it.
                resolved = due + dt.timedelta(seconds=rng.choice([-1, 0, 1]))
            else:
                resolved = due + dt.timedelta(hours=rng.choice([-100, -30, -10, -3, 1, 5, 26, 80]))
            resolved = max(resolved, received)
        stored = UTC if i % 2 else VN  # the stored offset must not matter
        ratings = []
        if resolved is not None and rng.random() < 0.6:
            at = resolved + dt.timedelta(hours=rng.choice([0, 1, 6, 30]))
            ratings.append((at.astimezone(stored), rng.choice(["very_satisfied", "satisfied", "unsatisfied"]),
                            rng.choice(["online", "paper", "kiosk", ""])))
        rows.append(Row(unit, rng.choice(["counter", "postal", "online_partial", "online_full"]),
                        received.astimezone(stored), due.astimezone(stored),
                        resolved.astimezone(stored) if resolved else None, outcome, ratings))
    # Resolved near local midnight with the due time just across it: judged by local days,
    # not UTC ones. Early (23:30 on the 10th, due 00:30 on the 11th) and on time (00:30 and 10:00
    # on the 11th, the 10th in UTC).
    rows.append(Row("16003", "counter", dt.datetime(2023, 3, 9, 1, tzinfo=UTC), dt.datetime(2023, 3, 10, 17, 30, tzinfo=UTC),
                    dt.datetime(2023, 3, 10, 16, 30, tzinfo=UTC), "approved", []))
    rows.append(Row("16003", "counter", dt.datetime(2023, 3, 9, 1, tzinfo=UTC), dt.datetime(2023, 3, 11, 3, tzinfo=UTC),
                    dt.datetime(2023, 3, 10, 17, 30, tzinfo=UTC), "approved", []))
    return rows


@pytest.fixture
def world(db):
    province, district, a, b, other_province, other = make_tree()
    p1 = make_unit("16006", "Xã Hoằng Đạo", "commune", district, "H56.20.06", valid_to=MERGED_ON - dt.timedelta(days=1))
    p2 = make_unit("16007", "Xã Hoằng Thành", "commune", district, "H56.20.07", valid_to=MERGED_ON - dt.timedelta(days=1))
    merged = make_unit("16010", "Xã Hoằng Thành Đạo", "commune", district, "H56.20.10", valid_from=MERGED_ON)
    p1.successors.add(merged)
    p2.successors.add(merged)
    units = {u.code: u for u in (a, b, p1, p2, merged, other)}
    procedure = make_procedure("P1", Field.objects.create(code="ho_tich", name="Hộ tịch"), list(units.values()))
    rows = generate(random.Random(20230217))
    for n, row in enumerate(rows):
        dossier = Dossier.objects.create(
            code=f"T-{n:04d}", unit=units[row.unit], procedure=procedure, channel=row.channel,
            received_at=row.received, due_at=row.due, resolved_at=row.resolved, outcome=row.outcome,
        )
        for at, value, channel in row.ratings:
            Rating.objects.create(dossier=dossier, at=at, value=value, channel=channel)
    return rows


# The units each figure covers, written out: a merged commune carries its predecessors.
COVERED = {
    "16003": {"16003"},
    "16004": {"16004"},
    "16010": {"16010", "16006", "16007"},
    "16006": {"16006"},
    "388": {"16003", "16004", "16006", "16007", "16010"},
    "38": {"16003", "16004", "16006", "16007", "16010"},
    "17001": {"17001"},
}


def share(part: int, whole: int):
    if not whole:
        return None
    return float((Decimal(100 * part) / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def count(rows: list[Row], codes: set[str], first: dt.date, last: dt.date) -> dict:
    """Count the figures of exchange.md by hand over the rows of the covered units."""

    def day(t):
        return t.astimezone(VN).date()

    def inside(t):
        return t is not None and first <= day(t) <= last

    mine = [r for r in rows if r.unit in codes]
    decided = [r for r in mine if r.outcome in ("approved", "refused") and inside(r.resolved)]
    early = [r for r in decided if day(r.resolved) < day(r.due)]
    late = [r for r in decided if r.resolved > r.due]
    on_time = [r for r in decided if r not in early and r not in late]
    ratings = [(v, c) for r in mine for at, v, c in r.ratings if c and inside(at)]
    satisfied = [v for v, _ in ratings if v in ("very_satisfied", "satisfied")]
    return {
        "received": sum(inside(r.received) for r in mine),
        "resolved": len(decided),
        "resolved_early": len(early),
        "resolved_on_time": len(on_time),
        "resolved_late": len(late),
        "on_time_percent": share(len(early) + len(on_time), len(decided)),
        "online_received": sum(inside(r.received) and r.channel.startswith("online") for r in mine),
        "ratings": len(ratings),
        "satisfied_percent": share(len(satisfied), len(ratings)),
    }


@pytest.mark.parametrize("label", PERIODS)
def test_api_equals_a_count_by_hand_and_the_report(client, world, label):
    period = parse_period(label)
    decided_anywhere = 0
    for code, codes in COVERED.items():
        response = client.get("/api/public/statistics", {"unit": code, "period": label})
        assert response.status_code == 200, response.content
        body = response.json()
        assert list(body) == KEYS
        assert body["period"] == {"label": label, "start": period.start.isoformat(), "end": period.end.isoformat()}
        assert body["unit"]["code"] == code
        figures = {k: v for k, v in body.items() if k not in ("unit", "period")}
        assert figures == count(world, codes, period.start, period.end), (code, label)
        assert body["resolved_early"] + body["resolved_on_time"] + body["resolved_late"] == body["resolved"]
        # The report states the same: received, in time, online.
        values = compute_appendix(Unit.objects.get(code=code), period).values
        assert (values["3.3.1"], values["3.3.2"], values["3.3.1.c"] + values["3.3.1.d"]) == (
            body["received"], body["resolved_early"] + body["resolved_on_time"], body["online_received"]
        )
        decided_anywhere += body["resolved"]
    assert decided_anywhere  # the period is not empty


def test_the_generated_rows_hold_every_case(world):
    # The count above means something only if the rows hold each case it tells apart.
    period = parse_period(PERIODS[0])
    total = count(world, COVERED["388"], period.start, period.end)
    assert min(total["resolved_early"], total["resolved_on_time"], total["resolved_late"]) >= 3
    assert {r.outcome for r in world} == {"approved", "refused", "withdrawn", ""}
    merged_from_predecessors = count(world, {"16006", "16007"}, period.start, period.end)
    assert merged_from_predecessors["received"] and merged_from_predecessors["resolved"]
    local = lambda t: t.astimezone(VN)  # noqa: E731
    assert any(r.received.tzinfo is UTC and local(r.received).date() != r.received.date() for r in world)
    assert any(r.resolved and r.resolved <= r.due and local(r.resolved).date() < local(r.due).date()
               and r.resolved.astimezone(UTC).date() == r.due.astimezone(UTC).date() for r in world)


@pytest.mark.parametrize("part", ["Q1", "H1"])
def test_public_page_counts_a_merged_communes_predecessors(client, world, part):
    period = parse_period(f"2023-{part}")
    page = from_public_page(client, Unit.objects.get(code="16010"), "2023", part)
    expected = count(world, COVERED["16010"], period.start, period.end)
    assert (page["received"], page["resolved"], page["early"], page["on_time"], page["late"]) == (
        expected["received"], expected["resolved"], expected["resolved_early"], expected["resolved_on_time"],
        expected["resolved_late"],
    )
    # The predecessors' records matter here: without them the figures differ.
    assert count(world, {"16010"}, period.start, period.end)["received"] < expected["received"]


@pytest.mark.parametrize(
    "label, rows",
    [
        # Before the merger: the predecessors are rows of their own.
        ("2023-Q1", {"16003": {"16003"}, "16004": {"16004"}, "16006": {"16006"}, "16007": {"16007"}}),
        # Across it: every commune a row; the merged commune keeps its own records, its predecessors theirs.
        ("2023-H1", {"16003": {"16003"}, "16004": {"16004"}, "16006": {"16006"}, "16007": {"16007"},
                     "16010": {"16010"}}),
        # After it: the merged commune carries what its predecessors still resolved.
        ("2023-04-15..2023-06-30", {"16003": {"16003"}, "16004": {"16004"}, "16010": {"16010", "16006", "16007"}}),
    ],
)
def test_public_rows_of_a_district_add_up_to_its_total(world, label, rows):
    period = parse_period(label)
    total, listed = unit_statistics(Unit.objects.get(code="388"), period)
    by_code = {row.unit.code: row.figures for row in listed}
    assert set(by_code) == set(rows)
    assert sum(by_code.values(), Headline()) == total.figures
    district = count(world, COVERED["388"], period.start, period.end)
    assert (total.figures.received, total.figures.resolved, total.figures.resolved_late) == (
        district["received"], district["resolved"], district["resolved_late"]
    )
    for code, codes in rows.items():
        expected = count(world, codes, period.start, period.end)
        assert (by_code[code].received, by_code[code].resolved) == (expected["received"], expected["resolved"]), code
    if label.endswith("06-30"):
        assert count(world, {"16006", "16007"}, period.start, period.end)["resolved"] > 0


def test_unknown_unit_is_404_json_and_no_login_is_needed(client, world):
    response = client.get("/api/public/statistics", {"unit": "99999", "period": "2023-Q2"})
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "không có đơn vị mã 99999", "details": {"unit": "99999"}}


@pytest.mark.parametrize("period", ["2023-Q5", "2023-02-30..2023-03-01", "2023-05-03..2023-02-17", "quý 2"])
def test_bad_period_is_400_json(client, world, period):
    response = client.get("/api/public/statistics", {"unit": "16003", "period": period})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_period" and "kỳ báo cáo" in body["message"]
    assert body["details"] == {"period": period}


def test_missing_parameters_are_named(client, world):
    response = client.get("/api/public/statistics", {"unit": "16003"})
    assert response.status_code == 422
    assert response.json()["message"] == "thiếu trường «period»"
