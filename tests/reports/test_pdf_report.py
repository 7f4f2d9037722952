"""The PDF report: the same text as the Word one, A4 with page numbers from page 2, Liberation Serif embedded."""

import datetime as dt
import io
import re

import pdfplumber
import pytest

from motcua.reports.compute import compute_appendix
from motcua.reports.indicators import VALUE_CODES
from motcua.reports.pdf_report import build_report_pdf

pytestmark = pytest.mark.django_db


def test_pdf_report(scenario, q2):
    # One rendering for every assertion: it costs about a second.
    values = compute_appendix(scenario.units.a, q2).values
    data = build_report_pdf(scenario.units.a, q2, issued_on=dt.date(2023, 6, 20))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
        fonts = {char["fontname"] for page in pdf.pages for char in page.chars}
        sizes = {(round(page.width), round(page.height)) for page in pdf.pages}
        cells = [[" ".join((cell or "").split()) for cell in row]
                 for page in pdf.pages for table in page.extract_tables() for row in table]
    text = "\n".join(pages)
    flat = re.sub(r"\s+", " ", text)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "XÃ HOẰNG LƯU", "Hoằng Lưu, ngày 20 tháng 6 năm 2023", "BÁO CÁO",
        "Kết quả thực hiện công tác cải cách hành chính quý II năm 2023; phương hướng, nhiệm vụ quý III năm 2023",
        "I. CÔNG TÁC CHỈ ĐẠO", "II. KẾT QUẢ THỰC HIỆN",
        "III. ĐÁNH GIÁ CHUNG", "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ", "V. ĐỀ XUẤT, KIẾN NGHỊ", "Nơi nhận:",
        "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Phụ lục 01b", "Phụ lục 02",
    ):
        assert expected in flat, expected
    assert re.search(r"Số:\s*/BC-UBND", text)
    assert f"đã tiếp nhận {values['3.3.1']} hồ sơ" in flat
    assert f"đã giải quyết đúng hạn {values['3.3.2']} hồ sơ" in flat
    assert "UBND HUYỆN HOẰNG HÓA" not in flat
    # Every value code has its row in the appendix table, and so does every group heading of the reference.
    rows = {row[0]: row for row in cells if len(row) == 5}
    assert set(VALUE_CODES) - set(rows) == set()
    for code, label in (("4.1", "Số liệu về biên chế cán bộ, công chức"), ("6", "Cải cách tài chính công"),
                        ("7", "Xây dựng và phát triển Chính quyền điện tử"),
                        ("7.2", "Số liệu về trao đổi văn bản điện tử"),
                        ("7.4", "Vận hành Hệ thống thông tin một cửa điện tử"), ("7.5", "Dịch vụ công trực tuyến")):
        assert rows[code] == [code, label, "", "", ""], code
    # A blank manual row is marked in the table and named in the text.
    assert rows["6.1"][3:] == ["", "thiếu số liệu"]
    assert "Thiếu số liệu các chỉ tiêu 1.1, 1.1.1," in flat
    # Page numbers from page 2 only, at the top.
    assert not pages[0].startswith("1")
    assert [page.split("\n", 1)[0] for page in pages[1:]] == [str(n) for n in range(2, len(pages) + 1)]
    assert all("LiberationSerif" in name.replace("-", "") for name in fonts)
    assert {"Regular", "Bold", "Italic"} <= {("Bold" if "Bold" in n else "Italic" if "Italic" in n else "Regular")
                                             for n in fonts}
    assert (595, 842) in sizes and (842, 595) in sizes  # A4; the statistics in landscape
