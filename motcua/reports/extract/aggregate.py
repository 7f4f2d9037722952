"""Aggregate several communes' reports of one period into a district workbook (openpyxl).

Sheet "Tổng hợp": a row per value code, a column per commune, then the district
total. Counts are summed over the communes that print them; percentages, flags
and texts are left blank in the total, since an average of ratios with different
denominators (or of yes/no flags) would be a figure nobody reported. A cell whose
row a breach names is filled (red for an error, yellow for a warning) and the
breach is spelt out on sheet "Kiểm tra", with every file that could not be read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from motcua.reports.extract.reader import extract_file
from motcua.reports.extract.text import ExtractError
from motcua.reports.indicators import BY_CODE, COUNT, VALUE_CODES

ERROR_FILL = "FFC7CE"
WARNING_FILL = "FFEB9C"


@dataclass
class Summary:
    reports: list[tuple[str, dict]] = field(default_factory=list)  # (column title, extracted report)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)


def read_reports(paths, period_label: str | None = None) -> Summary:
    """Read every file; one that fails (or is of another period) goes to `failures` with its reason."""
    summary = Summary()
    titles: set[str] = set()
    for path in paths:
        try:
            report = extract_file(path)
        except ExtractError as error:
            summary.failures.append((str(path), str(error)))
            continue
        label = report["period"]["label"]
        if period_label and label != period_label:
            summary.failures.append((str(path), f"kỳ báo cáo {label or 'không ghi'} khác kỳ tổng hợp {period_label}"))
            continue
        title = report["unit"]["name"] or Path(path).stem
        # Two files of one commune keep apart: the second column names its file.
        if title in titles:
            title = f"{title} ({Path(path).name})"
        titles.add(title)
        summary.reports.append((title, report))
    return summary


def district_total(code: str, reports: list[dict]):
    """Return the district figure of one row: the sum of the communes' counts, None otherwise."""
    if BY_CODE[code].kind != COUNT:
        return None
    found = [r["values"].get(code) for r in reports]
    numbers = [v for v in found if isinstance(v, (int, float)) and not isinstance(v, bool)]
    if not numbers:
        return None
    total = sum(numbers)
    return int(total) if float(total).is_integer() else total


def write_summary(summary: Summary, output: str | Path, period_label: str) -> None:
    """Write the workbook: sheet "Tổng hợp" with fills on breached cells, sheet "Kiểm tra" explaining them."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    from motcua.lib import spreadsheet

    book = Workbook()
    sheet = book.active
    sheet.title = "Tổng hợp"
    reports = [report for _, report in summary.reports]
    spreadsheet.append(sheet, [f"Tổng hợp phụ lục 01b kỳ {period_label}"])
    spreadsheet.append(sheet, ["Mã", "Chỉ tiêu", "Đơn vị tính", *[title for title, _ in summary.reports], "Toàn huyện"])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    row_of = {}
    for code in VALUE_CODES:
        row = BY_CODE[code]
        spreadsheet.append(
            sheet, [code, row.label, row.unit, *[r["values"].get(code) for r in reports], district_total(code, reports)]
        )
        row_of[code] = sheet.max_row
    fills = {"error": PatternFill("solid", fgColor=ERROR_FILL), "warning": PatternFill("solid", fgColor=WARNING_FILL)}
    checks = book.create_sheet("Kiểm tra")
    checks.append(["Đơn vị", "Quy tắc", "Mức độ", "Chỉ tiêu", "Nội dung"])
    for cell in checks[1]:
        cell.font = Font(bold=True)
    for column, (title, report) in enumerate(summary.reports, start=4):
        for found in report["checks"]:
            for code in found["rows"]:
                if code in row_of:
                    cell = sheet.cell(row=row_of[code], column=column)
                    # An error's red is not overwritten by a later warning's yellow.
                    if found["severity"] == "error" or cell.fill.fgColor.rgb in (None, "00000000"):
                        cell.fill = fills.get(found["severity"], fills["error"])
            severity = "lỗi" if found["severity"] == "error" else "cảnh báo"
            spreadsheet.append(checks, [title, found["rule"], severity, ", ".join(found["rows"]), found["message"]])
    for path, reason in summary.failures:
        spreadsheet.append(checks, [path, "—", "không đọc được", "", reason])
    sheet.column_dimensions["B"].width = 60
    checks.column_dimensions["A"].width = 30
    checks.column_dimensions["E"].width = 90
    book.save(output)
