"""Get the text of a report file: plain text, PDF text layer or Word document.

Every failure is an `ExtractError` whose message is one Vietnamese line naming
the reason, so the command line can print it as is.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from pathlib import Path

NOT_A_REPORT = "không phải báo cáo CCHC"


class ExtractError(Exception):
    """A file that cannot be read as a report; the message is one Vietnamese line."""


def read_text(path: str | Path) -> str:
    """Return the text of a .txt, .pdf or .docx report, NFC-normalised."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ExtractError(f"không tìm thấy tệp {path}") from None
    except IsADirectoryError:
        raise ExtractError(f"{path} là thư mục, không phải tệp") from None
    except OSError as exc:
        raise ExtractError(f"không đọc được tệp {path}: {exc.strerror}") from None
    if not data.strip():
        raise ExtractError(f"{NOT_A_REPORT}: tệp rỗng")
    # Sniff the content rather than trust the extension: reports arrive renamed.
    if data.startswith(b"%PDF"):
        text = _pdf_text(path)
    elif data.startswith(b"PK\x03\x04"):
        text = _docx_text(path)
    elif path.suffix.lower() in (".pdf", ".docx"):
        kind = path.suffix.lower().lstrip(".").upper()
        raise ExtractError(f"tệp {kind} bị hỏng: nội dung không phải {kind}")
    else:
        text = _plain_text(data)
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise ExtractError(f"{NOT_A_REPORT}: tệp không có nội dung chữ")
    return text


def _plain_text(data: bytes) -> str:
    """Decode a text file: UTF-8 first, then the Vietnamese Windows code page, then Latin-1."""
    sample = data[:65536]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    # NUL bytes or many control bytes mean a binary file (an image, a .doc, an archive).
    if b"\x00" in sample or controls > len(sample) * 0.02:
        raise ExtractError(f"{NOT_A_REPORT}: tệp nhị phân, không phải văn bản")
    for encoding in ("utf-8-sig", "cp1258", "latin-1"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ExtractError(f"{NOT_A_REPORT}: không nhận ra bảng mã của tệp")  # pragma: no cover (latin-1 decodes all)


def _pdf_text(path: Path) -> str:
    """Return the text layer of a PDF, page after page."""
    try:
        import pdfplumber
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    except ImportError:  # pragma: no cover - a dependency of the package
        raise ExtractError("thiếu thư viện pdfplumber để đọc tệp PDF") from None
    try:
        with pdfplumber.open(path) as pdf:
            pages = [_page_text(page) for page in pdf.pages]
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise ExtractError("tệp PDF được mã hóa bằng mật khẩu, không đọc được nội dung") from None
    except Exception as exc:  # pdfminer raises many unrelated types for a damaged file
        # pdfplumber wraps pdfminer's errors: PdfminerException(PDFPasswordIncorrect()).
        causes = [exc, *getattr(exc, "args", ())]
        if any(isinstance(c, (PDFPasswordIncorrect, PDFEncryptionError)) for c in causes) or "password" in repr(exc).lower():
            raise ExtractError("tệp PDF được mã hóa bằng mật khẩu, không đọc được nội dung") from None
        raise ExtractError("tệp PDF bị hỏng, không đọc được") from None
    text = "\n".join(pages)
    if not text.strip():
        raise ExtractError(f"{NOT_A_REPORT}: tệp PDF không có lớp chữ (bản quét?)")
    return text


def _page_text(page) -> str:
    """Return one PDF page's text; a ruled table reads row by row, cells joined by " | ", as a Word table does.

    The plain text layer breaks a table row whose label wraps into several
    lines, and a cell centred vertically (the row's number, its value) lands on
    a line of its own in the middle of the label: "Thực hiện …, Chủ" / "1.3" /
    "tịch UBND huyện giao". Read by its ruling lines, each printed row stays one
    line. The text outside the tables keeps its order by position on the page.
    """
    tables = [t for t in page.find_tables() if len(t.rows) >= 2 and max(len(r.cells) for r in t.rows) >= 2]
    if not tables:
        return page.extract_text() or ""
    rest = page
    for table in tables:
        rest = rest.outside_bbox(table.bbox)
    pieces = [(line["top"], [line["text"]]) for line in rest.extract_text_lines()]
    for table in tables:
        lines = []
        for row in table.extract():
            # None marks a cell covered by a merged one: counted once, as in a Word table.
            # A word broken after its hyphen ("182/QĐ-" / "UBND") joins again without a blank.
            cells = [" ".join(re.sub(r"(?<=\S)-\n", "-", cell).split()) for cell in row if cell is not None]
            lines.append(" | ".join(cells))
        pieces.append((table.bbox[1], lines))
    pieces.sort(key=lambda piece: piece[0])
    # The page number printed above or below everything else is no figure of the table.
    for end in (0, -1):
        if pieces and len(pieces[end][1]) == 1 and re.fullmatch(r"\s*\d{1,4}\s*", pieces[end][1][0]):
            pieces.pop(end)
    return "\n".join(line for _, lines in pieces for line in lines)


def _docx_text(path: Path) -> str:
    """Return a Word document's paragraphs and tables in document order; a table row reads "a | b | c"."""
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError:  # pragma: no cover - a dependency of the package
        raise ExtractError("thiếu thư viện python-docx để đọc tệp DOCX") from None
    from docx.opc.exceptions import PackageNotFoundError

    if not zipfile.is_zipfile(path):
        raise ExtractError("tệp DOCX bị hỏng, không đọc được")
    from motcua.reports.extract.safety import check_docx

    check_docx(path)  # zip bombs: refused before python-docx holds and parses the parts
    try:
        document = docx.Document(str(path))
    except zipfile.BadZipFile:
        raise ExtractError("tệp DOCX bị hỏng, không đọc được") from None
    except (PackageNotFoundError, KeyError, ValueError):
        # A zip that is some other package: a spreadsheet, an archive, an OpenDocument file.
        raise ExtractError(f"{NOT_A_REPORT}: tệp nén không phải tài liệu Word (.docx)") from None
    except Exception:
        raise ExtractError("tệp DOCX bị hỏng, không đọc được") from None
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            lines.extend(_table_lines(Table(child, document)))
    return "\n".join(lines)


def _table_lines(table) -> list[str]:
    """Return one line per table row, cells joined by " | " (a merged cell counted once)."""
    lines = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            # python-docx repeats a horizontally merged cell once per grid column.
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(cell.text.split()))
        lines.append(" | ".join(cells))
    return lines
