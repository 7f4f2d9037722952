"""The index page on the demo's data (its catalog and generated dossiers): every list counts what its figure says,
and the workbook states the page's total."""

import html
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
from tests.index766.test_page import LINK, count_on, page

pytestmark = pytest.mark.django_db


def test_on_the_demo_every_list_counts_its_figure(client, demo_catalog):  # noqa: F811
    lines = [json.dumps(d, ensure_ascii=False) for d in generate_dossiers(demo_catalog, PERIODS, seed=7, now=NOW)]
    assert load_jsonl("dossiers", lines, today=NOW.date()).error_lines() == []
    province = Unit.objects.get(code="38")
    officer = make_user("tinh", province, "oversight")
    status, body = page(client, officer, f"/chi-so-766/?unit={province.uid}&period=2026-11")
    assert status == 200
    rows = dict(re.findall(r'<tr data-indicator="([\w.]+)">(.*?)</tr>', body, re.S))
    assert len(rows) == 20
    followed = 0
    for code, row in rows.items():
        numbers = {part: (url, text) for url, part, text in LINK.findall(row)}
        for part in ("numerator", "denominator"):
            if part in numbers:
                url, text = numbers[part]
                assert count_on(page(client, officer, html.unescape(url))[1]) == int(text), (code, part)
                followed += 1
    assert followed >= 30
    # The received dossiers of November are there to count, and the demo exercises every service the index scores
    # from the records: online payment, electronic results, digitized, reused and data-store papers, VNeID.
    assert int(LINK.findall(rows["2.1"])[1][2]) > 0
    numerators = {code: int(text) for code, row in rows.items() for _, part, text in LINK.findall(row) if part == "numerator"}
    for code in ("3.5", "3.5b", "3.6", "4.1", "4.2", "4.3", "4.4", "4.5b", "4.5a"):
        assert numerators[code] > 0, code
    total = re.search(r'id="tong-diem">([\d,.]+)<', body)[1].replace(",", ".")
    response = client.get(f"/chi-so-766/tai-ve.xlsx?unit={province.uid}&period=2026-11")
    assert load_workbook(io.BytesIO(response.content))["Chỉ số 766"]["G2"].value == float(total)
