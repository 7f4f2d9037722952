"""The report's section II.6 quotes the QĐ 766 index; the dashboard shows it. Hand-worked on tests/index766/scenario.py.

November 2026, commune A (16003), from the worked figures of tests/index766/test_index.py:
  total 42.007143 → 42,01; groups transparency 6, progress 11.111111 → 11,11, online 5, payment 4.65 → 4,65,
  digitization 4.023810 → 4,02, satisfaction 11.222222 → 11,22 (maxima 18, 20, 12, 10, 22, 18).
  Points lost (max − points), computed indicators only: 2.1 20 − 11.11 = 8.89; 1.4 6 − 0 = 6; 3.3 6 − 0 = 6;
  4.1 6 − 0.86 = 5.14; 5.4 3.78; 4.4 3.11; 5.2 3; … → the three costliest: 2.1, then 1.4 and 3.3 (a tie at 6,
  in the decision's order). 3.3's rate is N3's 1/9 = 11,11% times the sync rate 0/9 = 0%.
  No indicator is N/A without points (5.3 is N/A with full points, not named): no third paragraph. Without
  any fee above 0 đ, 3.5, 3.5b and 3.6 are N/A without points and named.

Q4 2026 (quarter; P ends 1 Jan 2027 00:00), commune A: 10 received (N0 joins; N7, still open, is past due).
  1.x as in November: 4 + 1.3333 + 0.6667 + 0 = 6. 2.1 N0 N1 N3 N5 N8 = 5/10 = 50% → 10.
  3.1 5; 3.3 N3 = 1/10 = 10% × 0 = 0. Payment: 3.5 K of K, C → 1.25; 3.5b K (online payments N0 N1 N2 N6 in
  Q4) → 1; 3.6 N0 N1 N2 N6 paid online by 1 Jan of N0 N1 N2 N6 N7 N9 = 4/6 → 4: 6.25.
  4.1 N1 of the paper-result N0 N1 N2 N5 N6 N7 N8 N9 = 1/8 → 0.75; 4.2 2/10 = 20% → 4 × 0.2 / 0.8 = 1;
  4.2c 0/2 → 0; 4.3 1/10 → 2 × 0.1 / 0.8 = 0.25; 4.4 2/10 → 0.8; 4.5b 1/10 → 0.2; 4.5a 1/3 → 0.6667:
  digitization 3.666667 → 3,67.
  5.2 due in Q4: F1 in time, F2 late, F3 (20 Nov + 10 working days = 4 Dec) never answered = 1/3 → 2;
  5.3 N/A, 6; 5.4 10 − 5 late (N2 N4 N6 N7 N9) − 2 complained (N1 N3) = 3/10 = 30% → 6 × 0.3 / 0.9 = 2:
  satisfaction 10. Total 6 + 10 + 5 + 6.25 + 3.666667 + 10 = 40.916667 → 40,92.
  Lost: 2.1 10; 1.4 6; 3.3 6; 4.1 5.25; 5.2 4; 5.4 4; … → 2.1, 1.4, 3.3.
"""

import ast
import datetime as dt
import io
import re
from pathlib import Path

import pdfplumber
import pytest
from docx import Document

from motcua.dossiers.models import Supplement
from motcua.lib.periods import parse_period
from motcua.reports.docx_report import build_report_docx
from motcua.reports.narrative import build_narrative, set_section_text
from motcua.reports.pdf_report import build_report_pdf
from tests.factories import make_user
from tests.index766 import scenario as month

pytestmark = pytest.mark.django_db

NAME = (
    "Bộ chỉ số phục vụ người dân, doanh nghiệp trong thực hiện thủ tục hành chính, dịch vụ công "
    "(Quyết định số 766/QĐ-TTg)"
)
NOVEMBER = [
    f"{NAME} của UBND xã tháng 11 năm 2026 (tính từ dữ liệu hồ sơ, thủ tục trên hệ thống) đạt 42,01/100 điểm, "
    "gồm: công khai, minh bạch 6/18 điểm; tiến độ, kết quả giải quyết 11,11/20 điểm; cung cấp dịch vụ trực tuyến "
    "5/12 điểm; thanh toán trực tuyến 4,65/10 điểm; số hóa hồ sơ 4,02/22 điểm; mức độ hài lòng 11,22/18 điểm.",
    "Các chỉ số bị trừ nhiều điểm nhất: 2.1 hồ sơ giải quyết trước hạn, đúng hạn 55,56% (11,11/20 điểm); "
    "1.4 đồng bộ hồ sơ lên Cổng Dịch vụ công quốc gia 0% (0/6 điểm); "
    "3.3 hồ sơ nộp trực tuyến 11,11% nhân tỷ lệ đồng bộ 0% (0/6 điểm).",
]
NO_FEES = (
    "Các chỉ số không có số liệu để tính trong kỳ (N/A), không được điểm: 3.5 thủ tục có phí, lệ phí cho phép "
    "thanh toán trực tuyến; 3.5b thủ tục có phí, lệ phí đã phát sinh thanh toán trực tuyến; 3.6 hồ sơ thanh toán "
    "trực tuyến."
)
QUARTER = [
    f"{NAME} của UBND xã quý IV năm 2026 (tính từ dữ liệu hồ sơ, thủ tục trên hệ thống) đạt 40,92/100 điểm, "
    "gồm: công khai, minh bạch 6/18 điểm; tiến độ, kết quả giải quyết 10/20 điểm; cung cấp dịch vụ trực tuyến "
    "5/12 điểm; thanh toán trực tuyến 6,25/10 điểm; số hóa hồ sơ 3,67/22 điểm; mức độ hài lòng 10/18 điểm.",
    "Các chỉ số bị trừ nhiều điểm nhất: 2.1 hồ sơ giải quyết trước hạn, đúng hạn 50% (10/20 điểm); "
    "1.4 đồng bộ hồ sơ lên Cổng Dịch vụ công quốc gia 0% (0/6 điểm); "
    "3.3 hồ sơ nộp trực tuyến 10% nhân tỷ lệ đồng bộ 0% (0/6 điểm).",
]
ISSUED = dt.date(2027, 1, 6)


@pytest.fixture
def world():
    return month.build()


def docx_paragraphs(data: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(data)).paragraphs]


def test_month_quotes_total_groups_and_costliest_indicators(world):
    section = build_narrative(world.units.a, parse_period("2026-11")).section("II.6")
    assert section.title == "6. Xây dựng và phát triển Chính phủ điện tử, Chính phủ số"
    assert section.quoted == NOVEMBER
    # The draft's own paragraphs come first and do not quote the index.
    assert section.printed == section.paragraphs + NOVEMBER
    assert not any("766" in text for text in section.paragraphs)


def test_indicators_without_figures_are_named(world):
    # No fee line above 0 đ: 3.5, 3.5b, 3.6 have no denominator; the total loses their 4.65 points (37,36).
    for procedure in (world.procedures.k, world.procedures.c):
        procedure.fees = None
        procedure.save()
    quoted = build_narrative(world.units.a, parse_period("2026-11")).section("II.6").quoted
    assert "đạt 37,36/100 điểm" in quoted[0] and quoted[2:] == [NO_FEES]


def test_a_period_without_dossiers_says_so_instead_of_quoting_zeros(world):
    # September 2026: A received nothing (its first dossier, N0, is of 30 October).
    section = build_narrative(world.units.a, parse_period("2026-09")).section("II.6")
    assert section.quoted == [f"Trong tháng 9 năm 2026, UBND xã không tiếp nhận hồ sơ nào nên chưa tính {NAME} cho kỳ này."]
    assert "/100 điểm" not in " ".join(section.printed)


def test_the_quarterly_word_report_quotes_the_index_in_section_ii_6(world):
    quarter = parse_period("2026-Q4")
    paragraphs = docx_paragraphs(build_report_docx(world.units.a, quarter, issued_on=ISSUED))
    start = paragraphs.index("6. Xây dựng và phát triển Chính phủ điện tử, Chính phủ số")
    end = paragraphs.index("III. ĐÁNH GIÁ CHUNG")
    # The section's own draft, then the three quoted paragraphs, last.
    draft = build_narrative(world.units.a, quarter).section("II.6").paragraphs
    assert paragraphs[start + 1:end] == draft + QUARTER


def test_the_quarterly_pdf_report_quotes_the_index(world):
    data = build_report_pdf(world.units.a, parse_period("2026-Q4"), issued_on=ISSUED)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        flat = re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in pdf.pages))
    for paragraph in QUARTER:
        assert paragraph in flat, paragraph
    # In section II.6, before section III.
    assert flat.index("6. Xây dựng và phát triển Chính phủ điện tử") < flat.index(QUARTER[0]) < flat.index(
        "III. ĐÁNH GIÁ CHUNG"
    )


def test_an_edited_section_keeps_the_quote_recomputed_from_the_figures(world):
    november = parse_period("2026-11")
    # An officer's text for II.6 replaces the draft, even one that types a figure of its own …
    set_section_text(world.units.a, november, "II.6", "Xã đã triển khai dịch vụ công trực tuyến.\nChỉ số đạt 99/100 điểm.")
    section = build_narrative(world.units.a, november).section("II.6")
    assert section.edited
    assert section.paragraphs == ["Xã đã triển khai dịch vụ công trực tuyến.", "Chỉ số đạt 99/100 điểm."]
    assert section.quoted == NOVEMBER
    # … and the quote follows the records, not the saved text: N5's supplement requested after its due time
    # (24 Nov 17:00) makes it late: 2.1 = 4/9 = 44,44% → 20 × 4/9 = 8,89; 5.4 = 9 − 5 late − 2 complained = 2/9
    # → 6 × 0.2222 / 0.9 = 1,48, satisfaction 3 + 6 + 1.481481 = 10,48; total 6 + 8.888889 + 5 + 4.65 + 4.023810
    # + 10.481481 = 39.044180 → 39,04.
    Supplement.objects.filter(dossier=world.dossiers.n5).update(requested_at=month.vn(2026, 11, 25, 9))
    quoted = build_narrative(world.units.a, november).section("II.6").quoted
    assert "đạt 39,04/100 điểm" in quoted[0]
    assert "tiến độ, kết quả giải quyết 8,89/20 điểm" in quoted[0] and "mức độ hài lòng 10,48/18 điểm" in quoted[0]
    assert "2.1 hồ sơ giải quyết trước hạn, đúng hạn 44,44% (8,89/20 điểm)" in quoted[1]
    text = "\n".join(docx_paragraphs(build_report_docx(world.units.a, november, issued_on=dt.date(2026, 12, 6))))
    assert "Chỉ số đạt 99/100 điểm." in text and "đạt 39,04/100 điểm" in text


def test_the_report_page_shows_the_quote_outside_the_editable_text(client, world):
    client.force_login(make_user("lanhdao", world.units.a, "leader"))
    # The report pages pick quarters, half-years, years and date ranges (no months).
    html = client.get("/bao-cao/", {"unit": "16003", "period": "2026-Q4"}).content.decode()
    article = re.search(r'<article id="muc-II-6".*?</article>', html, re.S)[0]
    textarea = re.search(r"<textarea[^>]*>(.*?)</textarea>", article, re.S)[1]
    assert "766" not in textarea
    outside = article.replace(textarea, "")
    assert "đạt 40,92/100 điểm" in outside
    assert 'href="/chi-so-766/?unit=16003&amp;period=2026-Q4"' in outside


def test_the_dashboard_shows_the_index_and_links_to_its_page(client, world):
    client.force_login(make_user("lanhdao", world.units.a, "leader"))
    html = client.get("/bao-cao/bang-dieu-khien/", {"unit": "16003", "period": "2026-Q4"}).content.decode()
    block = re.search(r'<section class="dashboard-index".*?</section>', html, re.S)[0]
    assert 'id="chi-so-766-tong">40,92<' in block
    rows = {key: re.findall(r'<td class="num">([^<]*)</td>', row)
            for key, row in re.findall(r'<tr data-group="(\w+)">(.*?)</tr>', block, re.S)}
    assert rows == {
        "transparency": ["6", "18"], "progress": ["10", "20"], "online": ["5", "12"], "payment": ["6,25", "10"],
        "digitization": ["3,67", "22"], "satisfaction": ["10", "18"],
    }
    # digitization 3.666667 of 22 = 16.7 % of its maximum, written with a dot for the meter whatever the language.
    assert 'value="16.7"' in block
    link = re.search(r'<a href="([^"]+)" id="chi-so-766-lien-ket">', block)[1].replace("&amp;", "&")
    assert link == "/chi-so-766/?unit=16003&period=2026-Q4"
    page = client.get(link).content.decode()
    assert re.search(r'id="tong-diem">40[.,]92<', page)


def test_the_dashboard_of_a_period_without_dossiers_quotes_no_total(client, world):
    client.force_login(make_user("lanhdao", world.units.a, "leader"))
    # Q3 2026: A's first dossier (N0) is of 30 October.
    html = client.get("/bao-cao/bang-dieu-khien/", {"unit": "16003", "period": "2026-Q3"}).content.decode()
    block = re.search(r'<section class="dashboard-index".*?</section>', html, re.S)[0]
    assert "chi-so-766-tong" not in block and "data-group" not in block
    assert "Trong kỳ đơn vị không tiếp nhận hồ sơ nào nên chưa tính chỉ số." in block
    assert 'href="/chi-so-766/?unit=16003&amp;period=2026-Q3"' in block


def test_the_dashboard_index_in_english(client, world):
    client.force_login(make_user("lanhdao", world.units.a, "leader"))
    client.cookies["django_language"] = "en"
    html = client.get("/bao-cao/bang-dieu-khien/", {"unit": "16003", "period": "2026-Q4"}).content.decode()
    block = re.search(r'<section class="dashboard-index".*?</section>', html, re.S)[0]
    for text in ("Service index for citizens and businesses (QĐ 766)", "Indicator group", "Maximum",
                 "Transparency", "See the unit's Decision 766 index for this period"):
        assert text in block, text


def test_the_index_does_not_import_the_reports():
    """motcua.index766 is read by the reports, never the other way round."""
    package = Path(__file__).resolve().parents[2] / "motcua" / "index766"
    found = []
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            found += [f"{path.name}: {name}" for name in names if name.startswith("motcua.reports")]
    assert found == []
