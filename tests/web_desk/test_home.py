"""Each role's home page: hand-counted figures, each linking to its filtered worklist."""

import re
from html import unescape

import pytest

from motcua.desk.home import desk_officer_figures, leader_figures, oversight_rows, specialist_figures
from motcua.dossiers.models import Apology
from tests.desk.conftest import vn

pytestmark = pytest.mark.django_db


def as_dict(figures):
    return {f.key: f.count for f in figures}


def test_desk_officer_counts(world):
    # At Wed 11/03/2026 10:00: received today a3; due later today a2; overdue a1 (a4's clock stopped);
    # awaiting papers a4; decided, not returned a6; returned within 7 days (since 05/03) a5.
    assert as_dict(desk_officer_figures(world.officer)) == {
        "received_today": 1,
        "due_today": 1,
        "overdue": 1,
        "awaiting_supplement": 1,
        "to_return": 1,
        "returned": 1,
    }


def test_commune_b_officer_counts_only_b(world):
    # b1 was received yesterday and is overdue.
    counts = as_dict(desk_officer_figures(world.officer_b))
    assert counts == {"received_today": 0, "due_today": 0, "overdue": 1, "awaiting_supplement": 0, "to_return": 0, "returned": 0}


def test_specialist_counts_only_their_own(world):
    assert as_dict(specialist_figures(world.specialist)) == {"assigned": 2, "due_today": 1, "overdue": 0}


def test_leader_counts_and_apologies_to_sign(world):
    # Apologies are due from one working day before the due time: a1 (overdue) and a2 (due today 16:00,
    # 6 working hours away at 10:00); a3 (due Friday) is not yet.
    assert as_dict(leader_figures(world.leader)) == {"awaiting_decision": 0, "overdue": 1, "apologies": 2}
    Apology.objects.create(dossier=world.a1, issued_at=vn(2026, 3, 6, 9), new_due_at=vn(2026, 3, 13, 8), reason="Chậm xác minh")
    # Apologised: still overdue (counted late), no longer to sign.
    assert as_dict(leader_figures(world.leader)) == {"awaiting_decision": 0, "overdue": 1, "apologies": 1}


def test_oversight_rows_per_unit(world):
    rows = [(r.unit.code, r.open, r.overdue, r.received_this_month) for r in oversight_rows(world.oversight)]
    # A: open a1–a4, overdue a1, received since 01/03 a1, a2, a3, a4, a6. B: b1.
    assert rows == [("16003", 4, 1, 5), ("16004", 1, 1, 1)]


def figure_links(html):
    return {
        key: (int(count), unescape(url))
        for key, url, count in re.findall(r'data-figure="(\w+)">\s*<a href="([^"]+)">\s*<span class="figure">(\d+)', html)
    }


def test_desk_officer_page_links_each_figure_to_its_worklist(client, world):
    client.force_login(world.officer)
    html = client.get("/can-bo/").content.decode()
    links = figure_links(html)
    assert links["overdue"] == (1, "/can-bo/ho-so/?due=overdue&sort=due_at")
    assert links["received_today"] == (1, "/can-bo/ho-so/?received_from=11%2F03%2F2026&received_to=11%2F03%2F2026")
    assert links["to_return"] == (1, "/can-bo/ho-so/?status=approved&status=refused")
    # Following a link lists exactly the dossiers counted.
    listed = client.get(links["overdue"][1]).content.decode()
    assert re.findall(r'<tr data-code="([^"]+)"', listed) == [world.a1.code]
    listed = client.get(links["received_today"][1]).content.decode()
    assert re.findall(r'<tr data-code="([^"]+)"', listed) == [world.a3.code]


def test_specialist_page_lists_my_dossiers_nearest_due_first(client, world):
    client.force_login(world.specialist)
    html = client.get("/can-bo/").content.decode()
    assert re.findall(r'<td><a href="/can-bo/ho-so/([^/]+)/">', html) == [world.a2.code, world.a3.code]


def test_leader_page_links_decisions_to_the_queue(client, world):
    client.force_login(world.leader)
    links = figure_links(client.get("/can-bo/").content.decode())
    assert links["awaiting_decision"] == (0, "/can-bo/phe-duyet/")
    assert links["apologies"] == (2, "/can-bo/ho-so/?apology=needed&sort=due_at")
    # Following the link lists exactly the dossiers counted, nearest due first.
    listed = client.get(links["apologies"][1]).content.decode()
    assert re.findall(r'<tr data-code="([^"]+)"', listed) == [world.a1.code, world.a2.code]


def test_oversight_page_has_a_row_per_unit_with_links(client, world):
    client.force_login(world.oversight)
    html = client.get("/can-bo/").content.decode()
    assert 'data-unit="16003"' in html and 'data-unit="16004"' in html
    assert unescape('href="/can-bo/ho-so/?unit=16004&amp;due=overdue&amp;sort=due_at"') in unescape(html)
    assert "/quan-tri/" not in re.sub(r"<header.*?</header>", "", html, flags=re.S)
