"""Browser: a leader opens the QĐ 766 index from the menu, picks November 2026 and follows its lists.

The figures are those worked by hand in tests/index766 (commune A: total 42.01;
2.1 = 5 of 9 on time, 4 late; 4.1 = 1 electronic result of 7 paper-result dossiers).
"""

import re

import pytest

from tests.factories import make_user
from tests.index766 import scenario as month

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_leader_reads_the_index_and_every_list_counts_its_figure(login):
    world = month.build()
    leader = make_user("lanhdao", world.units.a, "leader")
    page = login(leader)
    page.get_by_role("link", name="Chỉ số 766").click()
    page.get_by_label(re.compile("^Kỳ")).fill("2026-11")
    page.get_by_role("button", name="Xem").click()
    assert page.locator("#tong-diem").inner_text() == "42,01"  # Vietnamese decimal comma
    row = page.locator('tr[data-indicator="2.1"]')
    assert row.locator('a[data-part="numerator"]').inner_text() == "5"
    assert row.locator('a[data-part="denominator"]').inner_text() == "9"
    # Each list counts what its number says.
    for code in ("2.1", "4.1", "1.1", "5.2"):
        for part in ("numerator", "denominator"):
            link = page.locator(f'tr[data-indicator="{code}"] a[data-part="{part}"]')
            expected = link.inner_text()
            link.click()
            assert page.locator("#so-luong").inner_text() == expected, (code, part)
            page.go_back()
    page.locator('tr[data-indicator="2.1"] a[data-part="cost"]').click()
    assert page.locator("#so-luong").inner_text() == "4"
    body = page.locator("main").inner_text()
    for late in (world.dossiers.n2, world.dossiers.n4, world.dossiers.n6, world.dossiers.n9):
        assert late.code in body
    page.get_by_role("link", name=world.dossiers.n2.code).click()
    assert world.dossiers.n2.code in page.locator("main").inner_text()
