"""A .docx that inflates to far more than it weighs is refused before python-docx parses it, in little memory."""

import tracemalloc
import zipfile

import pytest

from motcua.reports.extract import ExtractError, read_text
from motcua.reports.extract import safety

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
PARAGRAPH = "<w:p><w:r><w:t>Báo cáo công tác cải cách hành chính quý II năm 2023</w:t></w:r></w:p>"


def write_docx(path, paragraphs: int, extra_members: int = 0, numbered: bool = False):
    """Write a Word document of `paragraphs` paragraphs (identical, or numbered), streamed so the test itself stays small."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", RELS)
        with zf.open("word/document.xml", "w") as part:
            part.write(f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>'.encode())
            if numbered:
                # Text that varies compresses like a real document's (about 1:10).
                for n in range(paragraphs):
                    part.write(PARAGRAPH.replace("<w:t>", f"<w:t>{n * 7919 % 100003}. ").encode())
            else:
                block = (PARAGRAPH * 1000).encode()
                for _ in range(paragraphs // 1000):
                    part.write(block)
                part.write((PARAGRAPH * (paragraphs % 1000)).encode())
            part.write(b"</w:body></w:document>")
        for n in range(extra_members):
            zf.writestr(f"word/media/m{n}.xml", "<x/>")
    return path


def refusal(path) -> tuple[str, int]:
    """Read the file expecting a refusal; return its message and the peak memory the attempt allocated."""
    tracemalloc.start()
    try:
        with pytest.raises(ExtractError) as caught:
            read_text(path)
        return str(caught.value), tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_small_file_of_a_hundred_megabytes_of_xml_is_refused_in_little_memory(tmp_path):
    # 1.3 million paragraphs: about 124 MB of XML in a file of a few hundred KB, as in the issue.
    path = write_docx(tmp_path / "bom.docx", 1_300_000)
    assert path.stat().st_size < 1024 * 1024
    message, peak = refusal(path)
    assert message.startswith("tệp DOCX bị từ chối: nội dung giải nén")
    assert "\n" not in message
    # Refused before parsing: a few MB at most, where parsing took gigabytes.
    assert peak < 16 * 1024 * 1024, peak


def test_too_many_paragraphs_are_refused_before_parsing(tmp_path):
    # Under the size cap but over the paragraph cap.
    path = write_docx(tmp_path / "dai.docx", safety.MAX_PARAGRAPHS + 1, numbered=True)
    message, peak = refusal(path)
    assert message == f"tệp DOCX bị từ chối: hơn {safety.MAX_PARAGRAPHS:,} đoạn văn".replace(",", ".")
    assert peak < 16 * 1024 * 1024, peak


def test_too_many_members_are_refused(tmp_path):
    path = write_docx(tmp_path / "nhieu.docx", 3, extra_members=safety.MAX_MEMBERS)
    assert refusal(path)[0] == f"tệp DOCX bị từ chối: hơn {safety.MAX_MEMBERS:,} thành phần trong tệp nén".replace(",", ".")


def test_an_ordinary_document_still_reads(tmp_path):
    path = write_docx(tmp_path / "thuong.docx", 2000)
    text = read_text(path)
    assert text.count("Báo cáo công tác cải cách hành chính quý II năm 2023") == 2000
