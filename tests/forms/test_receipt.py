"""Mẫu 01: code, applicant, procedure, dates, and a QR code to the status page, in the bundled Liberation Serif."""

import io

import pdfplumber
import pytest
import zxingcpp
from PIL import Image

from motcua.forms import available_forms, render_form
from motcua.forms.qr import qr_png, status_url
from tests.forms.conftest import decode_qr_codes, embedded_font_names, pdf_fonts, pdf_text, receive, vn

pytestmark = pytest.mark.django_db


@pytest.fixture
def receipt(desk):
    # Mon 04/08/2025 09:00, 3 working days → due Thu 07/08/2025 09:00.
    dossier = receive(desk, vn(2025, 8, 4, 9, 0))
    return dossier, render_form(dossier, "receipt")


def test_receipt_text_has_code_applicant_procedure_and_dates(receipt):
    dossier, pdf = receipt
    text = pdf_text(pdf)
    assert pdf.startswith(b"%PDF-")
    assert dossier.code == "H56.20.03-250804-0001"
    assert "Mã hồ sơ: H56.20.03-250804-0001" in text
    assert "Nguyễn Văn A" in text
    assert "Thủ tục đăng ký khai sinh" in text
    assert "09 giờ 00 phút, ngày 04/08/2025" in text
    assert "09 giờ 00 phút, ngày 07/08/2025" in text
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "Hoằng Lưu, ngày 04 tháng 8 năm 2025" in text
    assert "Giấy chứng sinh" in text
    assert "3 ngày làm việc" in text
    # The receipt is the applicant's: no identity number printed on it.
    assert "038090001234" not in text


def test_receipt_is_one_a4_page_without_page_number(receipt):
    _, pdf = receipt
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        assert len(doc.pages) == 1
        page = doc.pages[0]
        # A4 in points.
        assert (round(page.width), round(page.height)) == (595, 842)
        # Nghị định 30/2020: left margin 30–35 mm, right 15–20 mm (1 mm = 72/25.4 pt).
        left = min(c["x0"] for c in page.chars)
        right = max(c["x1"] for c in page.chars)
        assert 30 * 72 / 25.4 - 1 <= left <= 35 * 72 / 25.4
        assert page.width - 20 * 72 / 25.4 <= right <= page.width - 15 * 72 / 25.4 + 1
        # No page number on the first page: no lone digit in the top margin.
        assert not [c for c in page.chars if c["top"] < 20 * 72 / 25.4]


def test_receipt_uses_the_bundled_liberation_serif_2(receipt):
    _, pdf = receipt
    fonts = pdf_fonts(pdf)
    assert fonts and all(name.startswith("Liberation-Serif-v2") for name in fonts), fonts
    programs = embedded_font_names(pdf)
    assert programs, "no embedded TrueType font"
    # The embedded programs are Liberation Serif 2.x (fonts-liberation2), never 1.x.
    assert {family for family, _ in programs} == {"Liberation Serif"}
    assert all(version.startswith("Version 2.") for _, version in programs), programs


def test_receipt_qr_code_leads_to_the_public_status_page(receipt):
    dossier, pdf = receipt
    url = "https://dichvucong.example.vn/tra-cuu/H56.20.03-250804-0001/"
    assert status_url(dossier.code) == url
    assert decode_qr_codes(pdf) == [url]
    assert url in pdf_text(pdf).replace("\n", "")


def test_qr_image_decodes_to_its_text():
    url = "https://dichvucong.example.vn/tra-cuu/H56.20.03-250804-0001/"
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(qr_png(url))))
    assert [r.text for r in decoded] == [url]


def test_every_dossier_has_a_receipt_and_a_control_sheet(desk):
    dossier = receive(desk, vn(2025, 8, 4, 9, 0))
    assert available_forms(dossier) == ["receipt", "control_sheet"]


@pytest.mark.parametrize("src", ["file:///etc/hostname", "http://127.0.0.1:9/logo.png"])
def test_rendering_reads_nothing_but_the_bundled_fonts(src):
    from weasyprint.urls import FatalURLFetchingError

    from motcua.forms.render import html_to_pdf

    assert html_to_pdf("<p>Xin chào</p>").startswith(b"%PDF-")
    with pytest.raises(FatalURLFetchingError):
        html_to_pdf(f'<p>Xin chào</p><img src="{src}">')
