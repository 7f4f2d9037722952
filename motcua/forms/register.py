"""The register of dossiers (Sổ theo dõi hồ sơ) of a unit for a period, as an XLSX workbook laid out like the printed book."""

from __future__ import annotations

import datetime as dt
import io

from django.conf import settings
from django.db.models import Min
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from motcua.accounts.scoping import unit_filter
from motcua.dossiers.events import Verb
from motcua.dossiers.models import OPEN_STATUSES, Dossier, DossierEvent, Outcome
from motcua.dossiers.queries import received_between_q
from motcua.dossiers.timeliness import LOCAL_TZ, OVERDUE, classify, classify_open
from motcua.forms import rulesets as rs
from motcua.forms.text import TIMELINESS_LABELS, place_date
from motcua.lib import spreadsheet
from motcua.lib.periods import parse_period

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FONT = "Times New Roman"
# (heading, width); the five date columns sit under one "Ngày, tháng, năm" heading.
COLUMNS = [
    ("STT", 6),
    ("Mã hồ sơ", 24),
    ("Tên thủ tục hành chính", 40),
    ("Số lượng hồ sơ (bộ)", 10),
    ("Tên cá nhân, tổ chức", 26),
    ("Địa chỉ, số điện thoại", 32),
    ("Cơ quan chủ trì giải quyết", 24),
    ("Nhận hồ sơ", 17),
    ("Hẹn trả kết quả", 17),
    ("Chuyển hồ sơ đến cơ quan giải quyết", 17),
    ("Nhận kết quả từ cơ quan giải quyết", 17),
    ("Trả kết quả cho cá nhân, tổ chức", 17),
    ("Ký nhận", 12),
    ("Ghi chú", 30),
]
DATE_COLUMNS = range(8, 13)
DATE_FORMAT = "dd/mm/yyyy hh:mm"
HEADER_ROW = 7
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
# The desk hands the dossier to whoever decides it with one of these.
_SENT_ON = (Verb.ASSIGN, Verb.HAND_OVER, Verb.TRANSFER)


def register_dossiers(unit, period, user=None):
    """Return the dossiers the unit (and the units below it) received in the period, oldest first."""
    dossiers = Dossier.objects.filter(received_between_q(period.start, period.end), unit__in=unit.subtree())
    if user is not None:
        # The register shows names and addresses: never more than the user may see.
        dossiers = dossiers.filter(unit_filter(user))
    return dossiers.select_related("unit", "procedure").order_by("received_at", "code")


def dossier_register_xlsx(unit, period, user=None) -> bytes:
    """Return the register of the dossiers a unit received in a period (a Period or its text, e.g. "2025-Q3"), as XLSX."""
    if isinstance(period, str):
        period = parse_period(period, settings.MOTCUA_PERIOD_CALENDAR)
    dossiers = list(register_dossiers(unit, period, user))
    sent = dict(
        DossierEvent.objects.filter(dossier__in=[d.pk for d in dossiers], verb__in=_SENT_ON)
        .values("dossier_id")
        .annotate(first=Min("at"))
        .values_list("dossier_id", "first")
    )
    apologised = set(
        DossierEvent.objects.filter(dossier__in=[d.pk for d in dossiers], verb=Verb.ISSUE_APOLOGY).values_list(
            "dossier_id", flat=True
        )
    )
    # The register is a book kept under the rules in force at the period's end.
    ruleset = rs.ruleset_for(period.end)
    now = timezone.now()

    book = Workbook()
    sheet = book.active
    sheet.title = "Sổ theo dõi hồ sơ"
    plain, bold = Font(name=FONT, size=12), Font(name=FONT, size=12, bold=True)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wrap = Alignment(vertical="top", wrap_text=True)
    last = get_column_letter(len(COLUMNS))

    _line(sheet, 1, f"UBND {unit.name.upper()}", Font(name=FONT, size=12), "A", "F")
    _line(sheet, 2, ruleset.desk_name(unit).upper(), bold, "A", "F")
    _line(sheet, 1, ruleset.form(rs.REGISTER).label, Font(name=FONT, size=11, bold=True), "L", last)
    _line(sheet, 3, ruleset.form(rs.REGISTER).title, Font(name=FONT, size=14, bold=True), "A", last)
    dates = f"từ ngày {period.start:%d/%m/%Y} đến ngày {period.end:%d/%m/%Y}"
    title = period.title if period.title == dates else f"{period.title} ({dates})"
    _line(sheet, 4, f"Kỳ: {title}", Font(name=FONT, size=12, italic=True), "A", last)
    _line(sheet, 5, place_date(unit, now), Font(name=FONT, size=12, italic=True), "I", last)

    # Two heading rows: every column spans both except the dates, grouped under one heading.
    top, sub = HEADER_ROW, HEADER_ROW + 1
    for column, (heading, width) in enumerate(COLUMNS, start=1):
        letter = get_column_letter(column)
        sheet.column_dimensions[letter].width = width
        if column in DATE_COLUMNS:
            cell = spreadsheet.write(sheet, sub, column, heading)
        else:
            cell = spreadsheet.write(sheet, top, column, heading)
            sheet.merge_cells(f"{letter}{top}:{letter}{sub}")
        cell.font, cell.alignment = bold, centre
    group = spreadsheet.write(sheet, top, DATE_COLUMNS[0], "Ngày, tháng, năm")
    group.font, group.alignment = bold, centre
    sheet.merge_cells(f"{get_column_letter(DATE_COLUMNS[0])}{top}:{get_column_letter(DATE_COLUMNS[-1])}{top}")
    for row in (top, sub):
        for column in range(1, len(COLUMNS) + 1):
            sheet.cell(row, column).border = _BOX
    sheet.row_dimensions[sub].height = 48
    # Column numbers under the headings, as in the printed book.
    numbers = sub + 1
    for column in range(1, len(COLUMNS) + 1):
        cell = spreadsheet.write(sheet, numbers, column, f"({column})")
        cell.font, cell.alignment, cell.border = Font(name=FONT, size=10, italic=True), centre, _BOX

    row = numbers
    for n, d in enumerate(dossiers, start=1):
        row += 1
        contact = ", ".join(x for x in (d.applicant_address, d.applicant_phone) if x)
        values = [
            n,
            d.code,
            d.procedure.name,
            1,
            d.applicant_name,
            contact,
            d.unit.name,
            _naive(d.received_at),
            _naive(d.due_at),
            _naive(sent.get(d.pk)),
            _naive(d.resolved_at) if d.outcome in (Outcome.APPROVED, Outcome.REFUSED) else None,
            _naive(d.returned_at),
            "",
            _note(d, d.pk in apologised, now),
        ]
        for column, value in enumerate(values, start=1):
            cell = spreadsheet.write(sheet, row, column, value)
            cell.font, cell.border = plain, _BOX
            cell.alignment = centre if column in (1, 4) or column in DATE_COLUMNS else wrap
            if column in DATE_COLUMNS and value is not None:
                cell.number_format = DATE_FORMAT

    row += 2
    _line(sheet, row, f"Tổng số: {len(dossiers)} hồ sơ.", bold, "A", "F")
    _line(sheet, row + 1, ruleset.basis(rs.REGISTER), Font(name=FONT, size=10, italic=True), "A", last)
    sheet.freeze_panes = sheet.cell(numbers + 1, 3)
    sheet.print_title_rows = f"{top}:{numbers}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _line(sheet, row: int, text: str, font: Font, first: str, last: str) -> None:
    sheet.merge_cells(f"{first}{row}:{last}{row}")
    cell = sheet[f"{first}{row}"]
    spreadsheet.put(cell, text).font = font
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _naive(moment: dt.datetime | None) -> dt.datetime | None:
    # Excel has no time zones: local wall-clock time, as on the paper register.
    return moment.astimezone(LOCAL_TZ).replace(tzinfo=None) if moment else None


def _note(d: Dossier, apologised: bool, now: dt.datetime) -> str:
    parts = [d.get_status_display()]
    if d.outcome in (Outcome.APPROVED, Outcome.REFUSED) and d.resolved_at:
        parts.append(TIMELINESS_LABELS[classify(d.resolved_at, d.due_at)])
    elif d.status in OPEN_STATUSES and classify_open(d.due_at, now) == OVERDUE:
        parts.append("Quá hạn")
    if apologised:
        parts.append("Đã xin lỗi, hẹn lại")
    return "; ".join(parts)

