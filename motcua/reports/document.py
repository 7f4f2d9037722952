"""The report as a document (Nghị định 30/2020 layout), independent of the file format that prints it.

`assemble_report` gathers header, narrative, recipients, signature, the
appendix 01b rows and the per-field statistics; `docx_report` and
`pdf_report` only lay them out, so the Word and PDF reports say the same thing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from django.utils import timezone

from motcua.lib.periods import Period
from motcua.reports.compute import Appendix, compute_appendix
from motcua.reports.findings import MISSING, missing_rows
from motcua.reports.indicators import FLAG, HEADING, PERCENT, PRINTED_ROWS, TEXT
from motcua.reports.models import ReportMeta
from motcua.reports.narrative import Narrative, build_narrative, parent_body
from motcua.reports.statistics import FieldStatistics, HandlingCounts, field_statistics
from motcua.reports.wording import body_noun, next_period_title, place_name, split_unit_name, value_text
from motcua.units.models import Unit

MOTTO_NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
ISSUER_HEAD = "ỦY BAN NHÂN DÂN"
SIGNATURE_ON_BEHALF = "TM. ỦY BAN NHÂN DÂN"
DEFAULT_SIGNER_TITLE = "CHỦ TỊCH"
APPENDIX_LABEL = "Phụ lục 01b"
APPENDIX_TITLE = "THỐNG KÊ SỐ LIỆU VỀ KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH"
APPENDIX_HEADERS = ("STT", "Chỉ tiêu thống kê", "Đơn vị tính", "Số liệu", "Ghi chú")
STATISTICS_LABEL = "Phụ lục 02"
STATISTICS_TITLE = "THỐNG KÊ TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH THEO LĨNH VỰC"
# (attribute of HandlingCounts, column title) after STT and Lĩnh vực.
STATISTICS_COLUMNS = (
    ("received", "Tổng số hồ sơ"),
    ("carried_over", "Kỳ trước chuyển qua"),
    ("received_online", "Mới tiếp nhận trực tuyến"),
    ("received_counter_postal", "Mới tiếp nhận trực tiếp, BCCI"),
    ("resolved", "Đã giải quyết"),
    ("resolved_early", "Trước hạn"),
    ("resolved_on_time", "Đúng hạn"),
    ("resolved_late", "Quá hạn"),
    ("withdrawn", "Rút hồ sơ"),
    ("open_within", "Đang giải quyết trong hạn"),
    ("open_past_due", "Đang giải quyết quá hạn"),
)

# The bundled fonts of motcua/forms (the forms engineers ship them), else the system's Liberation 2.x.
BUNDLED_FONTS = Path(__file__).resolve().parent.parent / "forms" / "fonts"
SYSTEM_FONTS = Path("/usr/share/fonts/truetype/liberation2")


def font_dir() -> Path:
    """Return the folder holding LiberationSerif-{Regular,Bold,Italic,BoldItalic}.ttf."""
    if (BUNDLED_FONTS / "LiberationSerif-Regular.ttf").is_file():
        return BUNDLED_FONTS
    return SYSTEM_FONTS


@dataclass(frozen=True)
class AppendixRow:
    code: str
    label: str
    unit: str
    value: str
    note: str
    heading: bool


@dataclass(frozen=True)
class StatisticsRow:
    number: str
    name: str
    cells: tuple[str, ...]
    total: bool = False


@dataclass
class ReportDocument:
    unit: Unit
    period: Period
    issuer_lines: list[str]
    number_line: str
    date_line: str
    title: str
    subtitle: str
    narrative: Narrative
    recipients: list[str]
    signer_on_behalf: str
    signer_title: str
    signer_name: str
    appendix: Appendix
    appendix_title: str
    appendix_period: str
    appendix_rows: list[AppendixRow]
    statistics_rows: list[StatisticsRow]
    issued_on: dt.date
    place: str
    extra: dict = field(default_factory=dict)


def date_line(place: str, day: dt.date) -> str:
    """Return "Hoằng Lưu, ngày 20 tháng 6 năm 2023"; days below 10 and months below 3 get a leading 0 (NĐ 30)."""
    day_text = f"{day.day:02d}"
    month_text = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day_text} tháng {month_text} năm {day.year}"


# The cut-off calendar's periods end on the 14th and their report is due on the
# 20th of that month (rules.md): six days after the period's last day.
DAYS_TO_REPORT = 6


def reporting_deadline(period: Period) -> dt.date:
    """Return the day the period's report is due: six days after its last day.

    Under the cut-off calendar that is rules.md's "20th of the period's last
    month" (a period ends on the 14th). Calendar periods and date ranges have no
    rule of their own; the same six days after the period closes gives a date on
    which every figure of the period is final (a Q2 report is due on 6 July), so
    the report never cites a day after its own date (rule C11).
    """
    return period.end + dt.timedelta(days=DAYS_TO_REPORT)


def default_report_date(period: Period, today: dt.date) -> dt.date:
    """Return the report's date when none was entered: today, but never after the period's deadline once it is past.

    A report on a past period (a Q2/2023 report written in 2026) is dated on its
    deadline, not on the day the file happens to be printed; a report made in
    time keeps today's date.
    """
    if today <= period.end:
        return today
    return min(today, reporting_deadline(period))


def report_title(period: Period) -> str:
    """Return the report's title under "BÁO CÁO": its period's results and the next period's directions."""
    return (
        f"Kết quả thực hiện công tác cải cách hành chính {period.title}; "
        f"phương hướng, nhiệm vụ {next_period_title(period)}"
    )


def period_dates(period: Period) -> str:
    """Return "Kỳ báo cáo: quý II năm 2023 (từ ngày 01/04/2023 đến ngày 30/06/2023)" as the xlsx prints it."""
    dates = f"từ ngày {period.start:%d/%m/%Y} đến ngày {period.end:%d/%m/%Y}"
    return f"Kỳ báo cáo: {period.title}" + ("" if period.title == dates else f" ({dates})")


def appendix_rows(appendix: Appendix) -> list[AppendixRow]:
    """Return every row of appendix 01b as printed, group headings included: code, label, unit (a flag's legend),
    value, and a note: a flag's chosen label, or "thiếu số liệu" on a value row the unit has not entered."""
    missing = set(missing_rows(appendix.values, appendix.origins))
    rows = []
    for row in PRINTED_ROWS:
        value = appendix.values.get(row.code) if row.has_value else None
        kind = "percent" if row.kind == PERCENT else ("flag" if row.kind == FLAG else "count")
        text = value_text(value, kind) if row.kind != "text" else (value or "")
        note = row.legend.get(int(value), "") if row.kind == FLAG and value is not None else ""
        # A blank text row (1.1) is left blank: its text runs into the note when the table is read back.
        if row.code in missing and row.kind != TEXT:
            note = MISSING
        rows.append(AppendixRow(row.code, row.label, row.unit, text, note, row.kind == HEADING))
    return rows


def statistics_rows(statistics: FieldStatistics) -> list[StatisticsRow]:
    """Return one row a field, then the total, each with the STATISTICS_COLUMNS counts as text."""

    def cells(counts: HandlingCounts) -> tuple[str, ...]:
        return tuple(value_text(getattr(counts, name)) for name, _ in STATISTICS_COLUMNS)

    rows = [StatisticsRow(str(i), row.field_name, cells(row.counts)) for i, row in enumerate(statistics.rows, 1)]
    rows.append(StatisticsRow("", "Tổng cộng", cells(statistics.total), total=True))
    return rows


def _default_recipients(unit: Unit, parent: Unit | None) -> list[str]:
    noun = body_noun(unit)
    lines = [f"- {body_noun(parent)} (b/c);"] if parent else []
    lines += [f"- Chủ tịch, các Phó Chủ tịch {noun};", "- Lưu: VT."]
    return lines


def assemble_report(
    unit: Unit, period: Period, *, issued_on: dt.date | None = None, today: dt.date | None = None
) -> ReportDocument:
    """Gather everything the report prints for `unit` over `period`.

    The date is `issued_on`, else the one saved for the report, else
    `default_report_date` as of `today` (the local date when not given).
    The header has no line above the issuing body: Nghị định 30/2020 prints there
    the body's "cơ quan chủ quản trực tiếp (nếu có)", which a People's Committee
    (every unit here) does not have — the reference report prints "ỦY BAN NHÂN
    DÂN / XÃ HOẰNG LƯU" and nothing above. The level above as it was in the period
    (`parent_body`) appears where it belongs: among the recipients and in the text.
    """
    appendix = compute_appendix(unit, period)
    statistics = field_statistics(unit, period)
    narrative = build_narrative(unit, period, appendix, statistics)
    meta = ReportMeta.objects.filter(unit=unit, period_start=period.start, period_end=period.end).first()
    parent = parent_body(unit, period)
    prefix, place = split_unit_name(unit.name)
    issued = (
        issued_on
        or (meta.issued_on if meta and meta.issued_on else None)
        or default_report_date(period, today or timezone.localdate())
    )
    place_text = (meta.place_name if meta and meta.place_name else "") or place_name(unit)
    number = meta.document_number if meta and meta.document_number else ""
    # A blank number is left for the clerk to write in, as printed forms do.
    number_line = f"Số: {number}" if number else "Số:\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/BC-UBND"
    recipients = (
        [line.strip() for line in meta.recipients.splitlines() if line.strip()]
        if meta and meta.recipients.strip()
        else _default_recipients(unit, parent)
    )
    issuer_second = f"{prefix} {place}".upper() if prefix else place.upper()
    return ReportDocument(
        unit=unit,
        period=period,
        issuer_lines=[ISSUER_HEAD, issuer_second],
        number_line=number_line,
        date_line=date_line(place_text, issued),
        title="BÁO CÁO",
        subtitle=report_title(period),
        narrative=narrative,
        recipients=recipients,
        signer_on_behalf=SIGNATURE_ON_BEHALF,
        signer_title=(meta.signer_title if meta and meta.signer_title else DEFAULT_SIGNER_TITLE),
        signer_name=(meta.signer_name if meta else ""),
        appendix=appendix,
        appendix_title=f"{APPENDIX_TITLE} TẠI {issuer_body_upper(unit)}",
        appendix_period=period_dates(period),
        appendix_rows=appendix_rows(appendix),
        statistics_rows=statistics_rows(statistics),
        issued_on=issued,
        place=place_text,
    )


def issuer_body_upper(unit: Unit) -> str:
    """Return "UBND XÃ HOẰNG LƯU" for the appendix title."""
    prefix, place = split_unit_name(unit.name)
    return f"UBND {prefix} {place}".upper() if prefix else f"UBND {place}".upper()


def default_file_name(unit: Unit, period: Period, extension: str) -> str:
    """Return "bao-cao-cchc-16003-2023-Q2.docx"; a date range becomes "2023-04-01_2023-06-30"."""
    label = period.label.replace("..", "_")
    return f"bao-cao-cchc-{unit.code}-{label}.{extension}"
