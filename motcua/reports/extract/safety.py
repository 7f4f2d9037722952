"""Look inside a .docx before python-docx parses it: refuse zip bombs in little memory.

python-docx reads every part of the package into memory and parses the XML
whole, so a 386 KB file holding 124 MB of XML takes gigabytes. Before that,
this module reads the zip's directory and then inflates each part as a stream
(never holding a part), counting bytes and paragraphs against fixed caps far
above any real report. Every refusal is one line (ExtractError).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from motcua.reports.extract.text import ExtractError

MAX_MEMBERS = 1000
# Uncompressed bytes of all parts together (a report with its images is a few MB).
MAX_TOTAL_BYTES = 64 * 1024 * 1024
# A part over 1 MB may inflate to at most this many times its compressed size (Word's XML: about 10).
MAX_RATIO = 100
RATIO_FROM_BYTES = 1024 * 1024
# Paragraphs of the main document (an appendix 01b report has a few thousand).
MAX_PARAGRAPHS = 100_000
DOCUMENT_PART = "word/document.xml"
_CHUNK = 1024 * 1024
_PARAGRAPH_TAGS = (b"<w:p>", b"<w:p ")


def _refuse(reason: str) -> ExtractError:
    return ExtractError(f"tệp DOCX bị từ chối: {reason}")


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _megabytes(n: int) -> str:
    return _number(round(n / (1024 * 1024)))


def check_docx(path: str | Path) -> None:
    """Raise ExtractError if the .docx at `path` would inflate beyond the caps; return None if it is safe to parse."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise _refuse(f"hơn {_number(MAX_MEMBERS)} thành phần trong tệp nén")
            declared = sum(m.file_size for m in members)
            if declared > MAX_TOTAL_BYTES:
                raise _refuse(f"nội dung giải nén {_megabytes(declared)} MB, vượt giới hạn {_megabytes(MAX_TOTAL_BYTES)} MB")
            for member in members:
                if member.file_size > RATIO_FROM_BYTES and member.file_size > MAX_RATIO * max(member.compress_size, 1):
                    ratio = member.file_size // max(member.compress_size, 1)
                    raise _refuse(f"thành phần {member.filename} nén bất thường (1:{_number(ratio)})")
            # The directory may lie: count what the parts really inflate to.
            total = 0
            for member in members:
                total = _inflate(archive, member, total)
    except zipfile.BadZipFile:
        raise ExtractError("tệp DOCX bị hỏng, không đọc được") from None
    except (OSError, EOFError, RuntimeError, NotImplementedError):
        # Truncated data, an encrypted part, an unknown compression method.
        raise ExtractError("tệp DOCX bị hỏng, không đọc được") from None


def _inflate(archive: zipfile.ZipFile, member: zipfile.ZipInfo, total: int) -> int:
    """Stream one part, adding its real size to `total`; count the main document's paragraphs."""
    count_paragraphs = member.filename == DOCUMENT_PART
    paragraphs = 0
    tail = b""
    with archive.open(member) as part:
        while chunk := part.read(_CHUNK):
            total += len(chunk)
            if total > MAX_TOTAL_BYTES:
                raise _refuse(f"nội dung giải nén vượt giới hạn {_megabytes(MAX_TOTAL_BYTES)} MB")
            if count_paragraphs:
                # A tag cut between two chunks is found in the tail kept from the previous one.
                window = tail + chunk
                paragraphs += sum(window.count(tag) for tag in _PARAGRAPH_TAGS)
                tail = chunk[-4:]
                if paragraphs > MAX_PARAGRAPHS:
                    raise _refuse(f"hơn {_number(MAX_PARAGRAPHS)} đoạn văn")
    return total
