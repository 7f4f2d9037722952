"""The day's cash list of one officer (bảng kê thu tiền mặt), as XLSX for the accountant.

One row per cash line the officer recorded that day (Việt Nam time), refunds
as negative amounts, and a total row whose value is the sum written in Python
(not a formula: the file holds no formulas) so the accountant's count and the
sheet agree.
"""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from motcua.dossiers.timeliness import LOCAL_TZ
from motcua.lib import spreadsheet
from motcua.payments.models import Method, Payment

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADERS = [
    ("STT", 6),
    ("Thời điểm", 17),
    ("Mã hồ sơ", 26),
    ("Người nộp", 26),
    ("Thủ tục", 44),
    ("Số biên lai", 20),
    ("Số tiền (đồng)", 16),
    ("Ghi chú", 30),
]


def day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(day, dt.time(), LOCAL_TZ)
    return start, start + dt.timedelta(days=1)


def cash_lines(officer, day: dt.date, dossiers=None):
    """The cash lines `officer` recorded on `day`, of `dossiers` (a scoped queryset) when given."""
    start, end = day_bounds(day)
    rows = Payment.objects.filter(actor=officer, method=Method.CASH, at__gte=start, at__lt=end)
    if dossiers is not None:
        rows = rows.filter(dossier__in=dossiers)
    return rows.select_related("dossier__procedure").order_by("at", "id")


def cash_list_xlsx(officer, day: dt.date, dossiers=None) -> tuple[bytes, int, int]:
    """Return (the sheet, how many lines, their total in đồng)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Bảng kê tiền mặt"
    name = officer.get_full_name() or officer.username
    spreadsheet.append(sheet, [f"BẢNG KÊ THU PHÍ, LỆ PHÍ BẰNG TIỀN MẶT NGÀY {day:%d/%m/%Y}"])
    spreadsheet.append(sheet, [f"Cán bộ thu: {name} ({officer.username})"])
    spreadsheet.append(sheet, [h for h, _ in HEADERS])
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    sheet["A1"].font = Font(bold=True)
    for index, (_, width) in enumerate(HEADERS, 1):
        sheet.column_dimensions[sheet.cell(3, index).column_letter].width = width
    total, count = 0, 0
    for count, p in enumerate(cash_lines(officer, day, dossiers), 1):
        total += p.amount
        note = f"Hoàn trả: {p.reason}" if p.amount < 0 else ""
        spreadsheet.append(
            sheet,
            [
                count,
                p.at.astimezone(LOCAL_TZ).replace(tzinfo=None),
                p.dossier.code,
                p.dossier.applicant_name,
                p.dossier.procedure.name,
                p.receipt,
                p.amount,
                note,
            ],
        )
        sheet.cell(sheet.max_row, 2).number_format = "DD/MM/YYYY HH:MM"
        sheet.cell(sheet.max_row, 7).number_format = "#,##0"
    row = spreadsheet.append(sheet, ["", "", "", "", "", "Tổng cộng", total, f"{count} khoản"])
    sheet.cell(row, 7).number_format = "#,##0"
    for cell in sheet[row]:
        cell.font = Font(bold=True)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue(), count, total
