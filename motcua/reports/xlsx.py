"""Writing appendix 01b as an Excel workbook laid out like the printed table."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from motcua.lib import spreadsheet
from motcua.reports.compute import Appendix
from motcua.reports.indicators import FLAG, HEADING, PRINTED_ROWS

FONT = "Times New Roman"
HEADERS = ["STT", "Chỉ tiêu thống kê", "Đơn vị tính", "Số liệu", "Ghi chú"]
WIDTHS = [10, 70, 24, 14, 20]
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def write_appendix_xlsx(appendix: Appendix, target) -> None:
    """Write the appendix to `target` (a path or a binary file): title, the table, then any breach found."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Phụ lục 01b"
    plain, bold = Font(name=FONT, size=12), Font(name=FONT, size=12, bold=True)
    wrap = Alignment(wrap_text=True, vertical="center")
    centre = Alignment(wrap_text=True, vertical="center", horizontal="center")

    spreadsheet.put(sheet["A1"], "Phụ lục 01b")
    sheet["A1"].font = Font(name=FONT, size=12, bold=True, italic=True)
    spreadsheet.put(
        sheet["A2"],
        f"THỐNG KÊ SỐ LIỆU VỀ KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH TẠI {appendix.unit.name.upper()}",
    )
    period = appendix.period
    dates = f"từ ngày {period.start:%d/%m/%Y} đến ngày {period.end:%d/%m/%Y}"
    # A date-range period's title is those dates already.
    spreadsheet.put(sheet["A3"], f"Kỳ báo cáo: {period.title}" + ("" if period.title == dates else f" ({dates})"))
    for cell, font in (("A2", Font(name=FONT, size=13, bold=True)), ("A3", Font(name=FONT, size=12, italic=True))):
        sheet.merge_cells(f"{cell}:E{cell[1:]}")
        sheet[cell].font = font
        sheet[cell].alignment = centre
    sheet.row_dimensions[2].height = 36

    header_row = 5
    for column, (title, width) in enumerate(zip(HEADERS, WIDTHS), start=1):
        cell = spreadsheet.write(sheet, header_row, column, title)
        cell.font, cell.alignment, cell.border = bold, centre, _BOX
        sheet.column_dimensions[cell.column_letter].width = width

    row_number = header_row
    for row in PRINTED_ROWS:
        row_number += 1
        value = appendix.values.get(row.code) if row.has_value else None
        note = row.legend.get(value, "") if row.kind == FLAG and value is not None else ""
        cells = [row.code, row.label, row.unit, value, note]
        for column, content in enumerate(cells, start=1):
            cell = spreadsheet.write(sheet, row_number, column, content)
            cell.font = bold if row.kind == HEADING else plain
            cell.alignment = wrap if column == 2 else centre
            cell.border = _BOX

    if appendix.checks:
        row_number += 2
        spreadsheet.write(sheet, row_number, 1, "Các điểm chưa nhất quán:").font = bold
        for found in appendix.checks:
            row_number += 1
            spreadsheet.write(sheet, row_number, 1, found["rule"]).font = plain
            spreadsheet.write(sheet, row_number, 2, found["message"]).font = plain
    sheet.freeze_panes = sheet.cell(header_row + 1, 1)
    book.save(target)
