"""Writing data into an openpyxl sheet so that no cell from user data is ever a formula.

openpyxl turns any string starting with "=" into a formula, so a citizen named
`=HYPERLINK("http://…","Bấm vào đây")` becomes a live link in the officer's
Excel. Every exporter writes its cells through `put`/`append`:

- a string is written with the explicit string type ("s"): the file holds no
  `<f>` element, whatever the text;
- a string starting with = + - @ tab or CR (OWASP's list) also gets Excel's
  quote-prefix style. Excel and LibreOffice then keep it as text even when an
  officer edits the cell and presses Enter, and show it without a visible
  apostrophe. We do not prepend a literal apostrophe: it would show in the
  cell, change a phone number "+84…" and come back into the data when a
  register export is imported again;
- characters XML cannot hold (controls) and bidi/zero-width characters are
  dropped (`cleaning.printable`), so an old bad row cannot break a download.

Numbers, dates and None are written as they are.
"""

from __future__ import annotations

from motcua.lib.cleaning import printable

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def put(cell, value):
    """Write `value` into the openpyxl `cell`, a string always as text; return the cell."""
    if not isinstance(value, str):
        cell.value = value
        return cell
    text = printable(value)
    cell.value = text
    cell.data_type = "s"
    if text.startswith(FORMULA_START):
        cell.quotePrefix = True
    return cell


def write(sheet, row: int, column: int, value):
    """Write one cell of `sheet` through `put`; return the cell."""
    return put(sheet.cell(row, column), value)


def append(sheet, values) -> int:
    """Append a row of values to `sheet` as `sheet.append` does, strings through `put`; return its row number."""
    values = list(values)
    sheet.append([None if isinstance(value, str) else value for value in values])
    row = sheet.max_row
    for column, value in enumerate(values, start=1):
        if isinstance(value, str):
            write(sheet, row, column, value)
    return row
