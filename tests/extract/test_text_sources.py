"""Text comes out of UTF-8 or Windows-1258 files; unreadable files give one Vietnamese line."""

import pytest

from motcua.reports.extract import ExtractError, extract_file, read_text
from tests.extract.documents import CONSISTENT, text_layout

HEADING = dict(unit="Xã Hoằng Đông", place="Hoằng Đông", period_title="quý II năm 2023", date_line="ngày 05 tháng 7 năm 2023")


def test_windows_1258_text_reads_like_utf8(tmp_path):
    import unicodedata

    text = text_layout(CONSISTENT, **HEADING)
    path = tmp_path / "cp1258.txt"
    path.write_bytes(_cp1258(text))
    assert read_text(path) == unicodedata.normalize("NFC", text)
    assert extract_file(path)["values"] == CONSISTENT


@pytest.mark.parametrize(
    "content,reason",
    [
        (b"", "không phải báo cáo CCHC: tệp rỗng"),
        (bytes(range(256)) * 4, "không phải báo cáo CCHC: tệp nhị phân"),
        ("Biên bản họp chi bộ tháng 5/2023\nNội dung: …\n".encode(), "không phải báo cáo CCHC: không tìm thấy phụ lục 01b"),
        (b"%PDF-1.7 broken", "tệp PDF bị hỏng"),
        (b"PK\x03\x04 not really a zip", "tệp DOCX bị hỏng"),
    ],
    ids=["empty", "binary", "not-a-report", "broken-pdf", "broken-docx"],
)
def test_bad_file_is_an_extract_error(tmp_path, content, reason):
    path = tmp_path / "file.bin"
    path.write_bytes(content)
    with pytest.raises(ExtractError) as caught:
        extract_file(path)
    assert str(caught.value).startswith(reason)
    assert "\n" not in str(caught.value)


def _cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: â ê ô ă ơ ư precomposed, the tone a combining mark after them."""
    import unicodedata

    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", ch)
        for mark in marks:
            composed = unicodedata.normalize("NFC", base + mark)
            rest = "".join(m for m in marks if m != mark)
            try:
                out += composed.encode("cp1258") + rest.encode("cp1258")
                break
            except UnicodeEncodeError:
                continue
        else:
            out += (base + "".join(marks)).encode("cp1258")
    return out


def test_zip_that_is_not_a_word_document(tmp_path):
    from openpyxl import Workbook

    path = tmp_path / "bang.xlsx"
    Workbook().save(path)
    with pytest.raises(ExtractError, match="^không phải báo cáo CCHC: tệp nén không phải tài liệu Word"):
        extract_file(path)
