"""The QĐ 766 index as a workbook: one sheet of groups and indicators, one of the rules motcua applies."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Font

from motcua.index766.compute import IndexResult
from motcua.index766.definitions import GROUPS, OUR_RULES, indicators_of
from motcua.index766.scoring import rounded
from motcua.lib.spreadsheet import append

HEADER = ("Nhóm / chỉ số", "Tên", "Tử số", "Mẫu số", "Tỷ lệ (%)", "Ngưỡng (%)", "Điểm", "Điểm tối đa", "Quy tắc của motcua")


def index_workbook(result: IndexResult) -> Workbook:
    book = Workbook()
    sheet = book.active
    sheet.title = "Chỉ số 766"
    append(sheet, [f"Chỉ số phục vụ người dân, doanh nghiệp (QĐ 766/QĐ-TTg) — {result.unit.name}, {result.period.title}"])
    sheet["A1"].font = Font(bold=True)
    append(sheet, ["Tổng điểm", "", None, None, None, None, rounded(result.total), 100])
    append(sheet, HEADER)
    groups = result.groups
    for group in GROUPS:
        row = append(sheet, [group.number, group.name, None, None, None, None, rounded(groups[group.key]), int(group.max)])
        sheet.cell(row, 1).font = sheet.cell(row, 2).font = Font(bold=True)
        for indicator in indicators_of(group.key):
            s = result.scores[indicator.code]
            append(sheet, [
                indicator.code,
                indicator.name,
                s.numerator,
                s.denominator,
                rounded(None if s.rate is None else s.rate * 100) if s.rate is not None else "N/A",
                None if indicator.threshold is None else rounded(indicator.threshold * 100),
                rounded(s.points),
                float(indicator.max),
                OUR_RULES.get(indicator.our_rule, ""),
            ])
    for column, width in zip("ABCDEFGHI", (10, 60, 10, 10, 11, 11, 9, 12, 80)):
        sheet.column_dimensions[column].width = width
    rules = book.create_sheet("Quy tắc")
    append(rules, ["Mã quy tắc", "Nội dung (quy tắc motcua áp dụng khi Cổng DVCQG không công bố)"])
    for key, text in OUR_RULES.items():
        append(rules, [key, text])
    return book
