"""The index page: the figures of the hand-worked month, every list's count equal to its figure, scoping."""

import html
import re

import pytest

from tests.factories import make_user
from tests.index766 import scenario as month

pytestmark = pytest.mark.django_db

LINK = re.compile(r'<a href="([^"]+)" data-part="(\w+)">([^<]*)</a>')


@pytest.fixture
def world():
    return month.build()


def page(client, user, url):
    client.force_login(user)
    response = client.get(url)
    return response.status_code, response.content.decode()


def count_on(body: str) -> int:
    return int(re.search(r'id="so-luong">(\d+)<', body)[1])


def test_every_list_counts_what_its_figure_says(client, world):
    leader = make_user("lanhdao", world.units.a, "leader")
    status, body = page(client, leader, f"/chi-so-766/?unit={world.units.a.uid}&period=2026-11")
    assert status == 200
    assert 'id="tong-diem">42.01<' in body or 'id="tong-diem">42,01<' in body
    rows = dict(re.findall(r'<tr data-indicator="([\w.]+)">(.*?)</tr>', body, re.S))
    checked = 0
    for code, row in rows.items():
        numbers = {part: (url, text) for url, part, text in LINK.findall(row)}
        for part, (url, text) in numbers.items():
            status, listed = page(client, leader, html.unescape(url))
            assert status == 200, (code, part)
            if part in ("numerator", "denominator"):
                assert count_on(listed) == int(text), (code, part)
            checked += 1
        if "cost" in numbers:
            cost = count_on(page(client, leader, html.unescape(numbers["cost"][0]))[1])
            assert cost == int(numbers["denominator"][1]) - int(numbers["numerator"][1]), code
    # Every dossier and procedure indicator (17) and 5.2 link three lists; 5.4 links three.
    assert checked == 18 * 3 + 3


def test_the_late_dossiers_list_of_2_1(client, world):
    leader = make_user("lanhdao", world.units.a, "leader")
    _, body = page(client, leader, f"/chi-so-766/chi-tiet/?unit={world.units.a.uid}&period=2026-11&indicator=2.1&part=cost")
    d = world.dossiers
    assert count_on(body) == 4
    for late in (d.n2, d.n4, d.n6, d.n9):
        assert late.code in body
    assert d.n1.code not in body and d.n5.code not in body


def test_the_district_ranks_its_communes(client, world):
    officer = make_user("tinh", world.units.district, "oversight")
    status, body = page(client, officer, f"/chi-so-766/?unit={world.units.district.uid}&period=2026-11")
    assert status == 200
    ranking = body[body.index('class="compact ranking"'):]
    assert ranking.index("Xã Hoằng Lưu") < ranking.index("Xã Hoằng Phụ") or ranking.index("Xã Hoằng Phụ") < ranking.index("Xã Hoằng Lưu")
    assert "Xã Nghi Lộc" not in ranking


def test_a_commune_cannot_see_another(client, world):
    officer = make_user("xab", world.units.b, "leader")
    status, _ = page(client, officer, f"/chi-so-766/?unit={world.units.a.uid}&period=2026-11")
    assert status == 404
    status, _ = page(client, officer, f"/chi-so-766/chi-tiet/?unit={world.units.a.uid}&period=2026-11&indicator=2.1&part=cost")
    assert status == 404


def test_a_bad_period_is_named(client, world):
    leader = make_user("lanhdao", world.units.a, "leader")
    status, body = page(client, leader, f"/chi-so-766/?unit={world.units.a.uid}&period=2026-13")
    assert status == 400 and "kỳ báo cáo không hợp lệ" in body


def test_the_workbook_downloads(client, world):
    from io import BytesIO

    from openpyxl import load_workbook

    leader = make_user("lanhdao", world.units.a, "leader")
    client.force_login(leader)
    response = client.get(f"/chi-so-766/tai-ve.xlsx?unit={world.units.a.uid}&period=2026-11")
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content))["Chỉ số 766"]
    assert sheet["G2"].value == 42.01


def test_the_unpaid_dossiers_list_of_3_6(client, world):
    # What would raise 3.6: the dossiers owing a fee not paid online by E — N6 (paid 1/12), N7 (unpaid), N9 (cash).
    leader = make_user("lanhdao", world.units.a, "leader")
    _, body = page(client, leader, f"/chi-so-766/chi-tiet/?unit={world.units.a.uid}&period=2026-11&indicator=3.6&part=cost")
    d = world.dossiers
    assert count_on(body) == 3
    for unpaid in (d.n6, d.n7, d.n9):
        assert unpaid.code in body
    for other in (d.n1, d.n2, d.n5, d.n8):
        assert other.code not in body
