"""The drill-down lists exactly the records a figure counts: its count equals the appendix value, row by row."""

import re

import pytest
from django.urls import reverse

from motcua.lib.periods import parse_period
from motcua.reports import views
from motcua.reports.compute import compute_appendix
from motcua.reports.drilldown import DRILLS, drill_count, drill_rows
from motcua.reports.indicators import VALUE_CODES
from tests.reports.scenario import EXPECTED_A, EXPECTED_B

APPENDIX_DRILLS = [code for code in DRILLS if code in VALUE_CODES]


def test_every_dossier_derived_row_has_a_drilldown():
    from motcua.reports.indicators import DOSSIERS, INDICATORS

    dossier_rows = {row.code for row in INDICATORS if row.source == DOSSIERS}
    assert dossier_rows <= set(DRILLS)


@pytest.mark.parametrize("code", APPENDIX_DRILLS)
def test_drill_count_equals_the_hand_worked_value(scenario, q2, code):
    assert drill_count(scenario.units.a, q2, code) == EXPECTED_A[code]
    assert drill_count(scenario.units.b, q2, code) == EXPECTED_B[code]


@pytest.mark.parametrize("unit_name", ["a", "b", "district", "province", "other"])
def test_drill_count_equals_the_computed_appendix_for_every_unit(scenario, q2, unit_name):
    unit = getattr(scenario.units, unit_name)
    values = compute_appendix(unit, q2).values
    assert {code: drill_count(unit, q2, code) for code in APPENDIX_DRILLS} == {
        code: values[code] for code in APPENDIX_DRILLS
    }


def test_district_counts_are_the_sum_of_its_communes(scenario, q2):
    # 3.3.1: A 10 + B 2; 3.3.2: A 6 + B 1; 3.5: A 2 + B 0.
    district = scenario.units.district
    assert (drill_count(district, q2, "3.3.1"), drill_count(district, q2, "3.3.2"), drill_count(district, q2, "3.5")) == (
        12, 7, 2
    )


@pytest.mark.parametrize(
    "code, expected",
    [
        # Decisions in Q2: D1 D2 D3 D4 D5 D8 D10 D12 (D6 withdrawn, D11 decided 1 Jul local).
        ("giai-quyet", 8),
        # Received online: D3 (partial), D4 D7 D12 (full).
        ("truc-tuyen", 4),
        # Received at the counter or by post: D1 D2 D5 D6 D10 D11.
        ("truc-tiep-bcci", 6),
        # Ratings in Q2 with a known channel: D1 very satisfied (online), D2 satisfied (paper).
        ("rat-hai-long", 1),
        ("hai-long", 1),
        ("khong-hai-long", 0),
        ("danh-gia", 2),
    ],
)
def test_dashboard_drills_hand_worked(scenario, q2, code, expected):
    assert drill_count(scenario.units.a, q2, code) == expected


def test_on_time_counter_dossiers_are_the_hand_worked_ones(scenario, q2):
    rows = drill_rows(scenario.units.a, q2, "3.3.2.a")
    assert [d.code for d in rows] == ["A-08", "A-10", "A-01", "A-05"]  # by receipt time


def test_page_shows_the_count_and_links_each_dossier(as_user, staff):
    response = as_user(staff.district).get(
        reverse("reports:drilldown"), {"unit": "16003", "period": "2023-Q2", "indicator": "3.3.2.a"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert '<strong id="so-luong">4</strong>' in html
    for code in ("A-01", "A-05", "A-08", "A-10"):
        assert f'<a href="/can-bo/ho-so/{code}/">{code}</a>' in html
    assert "A-02" not in html  # postal


def test_apologies_and_ratings_are_listed_with_their_dossiers(as_user, staff):
    client = as_user(staff.leader_a)
    html = client.get(reverse("reports:drilldown"), {"unit": "16003", "period": "2023-Q2", "indicator": "3.5"}).content.decode()
    assert '<strong id="so-luong">2</strong>' in html
    assert "/can-bo/ho-so/A-04/" in html and "/can-bo/ho-so/A-12/" in html
    assert "/can-bo/ho-so/A-07/" not in html  # its apology falls on 1 Jul local time
    html = client.get(reverse("reports:drilldown"), {"unit": "16003", "period": "2023-Q2", "indicator": "danh-gia"}).content.decode()
    assert '<strong id="so-luong">2</strong>' in html
    assert "Rất hài lòng" in html and "Phiếu giấy" in html


def test_pages_of_a_long_list(as_user, staff, monkeypatch):
    monkeypatch.setattr(views, "DRILL_PAGE_SIZE", 3)
    client = as_user(staff.leader_a)
    query = {"unit": "16003", "period": "2023-Q2", "indicator": "3.3.1"}
    first = client.get(reverse("reports:drilldown"), query).content.decode()
    assert '<strong id="so-luong">10</strong>' in first and "Trang 1/4" in first
    assert len(re.findall(r'href="/can-bo/ho-so/[^"/]+/"', first)) == 3
    last = client.get(reverse("reports:drilldown"), {**query, "trang": "4"}).content.decode()
    assert len(re.findall(r'href="/can-bo/ho-so/[^"/]+/"', last)) == 1


def test_month_drilldown_uses_a_date_range_period(scenario):
    april = parse_period("2023-04-01..2023-04-30")
    # Decided in April: D1, D2, D8 (on time) and D12 (late by a second).
    assert drill_count(scenario.units.a, april, "giai-quyet") == 4
    assert drill_count(scenario.units.a, april, "3.3.2") == 3
