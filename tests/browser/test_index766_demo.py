"""Browser, on the demo's data: a province officer opens the QĐ 766 index for November 2026, follows every
numerator and denominator on the page and finds as many rows in each list as the number said; the workbook
downloaded from the page states the page's total.

The demo's catalog and a generated month of dossiers (motcua.demo.generate, as `make demo` loads them), not a
hand-made scenario: whatever the generator draws, each list must count its figure.
"""

import io
import json
import re

import pytest
from openpyxl import load_workbook

from motcua.demo.generate import generate_dossiers
from motcua.exchange.loading import load_jsonl
from motcua.units.models import Unit
from tests.demo.conftest import NOW, PERIODS, demo_catalog  # noqa: F401
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_on_the_demo_every_number_of_the_index_page_lists_as_many_rows(login, demo_catalog):  # noqa: F811
    lines = [json.dumps(d, ensure_ascii=False) for d in generate_dossiers(demo_catalog, PERIODS, seed=7, now=NOW)]
    assert load_jsonl("dossiers", lines, today=NOW.date()).error_lines() == []
    officer = make_user("tinh", Unit.objects.get(code="38"), "oversight")
    page = login(officer)
    page.get_by_role("link", name="Chỉ số 766").click()
    page.get_by_label(re.compile("^Kỳ")).fill("2026-11")
    page.get_by_role("button", name="Xem").click()
    total = page.locator("#tong-diem").inner_text()
    links = page.locator('a[data-part="numerator"], a[data-part="denominator"]')
    count = links.count()
    assert count >= 30
    followed = {}
    for i in range(count):
        link = page.locator('a[data-part="numerator"], a[data-part="denominator"]').nth(i)
        code = link.locator("xpath=ancestor::tr").get_attribute("data-indicator")
        part, expected = link.get_attribute("data-part"), link.inner_text()
        link.click()
        assert page.locator("#so-luong").inner_text() == expected, (code, part)
        followed[(code, part)] = int(expected.replace(".", ""))
        page.go_back()
    # The month's dossiers are there to count: 2.1's denominator is the dossiers received in November.
    assert followed[("2.1", "denominator")] > 0
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải bảng tính (XLSX)").click()
    book = load_workbook(io.BytesIO(open(download.value.path(), "rb").read()))
    assert book["Chỉ số 766"]["G2"].value == float(total.replace(",", "."))
