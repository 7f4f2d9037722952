"""Fixtures of the form tests: the desk's commune, its staff and procedure (tests/desk/conftest.py)."""

import io
from datetime import timedelta

import pdfplumber
import pytest

from motcua.dossiers import actions as a
from tests.desk.conftest import APPLICANT, COMPONENTS, desk, make_procedure, receive, vn  # noqa: F401


@pytest.fixture(autouse=True)
def _public_url(settings):
    settings.MOTCUA_PUBLIC_URL = "https://dichvucong.example.vn"


def pdf_text(pdf: bytes) -> str:
    """Return the text of every page of a PDF."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return "\n".join(page.extract_text() or "" for page in doc.pages)


def pdf_fonts(pdf: bytes) -> set[str]:
    """Return the names of the fonts the PDF's text is set in, without subset prefixes."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return {char["fontname"].split("+", 1)[-1] for page in doc.pages for char in page.chars}


SUPPLEMENT_REASON = "Bản sao Giấy chứng nhận kết hôn của cha, mẹ\nTờ khai ghi thiếu nơi sinh của người được khai sinh"


def full_history(office, monday):
    """Take a dossier received on `monday` at 08:00 through supplement, two hand-overs, an apology, approval and return."""

    def at(days, hour, minute=0):
        return (monday + timedelta(days=days)).replace(hour=hour, minute=minute)

    d = receive(office, at(0, 8))
    d = a.do_assign_dossier(office.officer, d, office.specialist, at=at(0, 8, 30))
    d = a.do_start_processing(office.specialist, d, at=at(0, 9))
    d = a.do_request_supplement(office.specialist, d, SUPPLEMENT_REASON, at=at(0, 10))
    # Waited Mon 10:00–17:00 (5 h) and Tue 07:00–08:00 (1 h): due Thu 08:00 → Thu 16:00.
    d = a.do_receive_supplement(office.officer, d, at=at(1, 8))
    d = a.do_hand_over_dossier(office.specialist, d, office.specialist2, "Đủ điều kiện", at=at(1, 9))
    d = a.do_issue_apology(office.leader, d, at(4, 17), "Chờ xác minh thông tin nơi sinh", at=at(3, 10))
    d = a.do_hand_over_dossier(office.specialist2, d, office.leader, "Dự thảo trích lục khai sinh", at=at(4, 9))
    d = a.do_approve_dossier(office.leader, d, at=at(4, 10))
    return a.do_return_result(office.officer, d, at=at(4, 14))


def embedded_font_names(pdf: bytes) -> set[tuple[str, str]]:
    """Return (family, version) from the name table of every font program embedded in the PDF."""
    from fontTools.ttLib import TTFont
    from pypdf import PdfReader

    found = set()
    reader = PdfReader(io.BytesIO(pdf))
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            if descendants:
                font = descendants[0].get_object()
            descriptor = font["/FontDescriptor"].get_object()
            program = descriptor.get("/FontFile2")
            if program is None:
                continue
            tt = TTFont(io.BytesIO(program.get_object().get_data()))
            found.add((tt["name"].getDebugName(1), tt["name"].getDebugName(5)))
    return found


def decode_qr_codes(pdf: bytes, page: int = 0) -> list[str]:
    """Rasterise a PDF page and return the texts of the QR codes found on it."""
    import pypdfium2
    import zxingcpp

    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[page].render(scale=200 / 72).to_pil()
    finally:
        document.close()
    return [r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode]


def pdf_table_rows(pdf: bytes) -> list[list[str]]:
    """Return the rows of every ruled table in the PDF, cells' line breaks turned into spaces."""
    rows = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            for table in page.extract_tables():
                rows += [[" ".join((cell or "").split()) for cell in row] for row in table]
    return rows
