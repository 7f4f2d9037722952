"""What a report lacks, as opposed to what it breaches: the rows the unit enters that are still blank.

The consistency checks (motcua.reports.checks, rules C1–C11) judge the values
a report prints, and the exchange's `checks` list of `report appendix` holds
exactly those breaches (exchange.md). A row nobody entered breaches no rule,
but it is not "no problem" either: the document prints it blank and its text
says "chưa có số liệu". So missing data is a finding of its own, listed apart
from the checks in the report page and in the document — and not added to
the exchange's `checks`, whose contract is the rules.

Pure code, no Django: it reads an appendix's values and origins.
"""

from __future__ import annotations

from motcua.reports.indicators import INDICATORS

MISSING = "thiếu số liệu"

# Entered percentages whose denominator is another entered row: blank by rule when
# that row is 0 (indicators.md: a ratio over 0 is reported blank), so not missing.
_DENOMINATORS = {"7.2.3.a": "7.2.3", "7.2.3.b": "7.2.3"}


def missing_rows(values: dict, origins: dict | None = None) -> tuple[str, ...]:
    """Return, in the table's order, the codes of the rows a unit enters by hand that are blank.

    A row entered by hand (`manual`, or `register` while its register is not kept)
    is missing when its value is null and no register computed it: a register's
    blank is a result (a ratio over 0 is blank by rule), not a gap; nor is a
    percentage of an entered count that is 0.
    """
    origins = origins or {}
    return tuple(
        row.code
        for row in INDICATORS
        if row.has_value
        and row.entered
        and values.get(row.code) is None
        and origins.get(row.code) != "register"
        and not (row.code in _DENOMINATORS and values.get(_DENOMINATORS[row.code]) == 0)
    )


def missing_sentence(codes) -> str:
    """Return the finding as the document states it: "Thiếu số liệu các chỉ tiêu 6.1, 6.2 của Phụ lục 01b."; "" when none."""
    if not codes:
        return ""
    return f"Thiếu số liệu {'các chỉ tiêu' if len(codes) > 1 else 'chỉ tiêu'} {', '.join(codes)} của Phụ lục 01b."
