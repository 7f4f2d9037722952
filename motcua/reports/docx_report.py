"""The report and the appendix 01b table as Word documents (python-docx), in the Nghị định 30/2020 layout.

A4, margins 20/20/30/15 mm, Times New Roman 14 pt justified with a 1.27 cm
first-line indent; Word substitutes a metric-compatible font where Times is
missing. Page numbers are centred in the header from page 2 on.
"""

from __future__ import annotations

import datetime as dt
import io

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from motcua.lib.periods import Period
from motcua.reports.compute import Appendix
from motcua.reports.document import (
    APPENDIX_HEADERS,
    APPENDIX_LABEL,
    APPENDIX_TITLE,
    MOTTO,
    MOTTO_NATION,
    STATISTICS_COLUMNS,
    STATISTICS_LABEL,
    STATISTICS_TITLE,
    AppendixRow,
    ReportDocument,
    StatisticsRow,
    appendix_rows,
    assemble_report,
    issuer_body_upper,
    period_dates,
)
from motcua.units.models import Unit

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 12
CENTER, LEFT, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.JUSTIFY


def build_report_docx(unit: Unit, period: Period, *, issued_on: dt.date | None = None) -> bytes:
    """Return the whole report of `unit` over `period` as a .docx file's bytes."""
    report = assemble_report(unit, period, issued_on=issued_on)
    doc = _new_document()
    section = doc.sections[0]
    # Page numbers from page 2: the first page's header stays empty.
    section.different_first_page_header_footer = True
    _page_number(section.header.paragraphs[0])

    _header(doc, report)
    _body(doc, report)
    _signature(doc, report)

    _new_section(doc, landscape=False)
    _appendix(doc, report.appendix_title, report.appendix_period, report.appendix_rows)
    _new_section(doc, landscape=True)
    _statistics(doc, report.statistics_rows)
    return _bytes(doc)


def build_appendix_docx(appendix: Appendix) -> bytes:
    """Return the appendix 01b table alone as a .docx file's bytes."""
    doc = _new_document()
    title = f"{APPENDIX_TITLE} TẠI {issuer_body_upper(appendix.unit)}"
    _appendix(doc, title, period_dates(appendix.period), appendix_rows(appendix))
    return _bytes(doc)


# ---------------------------------------------------------------- page and text helpers


def _new_document() -> Document:
    doc = Document()
    section = doc.sections[0]
    _page_setup(section, landscape=False)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    # Vietnamese letters fall in ranges Word may take from the East Asian font slot.
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(6), 1.0
    return doc


def _page_setup(section, *, landscape: bool) -> None:
    width, height = Mm(210), Mm(297)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)


def _new_section(doc, *, landscape: bool):
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    _page_setup(section, landscape=landscape)
    section.different_first_page_header_footer = False
    return section


def _para(container, text="", *, size=BODY_PT, bold=False, italic=False, underline=False, align=CENTER,
          indent=False, after=0):
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.alignment = align
    fmt.first_line_indent = Cm(1.27) if indent else Cm(0)
    fmt.space_after = Pt(after)
    if text:
        run = paragraph.add_run(text)
        run.font.size, run.bold, run.italic, run.underline = Pt(size), bold, italic, underline
    return paragraph


def _cell_para(cell, text="", **kwargs):
    """Write into a table cell, reusing its first empty paragraph."""
    if len(cell.paragraphs) == 1 and not cell.paragraphs[0].text:
        paragraph = cell.paragraphs[0]
        fmt = paragraph.paragraph_format
        fmt.alignment = kwargs.pop("align", CENTER)
        fmt.first_line_indent = Cm(0)
        fmt.space_after = Pt(kwargs.pop("after", 0))
        if text:
            run = paragraph.add_run(text)
            run.font.size = Pt(kwargs.get("size", BODY_PT))
            run.bold, run.italic = kwargs.get("bold", False), kwargs.get("italic", False)
            run.underline = kwargs.get("underline", False)
        return paragraph
    return _para(cell, text, **kwargs)


def _page_number(paragraph) -> None:
    paragraph.alignment = CENTER
    run = paragraph.add_run()
    run.font.size = Pt(BODY_PT)
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "2"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == "PAGE":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = " PAGE "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


def _borderless(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _widths(table, widths_cm) -> None:
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm):
            cell.width = Cm(width)


def _bytes(doc) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- parts of the report


def _header(doc, report: ReportDocument) -> None:
    table = doc.add_table(rows=2, cols=2)
    _borderless(table)
    _widths(table, (6.5, 9.5))
    left, right = table.rows[0].cells
    _cell_para(left, report.issuer_lines[0], size=13, bold=True)
    _cell_para(left, report.issuer_lines[1], size=13, bold=True, underline=True)
    _cell_para(right, MOTTO_NATION, size=13, bold=True)
    _cell_para(right, MOTTO, size=14, bold=True, underline=True)
    number, place = table.rows[1].cells
    _cell_para(number, report.number_line, size=13, after=0).paragraph_format.space_before = Pt(6)
    _cell_para(place, report.date_line, size=14, italic=True).paragraph_format.space_before = Pt(6)

    _para(doc, report.title, size=14, bold=True).paragraph_format.space_before = Pt(18)
    _para(doc, report.subtitle, size=14, bold=True, after=18)


def _body(doc, report: ReportDocument) -> None:
    for section in report.narrative.sections:
        if section.title:
            _para(doc, section.title, bold=True, align=JUSTIFY, indent=True, after=6)
        for text in section.printed:
            _para(doc, text, align=JUSTIFY, indent=True, after=6)


def _signature(doc, report: ReportDocument) -> None:
    table = doc.add_table(rows=1, cols=2)
    _borderless(table)
    _widths(table, (8.0, 8.0))
    left, right = table.rows[0].cells
    _cell_para(left, "Nơi nhận:", size=12, bold=True, italic=True, align=LEFT)
    for line in report.recipients:
        _cell_para(left, line, size=11, align=LEFT)
    _cell_para(right, report.signer_on_behalf, size=14, bold=True)
    _cell_para(right, report.signer_title, size=14, bold=True)
    for _ in range(4):
        _cell_para(right, "")
    if report.signer_name:
        _cell_para(right, report.signer_name, size=14, bold=True)


def _grid(doc, headers, widths_cm, *, size=TABLE_PT):
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, title in zip(table.rows[0].cells, headers):
        _cell_para(cell, title, size=size, bold=True)
    # The header row repeats on every page of a long table.
    header_props = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header_props.append(repeat)
    return table


def _appendix(doc, title: str, period_text: str, rows: list[AppendixRow]) -> None:
    _para(doc, APPENDIX_LABEL, size=13, bold=True, italic=True)
    _para(doc, title, size=13, bold=True)
    _para(doc, period_text, size=13, italic=True, after=12)
    widths = (1.6, 8.0, 3.0, 1.8, 1.6)
    table = _grid(doc, APPENDIX_HEADERS, widths)
    for row in rows:
        cells = table.add_row().cells
        for index, (cell, text) in enumerate(zip(cells, (row.code, row.label, row.unit, row.value, row.note))):
            _cell_para(cell, text, size=TABLE_PT, bold=row.heading, align=LEFT if index == 1 else CENTER)
    _widths(table, widths)


def _statistics(doc, rows: list[StatisticsRow]) -> None:
    _para(doc, STATISTICS_LABEL, size=13, bold=True, italic=True)
    _para(doc, STATISTICS_TITLE, size=13, bold=True, after=12)
    headers = ("STT", "Lĩnh vực", *(title for _, title in STATISTICS_COLUMNS))
    widths = (1.0, 4.9, *([1.8] * len(STATISTICS_COLUMNS)))
    table = _grid(doc, headers, widths, size=11)
    for row in rows:
        cells = table.add_row().cells
        for index, (cell, text) in enumerate(zip(cells, (row.number, row.name, *row.cells))):
            _cell_para(cell, text, size=11, bold=row.total, align=LEFT if index == 1 else CENTER)
    _widths(table, widths)
