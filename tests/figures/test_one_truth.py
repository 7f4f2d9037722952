"""One truth: the report, per-field statistics, dashboard, drill-down, public page and public API state the same figures.

On the hand-worked scenario of tests/reports/scenario.py, quarter II 2023. Commune A decided
D1 D2 D3 D4 D5 D8 D10 D12 (8; D6 was withdrawn, D11 decided on 1 Jul local time):
early D1 D5 D8 D10 (before the due day), on time D2 (at the due time) D3 (on the due day),
late D4 D12 (D12 one second after its due time) — 6 of 8 in time, 75 %. It received 10, 4 online
(D3 partial; D4 D7 D12 full), and D1 (very satisfied) and D2 (satisfied) were rated in Q2.
Commune B: E1 on its due day, E2 late; received 2, 1 online; E1 rated satisfied.
Other province's commune: F1 decided the day before it was due; rated satisfied on paper.
"""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.reports.compute import compute_appendix
from motcua.reports.dashboard import build_dashboard
from motcua.reports.drilldown import drill_count
from motcua.reports.statistics import field_statistics
from tests.factories import make_unit
from tests.reports.scenario import make_dossier, vn

pytestmark = pytest.mark.django_db

NAMES = ("received", "online", "resolved", "early", "on_time", "late", "ratings", "satisfied")
EXPECTED = {
    "a": dict(zip(NAMES, (10, 4, 8, 4, 2, 2, 2, 2))),
    "b": dict(zip(NAMES, (2, 1, 2, 0, 1, 1, 1, 1))),
    "district": dict(zip(NAMES, (12, 5, 10, 4, 3, 3, 3, 3))),
    "province": dict(zip(NAMES, (12, 5, 10, 4, 3, 3, 3, 3))),
    "other": dict(zip(NAMES, (1, 0, 1, 1, 0, 0, 1, 1))),
}
# 100 × in time / resolved: A 6/8, B 1/2, district 7/10, other 1/1.
ON_TIME_PERCENT = {"a": 75.0, "b": 50.0, "district": 70.0, "province": 70.0, "other": 100.0}


def _number(text: str) -> int:
    return int(text.replace(".", ""))


def from_report(unit, period):
    v = compute_appendix(unit, period).values
    return {"received": v["3.3.1"], "online": v["3.3.1.c"] + v["3.3.1.d"], "in_time": v["3.3.2"]}


def from_field_statistics(unit, period):
    t = field_statistics(unit, period).total
    return {
        "received": t.received_new, "online": t.received_online, "resolved": t.resolved, "early": t.resolved_early,
        "on_time": t.resolved_on_time, "late": t.resolved_late, "in_time": t.resolved_early + t.resolved_on_time,
    }


def from_dashboard(unit, period):
    """Read the figures as the dashboard prints them: the cards' numbers and notes, and the months' table."""
    dashboard = build_dashboard(unit, period)
    cards = {f.drill: f for f in dashboard.figures}
    in_time, resolved = map(_number, re.match(r"([\d.]+)/([\d.]+) ", cards["3.3.2"].note).groups())
    online, received = map(_number, re.match(r"([\d.]+)/([\d.]+) ", cards["truc-tuyen"].note).groups())
    satisfied, ratings = map(_number, re.match(r"([\d.]+)/([\d.]+) ", cards["danh-gia"].note).groups())
    months = next(c for c in dashboard.charts if c.key == "dung-han").marks
    in_period = [m for m in months if period.start <= m.period.start <= period.end]
    return {
        "received": _number(cards["3.3.1"].text), "online": online, "resolved": resolved, "in_time": in_time,
        "ratings": ratings, "satisfied": satisfied,
        "in_time_by_month": sum(_number(m.extra[0][0]) for m in in_period),
        "resolved_by_month": sum(_number(m.extra[1][0]) for m in in_period),
        "on_time_percent_text": cards["3.3.2"].text,
    }


def from_drilldown(unit, period):
    count = lambda code: drill_count(unit, period, code)  # noqa: E731
    return {
        "received": count("3.3.1"), "online": count("truc-tuyen"), "resolved": count("giai-quyet"),
        "in_time": count("3.3.2"), "ratings": count("danh-gia"),
        "satisfied": count("rat-hai-long") + count("hai-long"),
    }


def from_public_page(client, unit, year="2023", part="Q2"):
    """Read the figures off the public statistics page's HTML."""
    page = client.get("/thong-ke/", {"don_vi": unit.code, "nam": year, "ky": part}).content.decode()

    def figure(pattern):
        return _number(re.search(pattern, page)[1])

    early, on_time, late = map(_number, re.search(r"trước hạn: (\d+), đúng hạn: (\d+), trễ hạn: (\d+)", page).groups())
    return {
        "received": figure(r'id="so-tiep-nhan">([\d.]+)<'), "online": figure(r"trực tuyến: ([\d.]+) \("),
        "resolved": figure(r'id="so-giai-quyet">([\d.]+)<'), "early": early, "on_time": on_time, "late": late,
        "in_time": early + on_time, "ratings": figure(r"([\d.]+) lượt đánh giá"),
        "on_time_percent_text": re.search(r'id="ty-le-dung-han">([^<]+)<', page)[1],
    }


def from_api(client, unit):
    body = client.get("/api/public/statistics", {"unit": unit.code, "period": "2023-Q2"}).json()
    return {
        "received": body["received"], "online": body["online_received"], "resolved": body["resolved"],
        "early": body["resolved_early"], "on_time": body["resolved_on_time"], "late": body["resolved_late"],
        "in_time": body["resolved_early"] + body["resolved_on_time"], "ratings": body["ratings"],
        "on_time_percent": body["on_time_percent"],
        "satisfied": round(body["satisfied_percent"] * body["ratings"] / 100) if body["ratings"] else 0,
    }


@pytest.mark.parametrize("name", list(EXPECTED))
def test_every_surface_gives_the_same_figures(client, scenario, q2, name):
    unit = getattr(scenario.units, name)
    want = dict(EXPECTED[name], in_time=EXPECTED[name]["early"] + EXPECTED[name]["on_time"])
    surfaces = {
        "report": from_report(unit, q2),
        "field statistics": from_field_statistics(unit, q2),
        "dashboard": from_dashboard(unit, q2),
        "drill-down": from_drilldown(unit, q2),
        "public page": from_public_page(client, unit),
        "public API": from_api(client, unit),
    }
    for surface, figures in surfaces.items():
        stated = {key: figures[key] for key in want if key in figures}
        assert stated == {key: want[key] for key in stated}, surface
    dashboard = surfaces["dashboard"]
    # The months of the on-time chart add up to the period.
    assert (dashboard["in_time_by_month"], dashboard["resolved_by_month"]) == (want["in_time"], want["resolved"])
    # The same share: 75.0 in the API, "75%" on the dashboard, "75 %" on the public page.
    share = ON_TIME_PERCENT[name]
    assert surfaces["public API"]["on_time_percent"] == share
    shown = f"{share:g}".replace(".", ",")
    assert dashboard["on_time_percent_text"] == f"{shown}%"
    assert surfaces["public page"]["on_time_percent_text"] == f"{shown}\u00a0%"


def test_commune_a_decided_six_of_eight_in_time(client, scenario):
    # The figures: 6 of 8 decisions in time (75 %), not the 7 of 9 the page gave with D6 (withdrawn).
    body = client.get("/api/public/statistics", {"unit": "16003", "period": "2023-Q2"}).json()
    assert (body["resolved"], body["resolved_early"] + body["resolved_on_time"], body["on_time_percent"]) == (8, 6, 75.0)


def test_the_public_figures_cost_the_same_queries_whatever_the_dossiers(client, scenario):
    def queries():
        counted = []
        for path, query in [("/thong-ke/", {"don_vi": "388", "nam": "2023", "ky": "Q2"}),
                            ("/api/public/statistics", {"unit": "388", "period": "2023-Q2"})]:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(path, query).status_code == 200
            counted.append(len(captured))
        return counted

    before = queries()
    for n in range(30):
        make_dossier(f"A-X{n:02d}", scenario.units.a, scenario.procedures.p1, "counter", vn(2023, 5, 2, 8),
                     vn(2023, 5, 4, 17), vn(2023, 5, 3, 9), "approved")
    assert queries() == before


def test_the_public_figures_cost_the_same_queries_whatever_the_communes_below(client, scenario):
    # The page lists one row per commune; each commune's covered units (subtree and merged
    # predecessors) are read for all communes at once, not with queries per commune.
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/thong-ke/", {"don_vi": "388", "nam": "2023", "ky": "Q2"}).status_code == 200
        return len(captured)

    before = queries()
    district = scenario.units.a.parent
    for n in range(6):
        old = make_unit(f"1610{n}", f"Xã Cũ {n}", "commune", district, valid_to=dt.date(2023, 5, 31))
        new = make_unit(f"1620{n}", f"Xã Mới {n}", "commune", district, valid_from=dt.date(2023, 6, 1))
        old.successors.add(new)
    assert queries() == before


def test_covered_unit_ids_follows_the_same_rule_as_one_unit_at_a_time(scenario):
    # Hoằng Lưu (A) merged into a new commune N on 1 Jun; N's coverage is its own subtree plus A's,
    # and the district's is its whole subtree; the batched reading gives what the one-unit query gives.
    from motcua.units.models import Unit, covered_unit_ids, subtree_with_predecessors

    a = scenario.units.a
    new = make_unit("16999", "Xã Mới", "commune", a.parent, valid_from=dt.date(2023, 6, 1))
    a.successors.add(new)
    units = list(Unit.objects.all())
    batched = covered_unit_ids(units)
    assert batched[new.pk] == {new.pk, a.pk}
    for unit in units:
        assert batched[unit.pk] == set(subtree_with_predecessors(unit).values_list("pk", flat=True)), unit
