"""Get the text of a report file: plain text, PDF text layer or Word document.

Every failure is an `ExtractError` whose message is one Vietnamese line naming
the reason, so the command line can print it as is.
"""

from __future__ import annotations

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
            pages = [page.extract_text() or "" for page in pdf.pages]
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
