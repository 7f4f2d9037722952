"""The worklist of the current filters as an XLSX sheet, for officers who continue in a spreadsheet."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from motcua.desk.worklist import remaining_label
from motcua.dossiers.timeliness import LOCAL_TZ
from motcua.lib import spreadsheet

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A bound on one download: a year of a busy district, far beyond a day's worklist.
MAX_ROWS = 20_000

HEADERS = [
    ("Mã hồ sơ", 24),
    ("Đơn vị", 22),
    ("Người nộp", 26),
    ("Thủ tục", 50),
    ("Mã TTHC", 12),
    ("Hình thức", 18),
    ("Tiếp nhận", 17),
    ("Hạn trả", 17),
    ("Còn lại / quá hạn", 22),
    ("Trạng thái", 22),
    ("Người xử lý", 22),
]


def _local(t: dt.datetime | None):
    # Excel has no time zones: write the Việt Nam wall-clock time.
    return t.astimezone(LOCAL_TZ).replace(tzinfo=None) if t else None


def worklist_xlsx(dossiers, now: dt.datetime) -> tuple[bytes, bool]:
    """Return the sheet of the dossiers (at most MAX_ROWS) and whether the list was cut short."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Hồ sơ"
    sheet.append([h for h, _ in HEADERS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, (_, width) in enumerate(HEADERS, 1):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = width
    count = 0
    for d in dossiers[: MAX_ROWS + 1]:
        count += 1
        if count > MAX_ROWS:
            break
        assignee = (d.assignee.get_full_name() or d.assignee.username) if d.assignee else ""
        spreadsheet.append(
            sheet,
            [
                d.code,
                d.unit.name,
                d.applicant_name,
                d.procedure.name,
                d.procedure.code,
                d.get_channel_display(),
                _local(d.received_at),
                _local(d.due_at),
                remaining_label(d, now),
                d.get_status_display(),
                assignee,
            ],
        )
    for row in sheet.iter_rows(min_row=2, min_col=7, max_col=8):
        for cell in row:
            cell.number_format = "dd/mm/yyyy hh:mm"
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue(), count > MAX_ROWS
