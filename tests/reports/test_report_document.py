"""The report document as users read it: group headings of 01b, its date, header, title, and missing data as a finding."""

import datetime as dt
import io

import pytest
from docx import Document

from motcua.lib.periods import CUTOFF, parse_period
from motcua.reports.document import assemble_report, default_report_date, report_title, reporting_deadline
from motcua.reports.docx_report import build_report_docx
from motcua.reports.findings import missing_rows, missing_sentence
from motcua.reports.indicators import PRINTED_ROWS, VALUE_CODES
from motcua.reports.manual import set_manual_values
from motcua.reports.wording import next_period_title

# The rows the unit enters, all blank in the scenario (no register kept, nothing entered).
SCENARIO_MISSING = (
    "1.1", "1.1.1", "1.1.2", "1.1.3", "1.2.1", "1.2.2", "1.2.3", "1.3.1", "1.3.2", "1.3.3", "1.5",
    "2.1", "2.2", "2.3", "2.4", "2.5", "4.1.1", "4.1.2", "4.1.3", "4.1.4", "5.4", "5.4.1", "5.4.2", "5.4.5",
    "5.4.6", "6.1", "6.2", "7.1", "7.2.1", "7.2.3", "7.2.3.a", "7.2.3.b", "7.4.1", "7.6",
)


def read(data: bytes):
    doc = Document(io.BytesIO(data))
    return doc, [p.text for p in doc.paragraphs]


# ---------------------------------------------------------------- pure rules


def test_printed_rows_carry_the_reference_group_headings_in_place():
    codes = [row.code for row in PRINTED_ROWS]
    # As Phụ lục 01b of the reference report prints them.
    for before, heading, after in (("4", "4.1", "4.1.1"), ("5.4.6", "6", "6.1"), ("6.2", "7", "7.1"),
                                   ("7.1", "7.2", "7.2.1"), ("7.2.3.b", "7.4", "7.4.1"), ("7.4.1", "7.5", "7.5.1")):
        i = codes.index(heading)
        assert codes[i - 1 : i + 2] == [before, heading, after]
    labels = {row.code: row.label for row in PRINTED_ROWS if not row.has_value}
    assert labels["4.1"] == "Số liệu về biên chế cán bộ, công chức"
    assert labels["7"] == "Xây dựng và phát triển Chính quyền điện tử"
    assert labels["7.5"] == "Dịch vụ công trực tuyến"
    # The exchange's value codes are unchanged: headings hold no value.
    assert tuple(row.code for row in PRINTED_ROWS if row.has_value) == VALUE_CODES


@pytest.mark.parametrize(
    "label, calendar, today, expected",
    [
        # A past calendar quarter: due six days after 30 June.
        ("2023-Q2", "calendar", dt.date(2026, 12, 5), dt.date(2023, 7, 6)),
        # Cut-off calendar (15 Mar – 14 Jun): due the 20th of June, as rules.md says.
        ("2023-Q2", CUTOFF, dt.date(2026, 12, 5), dt.date(2023, 6, 20)),
        # Built between the period's end and its deadline: that day.
        ("2023-Q2", CUTOFF, dt.date(2023, 6, 16), dt.date(2023, 6, 16)),
        # The period is still running: today.
        ("2023-Q2", "calendar", dt.date(2023, 5, 2), dt.date(2023, 5, 2)),
        ("2023", "calendar", dt.date(2025, 3, 1), dt.date(2024, 1, 6)),
        ("2023-04-01..2023-04-30", "calendar", dt.date(2025, 3, 1), dt.date(2023, 5, 6)),
    ],
)
def test_default_report_date(label, calendar, today, expected):
    assert default_report_date(parse_period(label, calendar), today) == expected


def test_cutoff_deadline_is_the_twentieth_of_the_last_month():
    for label in ("2023-Q1", "2023-H1", "2023-Q3", "2023-9M", "2023"):
        period = parse_period(label, CUTOFF)
        deadline = reporting_deadline(period)
        assert (deadline.year, deadline.month, deadline.day) == (period.end.year, period.end.month, 20), label


def test_titles_name_the_next_period():
    assert report_title(parse_period("2023-Q2")) == (
        "Kết quả thực hiện công tác cải cách hành chính quý II năm 2023; phương hướng, nhiệm vụ quý III năm 2023"
    )
    assert report_title(parse_period("2023")) == (
        "Kết quả thực hiện công tác cải cách hành chính năm 2023; phương hướng, nhiệm vụ năm 2024"
    )
    assert [next_period_title(parse_period(p)) for p in ("2023-Q4", "2023-H1", "2023-H2", "2023-9M")] == [
        "quý I năm 2024", "6 tháng cuối năm 2023", "6 tháng đầu năm 2024", "quý IV năm 2023",
    ]
    assert report_title(parse_period("2023-04-01..2023-04-30")).endswith(
        "từ ngày 01/04/2023 đến ngày 30/04/2023; phương hướng, nhiệm vụ kỳ tới"
    )


def test_missing_rows_are_blank_entered_rows_only():
    values = dict.fromkeys(VALUE_CODES)
    values.update({"6.1": 1, "7.2.3": 0, "3.2.5": None})
    origins = {"6.1": "entered", "4.1.4": "register"}
    missing = missing_rows(values, origins)
    # 6.1 entered; 4.1.4 blank from its register; 7.2.3.a–b blank because 7.2.3 = 0;
    # computed rows (3.2.5, 1.4.2) are never "missing".
    assert "6.1" not in missing and "4.1.4" not in missing and "7.2.3.a" not in missing
    assert "3.2.5" not in missing and "1.4.2" not in missing
    assert missing[-5:] == ("6.2", "7.1", "7.2.1", "7.4.1", "7.6")
    assert missing_sentence(("6.2",)) == "Thiếu số liệu chỉ tiêu 6.2 của Phụ lục 01b."
    assert missing_sentence(()) == ""


# ---------------------------------------------------------------- the Word document


@pytest.mark.django_db
def test_word_report_header_title_date_headings_and_missing(scenario, q2):
    # No date given or saved: a Q2/2023 report built today is dated on its deadline.
    doc, paragraphs = read(build_report_docx(scenario.units.a, q2))
    header = [p.text for cell in doc.tables[0].rows[0].cells for p in cell.paragraphs]
    assert header == ["ỦY BAN NHÂN DÂN", "XÃ HOẰNG LƯU", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                      "Độc lập - Tự do - Hạnh phúc"]
    assert doc.tables[0].rows[1].cells[1].text == "Hoằng Lưu, ngày 06 tháng 7 năm 2023"
    title = paragraphs.index("BÁO CÁO")
    assert paragraphs[title + 1] == (
        "Kết quả thực hiện công tác cải cách hành chính quý II năm 2023; phương hướng, nhiệm vụ quý III năm 2023"
    )
    # The level above as it was in the period still receives the report.
    assert "- UBND huyện (b/c);" in [p.text for p in doc.tables[1].rows[0].cells[0].paragraphs]

    appendix = next(t for t in doc.tables if t.rows[0].cells[0].text == "STT")
    rows = {row.cells[0].text: [c.text for c in row.cells] for row in appendix.rows[1:]}
    order = [row.cells[0].text for row in appendix.rows[1:]]
    assert order == [row.code for row in PRINTED_ROWS]
    assert rows["7.4"] == ["7.4", "Vận hành Hệ thống thông tin một cửa điện tử", "", "", ""]
    assert all(run.bold for p in appendix.rows[order.index("7.4") + 1].cells[1].paragraphs for run in p.runs)
    # A blank entered row says so in the note column; a computed one does not.
    assert rows["6.1"][3:] == ["", "thiếu số liệu"]
    assert rows["3.3.1"][4] == ""

    limits = paragraphs[paragraphs.index("2. Tồn tại, hạn chế") + 1]
    assert f"Thiếu số liệu các chỉ tiêu {', '.join(SCENARIO_MISSING)} của Phụ lục 01b." in limits


@pytest.mark.django_db
def test_entered_rows_leave_the_finding(scenario, q2):
    unit = scenario.units.a
    set_manual_values(unit, q2, ["6.1=1", "6.2=0", "7.1=2", "7.2.1=1", "7.4.1=1", "7.6=1"])
    report = assemble_report(unit, q2, today=dt.date(2023, 7, 2))
    assert report.date_line == "Hoằng Lưu, ngày 02 tháng 7 năm 2023"
    notes = {row.code: row.note for row in report.appendix_rows}
    assert (notes["6.1"], notes["6.2"], notes["7.1"]) == ("Có", "Không", "3 cấp")
    limits = report.narrative.section("III.2").paragraphs[0]
    assert f"Thiếu số liệu các chỉ tiêu {', '.join(SCENARIO_MISSING[:-9])}, 7.2.3, 7.2.3.a, 7.2.3.b của" in limits
