"""The demo's 2025 map: districts end on 30 Jun 2025, two mergers, Hoằng Lưu's code 15976 handed to the new Hoằng Châu."""

import datetime as dt

import pytest
from django.test import Client

from motcua.demo import install
from motcua.demo.generate import generate_dossiers
from motcua.lib.periods import parse_period
from motcua.units.models import Unit, find_unit

from .conftest import NOW

pytestmark = pytest.mark.django_db

JUNE_30, JULY_1 = dt.date(2025, 6, 30), dt.date(2025, 7, 1)
OLD_CHAU = ["Xã Hoằng Châu", "Xã Hoằng Lưu", "Xã Hoằng Phong", "Xã Hoằng Thắng"]


def test_the_map_after_1_july_2025(demo_catalog):
    province = Unit.objects.get(uid="38")
    after = [u for u in province.subtree() if u.is_valid_on(JULY_1)]
    # Province → communes directly: the district ended with the old communes.
    assert sorted((u.name, u.code, u.parent.uid if u.parent else None) for u in after) == [
        ("Tỉnh Thanh Hóa", "38", None), ("Xã Hoằng Châu", "15976", "38"), ("Xã Hoằng Thanh", "16000", "38")
    ]
    assert Unit.objects.get(uid="399").valid_to == JUNE_30
    chau = Unit.objects.get(uid="15976-2025")
    assert sorted(u.name for u in chau.predecessors.all()) == OLD_CHAU
    assert all(u.valid_to == JUNE_30 for u in chau.predecessors.all())
    thanh = Unit.objects.get(uid="16000")
    assert sorted(u.name for u in thanh.predecessors.all()) == ["Xã Hoằng Ngọc", "Xã Hoằng Phụ", "Xã Hoằng Đông"]


def test_code_15976_is_handed_over_on_1_july_2025(demo_catalog):
    luu, chau = Unit.objects.get(uid="15976"), Unit.objects.get(uid="15976-2025")
    assert list(luu.designations.values_list("code", "name", "valid_to")) == [("15976", "Xã Hoằng Lưu", JUNE_30)]
    assert list(chau.designations.values_list("code", "name", "valid_from")) == [("15976", "Xã Hoằng Châu", JULY_1)]
    assert find_unit("15976", parse_period("2023-Q2").end) == luu
    assert find_unit("15976", parse_period("2025-Q3").end) == chau


@pytest.fixture
def q2_2023(demo_catalog):
    """Dossiers of April–June 2023 of the four communes that became Hoằng Châu, loaded as the demo loads them."""
    import json

    from motcua.exchange.loading import load_jsonl

    old = list(Unit.objects.get(uid="15976-2025").predecessors.all())
    q2 = [(dt.date(2023, 4, 1), dt.date(2023, 6, 30))]
    lines = [json.dumps(d, ensure_ascii=False) for d in generate_dossiers(old, q2, now=NOW)]
    report = load_jsonl("dossiers", lines, today=NOW.date())
    assert report.errors == [] and report.created == len(lines) > 0
    install.ensure_users()
    return lines


def test_successor_report_over_a_past_period_is_its_predecessors_figures(q2_2023):
    from motcua.reports.compute import compute_appendix

    period = parse_period("2023-Q2")
    chau = Unit.objects.get(uid="15976-2025")
    own = compute_appendix(chau, period).values
    parts = [compute_appendix(u, period).values for u in chau.predecessors.all()]
    assert own["3.3.1"] == len(q2_2023) == sum(p["3.3.1"] for p in parts)
    # Every count drawn from the dossiers adds up: received by channel, resolved on time by channel, land, published.
    for code in ("3.3.1.a", "3.3.1.b", "3.3.1.c", "3.3.1.d", "3.3.2", "3.3.2.a", "3.3.2.d", "3.3.3", "3.4.1"):
        assert own[code] == sum(p[code] for p in parts), code


def test_hoang_chau_leader_opens_hoang_luu_q2_2023_report(q2_2023):
    browser = Client()
    assert browser.post("/dang-nhap/", {"username": "hoangchau", "password": install.DEMO_PASSWORD}).status_code == 302
    page = browser.get("/bao-cao/", {"unit": "15976", "period": "2023-Q2"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Xã Hoằng Lưu (15976)" in text
    luu = Unit.objects.get(uid="15976")
    received = sum(1 for line in q2_2023 if '"unit": "15976"' in line)
    from motcua.reports.compute import compute_appendix

    assert compute_appendix(luu, parse_period("2023-Q2")).values["3.3.1"] == received > 0
    # The same page for the new commune itself (by its stable id) covers all four old communes.
    own = browser.get("/bao-cao/", {"unit": "15976-2025", "period": "2023-Q2"})
    assert own.status_code == 200 and "Xã Hoằng Châu (15976)" in own.content.decode()


def test_hoang_luu_staff_and_strangers_do_not_open_hoang_chau(q2_2023):
    from motcua.accounts.models import User

    User.objects.create_user("luu", password="x-test-pass", unit=Unit.objects.get(uid="15976"), role="leader")
    User.objects.create_user("ngoc", password="x-test-pass", unit=Unit.objects.get(uid="15994"), role="leader")
    for username in ("luu", "ngoc"):
        browser = Client()
        assert browser.post("/dang-nhap/", {"username": username, "password": "x-test-pass"}).status_code == 302
        assert browser.get("/bao-cao/", {"unit": "15976-2025", "period": "2025-Q3"}).status_code == 404
    stranger = Client()
    stranger.post("/dang-nhap/", {"username": "ngoc", "password": "x-test-pass"})
    assert stranger.get("/bao-cao/", {"unit": "15976", "period": "2023-Q2"}).status_code == 404


def test_report_command_names_the_holder_of_15976_at_the_period_end(demo_catalog):
    import io
    import json

    from django.core.management import call_command

    for label, name in (("2023-Q2", "Xã Hoằng Lưu"), ("2025-Q3", "Xã Hoằng Châu")):
        out = io.StringIO()
        call_command("report", "appendix", "--unit", "15976", "--period", label, "--format", "json", stdout=out)
        assert json.loads(out.getvalue())["unit"] == {"code": "15976", "name": name}, label


def test_public_statistics_api_names_the_holder_of_15976_at_the_period_end(q2_2023):
    """`GET /api/public/statistics?unit=15976&period=2023-Q2` covers what the report for that code and period covers."""
    from motcua.reports.compute import compute_appendix

    luu = Unit.objects.get(uid="15976")
    answer = Client().get("/api/public/statistics", {"unit": "15976", "period": "2023-Q2"})
    assert answer.status_code == 200
    body = answer.json()
    assert body["unit"] == {"code": "15976", "name": "Xã Hoằng Lưu"}
    values = compute_appendix(luu, parse_period("2023-Q2")).values
    assert body["received"] == values["3.3.1"] > 0
    assert body["resolved_early"] + body["resolved_on_time"] == values["3.3.2"]
    # The new Hoằng Châu of 2025 covers four communes: its figures are not Hoằng Lưu's.
    later = Client().get("/api/public/statistics", {"unit": "15976", "period": "2025-Q3"}).json()
    assert later["unit"] == {"code": "15976", "name": "Xã Hoằng Châu"}
