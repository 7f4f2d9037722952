"""XLSX export, the import template and reading an import file (openpyxl).

A file has one header row with the register's column labels (as the template
writes them) and one record a row. Choices are written by their Vietnamese
label ("Đã hoàn thành"), yes/no as "Có"/"Không", dates as Excel dates or
dd/mm/yyyy text, a parent record by its natural key (the inspection's số
biên bản, the survey's name). Reading checks every row with the register's
form before anything is saved: one bad row and nothing is imported, every
problem is listed with its row number and column.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from django.db import models
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils.exceptions import InvalidFileException

from motcua.lib import spreadsheet
from motcua.lib.text import fold_vietnamese
from motcua.reform.forms import form_class
from motcua.reform.registers import Register

MAX_ROWS = 5000


@dataclass
class ImportProblem:
    row: int | None
    column: str
    message: str

    def __str__(self):
        where = f"Dòng {self.row}" if self.row else "Tệp"
        column = f", cột “{self.column}”" if self.column else ""
        return f"{where}{column}: {self.message}"


@dataclass
class ParsedFile:
    # (row number in the file, cleaned values) of each record.
    rows: list[tuple[int, dict]] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)


def headers(register: Register) -> list[str]:
    """Return the column labels of a register's file."""
    return [register.label(name) for name in register.fields]


def _cell(register: Register, name: str, value):
    field_ = register.model._meta.get_field(name)
    if value is None or value == "":
        return None
    if name in register.parent:
        return getattr(value, register.parent[name][1])
    if field_.choices:
        return dict(field_.choices).get(value, value)
    if isinstance(field_, models.BooleanField):
        return "Có" if value else "Không"
    return value


def _workbook(register: Register, records) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = register.model._meta.verbose_name_plural[:31]
    sheet.append(headers(register))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for record in records:
        spreadsheet.append(sheet, [_cell(register, name, getattr(record, name)) for name in register.fields])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, dt.date):
                cell.number_format = "DD/MM/YYYY"
    for index, label in enumerate(headers(register), start=1):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = max(14, min(50, len(label) + 4))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def export_xlsx(register: Register, records) -> bytes:
    """Return the records as an XLSX file with the header row."""
    return _workbook(register, records)


def template_xlsx(register: Register) -> bytes:
    """Return an empty import file: the header row only."""
    return _workbook(register, [])


def _raw(register: Register, name: str, value):
    """Turn a cell into what the register's form expects."""
    field_ = register.model._meta.get_field(name)
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if field_.choices and text:
        folded = fold_vietnamese(text).casefold()
        for key, label in field_.choices:
            if folded in (fold_vietnamese(str(label)).casefold(), str(key).casefold()):
                return key
        return text
    if isinstance(field_, models.BooleanField):
        folded = fold_vietnamese(text).casefold()
        if folded in ("co", "x", "1", "true"):
            return "on"
        if folded in ("khong", "", "0", "false"):
            return ""
        return None  # refused below
    return text


def read_import(register: Register, unit, content: bytes) -> ParsedFile:
    """Read an import file and check every row; `problems` is empty only when all rows are good."""
    parsed = ParsedFile()
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError, Exception):  # noqa: BLE001 — any unreadable file
        parsed.problems.append(ImportProblem(None, "", "Không đọc được tệp: hãy dùng tệp Excel .xlsx theo mẫu."))
        return parsed
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    expected = headers(register)
    header = [str(c).strip() if c is not None else "" for c in (rows[0] if rows else [])]
    header = header[: len(expected)]
    if [fold_vietnamese(h).casefold() for h in header] != [fold_vietnamese(h).casefold() for h in expected]:
        parsed.problems.append(ImportProblem(
            1, "", "Dòng tiêu đề không đúng mẫu; cần các cột: " + ", ".join(expected) + "."
        ))
        return parsed
    data_rows = [(n, r) for n, r in enumerate(rows[1:], start=2) if any(c not in (None, "") for c in r)]
    if not data_rows:
        parsed.problems.append(ImportProblem(None, "", "Tệp không có dòng dữ liệu nào."))
        return parsed
    if len(data_rows) > MAX_ROWS:
        parsed.problems.append(ImportProblem(None, "", f"Tệp có quá {MAX_ROWS} dòng; hãy chia nhỏ tệp."))
        return parsed
    form_cls = form_class(register, unit)
    for number, cells in data_rows:
        cells = list(cells) + [None] * (len(expected) - len(cells))
        data, row_problems = {}, []
        for name, value in zip(register.fields, cells):
            raw = _raw(register, name, value)
            if raw is None:
                row_problems.append(ImportProblem(number, register.label(name), "chỉ nhận “Có” hoặc “Không”."))
                continue
            if raw != "":
                data[name] = raw
        form = form_cls(data=data, instance=register.model(unit=unit))
        if not form.is_valid():
            for name, errors in form.errors.items():
                column = register.label(name) if name in register.fields else ""
                for message in errors:
                    row_problems.append(ImportProblem(number, column, message))
        if row_problems:
            parsed.problems.extend(row_problems)
        else:
            parsed.rows.append((number, {name: form.cleaned_data.get(name) for name in register.fields}))
    return parsed
