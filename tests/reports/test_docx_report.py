"""The Word report: NĐ 30/2020 header, sections I–V, signature, appendix rows for every value code, statistics."""

import datetime as dt
import io
import re

import pytest
from docx import Document

from motcua.reports.compute import compute_appendix
from motcua.reports.docx_report import build_appendix_docx, build_report_docx
from motcua.reports.indicators import BY_CODE, VALUE_CODES
from motcua.reports.models import ReportMeta
from motcua.reports.narrative import set_section_text

pytestmark = pytest.mark.django_db


def read(data: bytes):
    doc = Document(io.BytesIO(data))
    paragraphs = [p.text for p in doc.paragraphs]
    cells = [[cell.text for cell in row.cells] for table in doc.tables for row in table.rows]
    return doc, paragraphs, cells


def all_text(data: bytes) -> str:
    _, paragraphs, cells = read(data)
    return "\n".join(paragraphs + ["\n".join(row) for row in cells])


@pytest.fixture
def report(scenario, q2):
    return build_report_docx(scenario.units.a, q2, issued_on=dt.date(2023, 6, 20))


def test_header_title_and_signature(report):
    doc, paragraphs, cells = read(report)
    text = all_text(report)
    for expected in (
        "ỦY BAN NHÂN DÂN", "XÃ HOẰNG LƯU", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc", "Hoằng Lưu, ngày 20 tháng 6 năm 2023", "Nơi nhận:", "- UBND huyện (b/c);",
        "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH",
    ):
        assert expected in text, expected
    assert re.search(r"^Số:\s+/BC-UBND$", text, re.M)
    assert "BÁO CÁO" in paragraphs
    assert (
        "Kết quả thực hiện công tác cải cách hành chính quý II năm 2023; phương hướng, nhiệm vụ quý III năm 2023"
        in paragraphs
    )
    for title in ("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH",
                  "III. ĐÁNH GIÁ CHUNG", "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ", "V. ĐỀ XUẤT, KIẾN NGHỊ",
                  "1. Cải cách thể chế", "6. Xây dựng và phát triển Chính phủ điện tử, Chính phủ số"):
        assert any(p.startswith(title) for p in paragraphs), title
    # Issuing body bold and underlined, nothing above it (a People's Committee); the motto underlined.
    header = doc.tables[0].rows[0].cells
    runs = {run.text: run for cell in header for p in cell.paragraphs for run in p.runs}
    assert runs["XÃ HOẰNG LƯU"].bold and runs["XÃ HOẰNG LƯU"].underline
    assert "UBND HUYỆN HOẰNG HÓA" not in text
    assert runs["Độc lập - Tự do - Hạnh phúc"].underline
    date_run = next(r for p in doc.tables[0].rows[1].cells[1].paragraphs for r in p.runs)
    assert date_run.italic


def test_page_format(report):
    doc, _, _ = read(report)
    first = doc.sections[0]
    # Word stores twentieths of a point: compare in whole millimetres.
    sizes = [round(x.mm) for x in (first.page_width, first.page_height, first.top_margin, first.bottom_margin,
                                   first.left_margin, first.right_margin)]
    assert sizes == [210, 297, 20, 20, 30, 15]
    assert first.different_first_page_header_footer
    assert "PAGE" in first.header._element.xml and "PAGE" not in first.first_page_header._element.xml
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size.pt == 14
    body = next(p for p in doc.paragraphs if p.text.startswith("Trong quý II năm 2023"))
    assert body.paragraph_format.alignment == 3  # justify
    assert round(body.paragraph_format.first_line_indent.cm, 2) == 1.27
    assert doc.sections[-1].page_width > doc.sections[-1].page_height  # statistics in landscape


def test_figures_equal_the_json(scenario, q2, report):
    values = compute_appendix(scenario.units.a, q2).values
    text = all_text(report)
    assert f"đã tiếp nhận {values['3.3.1']} hồ sơ" in text
    assert f"đã giải quyết đúng hạn {values['3.3.2']} hồ sơ" in text


def test_appendix_rows_cover_every_value_code(scenario, q2, report):
    values = compute_appendix(scenario.units.a, q2).values
    _, paragraphs, cells = read(report)
    assert "Phụ lục 01b" in paragraphs
    assert "THỐNG KÊ SỐ LIỆU VỀ KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH TẠI UBND XÃ HOẰNG LƯU" in paragraphs
    rows = {row[0]: row for row in cells if len(row) == 5 and row[0] in BY_CODE}
    assert set(VALUE_CODES) <= set(rows)
    for code in VALUE_CODES:
        expected = values[code]
        printed = rows[code][3]
        if expected is None:
            assert printed == "", code
        else:
            assert float(printed.replace(".", "").replace(",", ".")) == float(expected), code
    assert rows["1.4.2"][2:] == ["Trực tuyến = 0, Phát phiếu = 1, Kết hợp = 2", "2", "Kết hợp"]
    assert rows["3.2.5"][3] == "66,67"


def test_statistics_table(report):
    _, paragraphs, cells = read(report)
    assert "Phụ lục 02" in paragraphs
    by_name = {row[1]: row for row in cells if len(row) == 13}
    assert by_name["Hộ tịch"][2] == "8"
    assert by_name["Tổng cộng"][2:] == ["11", "1", "4", "6", "8", "4", "2", "2", "1", "2", "0"]


def test_meta_and_edited_section(scenario, q2):
    unit = scenario.units.a
    ReportMeta.objects.create(unit=unit, period_start=q2.start, period_end=q2.end, document_number="125/BC-UBND",
                              signer_name="Lê Ngọc Hạnh", issued_on=dt.date(2023, 6, 5))
    set_section_text(unit, q2, "V", "Đề nghị UBND huyện hỗ trợ kinh phí cho Bộ phận Một cửa.")
    text = all_text(build_report_docx(unit, q2))
    assert "Số: 125/BC-UBND" in text and "Lê Ngọc Hạnh" in text
    assert "Hoằng Lưu, ngày 05 tháng 6 năm 2023" in text
    assert "Đề nghị UBND huyện hỗ trợ kinh phí cho Bộ phận Một cửa." in text
    assert "Không có." not in text


def test_appendix_alone(scenario, q2):
    data = build_appendix_docx(compute_appendix(scenario.units.a, q2))
    _, paragraphs, cells = read(data)
    assert paragraphs[0] == "Phụ lục 01b"
    assert "BÁO CÁO" not in paragraphs
    assert {row[0] for row in cells} >= set(VALUE_CODES)
