"""Reports the tests generate read back exactly: Word table, Word paragraphs, PDF from HTML, damaged text."""

import pytest

from motcua.reports.extract import extract_file
from tests.extract.documents import CONSISTENT, variant, write_docx, write_docx_paragraphs, write_pdf, write_text

OTHER = variant(**{
    "7.1": 0, "1.4.2": 1, "1.5": 0, "7.2.1": 0, "7.4.1": 1, "6.2": None, "4.1.1": None,
    "3.2.4": 100.0, "3.3.1": 1234, "3.3.1.a": 1000, "3.3.1.c": 79, "3.3.1.d": 150,
    "1.1": "7/QĐ-UBND ngày 03/01/2023",
})
LAYOUTS = {
    "docx-table": (write_docx, {}),
    "docx-paragraphs": (write_docx_paragraphs, {}),
    "pdf": (write_pdf, {}),
    # Cells centred vertically, as Word and motcua's own PDF print them: a wrapped label around its number.
    "pdf-middle": (write_pdf, {"align": "middle", "page_numbers": True}),
    # Other letters than the seed's lost: ư ê ả ồ ế ậ ũ, then the a-family with "ă" (so "năm" reads "n m").
    "text-damaged-1": (write_text, {"letters": "ưêảồếậũ"}),
    "text-damaged-2": (write_text, {"letters": "ạảấầẩẫậăằẳẵặ"}),
}
HEADINGS = [
    (dict(unit="Xã Hoằng Đông", place="Hoằng Đông", period_title="quý II năm 2023",
          date_line="ngày 05 tháng 7 năm 2023"), "2023-Q2", "Xã Hoằng Đông"),
    (dict(unit="Thị trấn Bút Sơn", place="Bút Sơn", period_title="6 tháng đầu năm 2023",
          date_line="ngày 10 tháng 7 năm 2023"), "2023-H1", "Thị trấn Bút Sơn"),
]


@pytest.mark.parametrize("values", [CONSISTENT, OTHER], ids=["figures-1", "figures-2"])
@pytest.mark.parametrize("heading,label,name", HEADINGS, ids=["q2", "h1"])
@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_generated_report_reads_back_exactly(tmp_path, layout, heading, label, name, values):
    write, options = LAYOUTS[layout]
    suffix = _suffix(layout)
    result = extract_file(write(tmp_path / f"report{suffix}", values, **options, **heading))
    assert result["values"] == values
    assert result["unit"]["name"] == name
    assert result["period"]["label"] == label
    assert result["checks"] == []


def _suffix(layout: str) -> str:
    return ".pdf" if layout.startswith("pdf") else ".docx" if layout.startswith("docx") else ".txt"


# The last rows blank (7.6 among them), then Phụ lục 02 with figures in every row.
BLANK_END = variant(**{"7.5.2": None, "7.6": None, "7.4.1": None})


@pytest.mark.parametrize("layout", ["docx-table", "pdf", "pdf-middle", "text-damaged-1"])
def test_a_following_appendix_is_no_part_of_the_last_rows(tmp_path, layout):
    write, options = LAYOUTS[layout]
    heading = HEADINGS[0][0]
    path = write(tmp_path / f"report{_suffix(layout)}", BLANK_END, statistics=True, **options, **heading)
    result = extract_file(path)
    assert result["values"] == BLANK_END
    assert result["checks"] == []
