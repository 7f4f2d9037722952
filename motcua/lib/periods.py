"""Reporting periods: months, quarters, half-year, 9 months, year, or an explicit date range.

Pure code. Two calendars exist (rules.md): plain calendar periods, and Bộ Nội
vụ's reform-reporting cut-off calendar where a year runs 15 Dec – 14 Dec.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

CALENDAR = "calendar"
CUTOFF = "cutoff"
CALENDARS = (CALENDAR, CUTOFF)

_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_PATTERN = re.compile(r"^(?P<year>\d{4})(?:-(?P<part>Q[1-4]|H1|H2|9M|0[1-9]|1[0-2]))?$")
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")


@dataclass(frozen=True)
class Period:
    label: str
    start: dt.date
    end: dt.date  # inclusive

    def __contains__(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    @property
    def year(self) -> int:
        return self.end.year

    @property
    def title(self) -> str:
        """Return the Vietnamese name used in report titles, e.g. "quý II năm 2023"."""
        m = _PATTERN.match(self.label)
        if not m:
            return f"từ ngày {self.start:%d/%m/%Y} đến ngày {self.end:%d/%m/%Y}"
        year, part = m["year"], m["part"]
        if part is None:
            return f"năm {year}"
        if part.isdigit():
            return f"tháng {int(part)} năm {year}"
        if part.startswith("Q"):
            return f"quý {_ROMAN[int(part[1])]} năm {year}"
        if part == "H1":
            return f"6 tháng đầu năm {year}"
        if part == "H2":
            return f"6 tháng cuối năm {year}"
        return f"9 tháng năm {year}"


def _month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    following = dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)
    return dt.date(year, month, 1), following - dt.timedelta(days=1)


def _calendar_bounds(year: int, part: str | None) -> tuple[dt.date, dt.date]:
    if part is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if part.isdigit():
        return _month_bounds(year, int(part))
    if part.startswith("Q"):
        q = int(part[1])
        start = dt.date(year, 3 * q - 2, 1)
        end = (dt.date(year + 1, 1, 1) if q == 4 else dt.date(year, 3 * q + 1, 1)) - dt.timedelta(days=1)
        return start, end
    if part == "H1":
        return dt.date(year, 1, 1), dt.date(year, 6, 30)
    if part == "H2":
        return dt.date(year, 7, 1), dt.date(year, 12, 31)
    return dt.date(year, 1, 1), dt.date(year, 9, 30)  # 9M


def _cutoff_bounds(year: int, part: str | None) -> tuple[dt.date, dt.date]:
    # Bộ Nội vụ: the reporting year starts on 15 December of the previous year;
    # every period ends on the 14th of its last month.
    year_start = dt.date(year - 1, 12, 15)
    if part is None:
        return year_start, dt.date(year, 12, 14)
    if part.isdigit():
        # A month is a calendar month in both calendars (the national portal scores calendar months).
        return _month_bounds(year, int(part))
    if part.startswith("Q"):
        q = int(part[1])
        start = year_start if q == 1 else dt.date(year, 3 * q - 3, 15)
        return start, dt.date(year, 3 * q, 14)
    if part == "H1":
        return year_start, dt.date(year, 6, 14)
    if part == "H2":
        return dt.date(year, 6, 15), dt.date(year, 12, 14)
    return year_start, dt.date(year, 9, 14)  # 9M


def parse_period(text: str, calendar: str = CALENDAR) -> Period:
    """Parse `2023-Q2`, `2023-H1`, `2023-9M`, `2023`, a month `2023-05` or `2023-04-01..2023-06-30`."""
    if calendar not in CALENDARS:
        raise ValueError(f"lịch kỳ báo cáo không hợp lệ: {calendar!r} (cho phép: {', '.join(CALENDARS)})")
    raw = (text or "").strip()
    m = _RANGE.match(raw)
    if m:
        try:
            start, end = dt.date.fromisoformat(m[1]), dt.date.fromisoformat(m[2])
        except ValueError:
            raise ValueError(f"kỳ báo cáo {raw!r} chứa ngày không có thật") from None
        if end < start:
            raise ValueError(f"kỳ báo cáo {raw!r}: ngày kết thúc trước ngày bắt đầu")
        return Period(raw, start, end)
    m = _PATTERN.match(raw)
    if not m or not 1900 <= int(m["year"]) <= 2999:
        raise ValueError(
            f"kỳ báo cáo không hợp lệ: {raw!r} (dùng 2023-Q2, 2023-H1, 2023-9M, 2023, tháng 2023-05 hoặc 2023-04-01..2023-06-30)"
        )
    year, part = int(m["year"]), m["part"]
    bounds = _cutoff_bounds if calendar == CUTOFF else _calendar_bounds
    start, end = bounds(year, part)
    return Period(raw, start, end)
