"""C11: every date the report cites is a real date and not after the report's own date.

The report's own date is, in order: the date line under the heading
("Hoằng Lưu, ngày 12 tháng 7 năm 2023"); when that line is left blank ("ngày …
tháng … năm 2023", as in the reference report), the latest digital-signature
time stamped on the document; failing both, the last day of the month after the
period (reports are due within weeks of the period's end), capped by the year
the date line prints. Without any of these only impossible dates are reported.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from motcua.reports.checks import ERROR, breach
from motcua.reports.extract.fold import fold

_SLASHED = re.compile(r"(?<![\d/.])(\d{1,3})([/.])(\d{1,2})\2(\d{4})(?![\d/])")
_WORDED = re.compile(r"ngay\s+(\d{1,3})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})")
_DATE_LINE = re.compile(r",\s*ngày\s+(.{0,40}?)\s*tháng\s+(.{0,30}?)\s*năm\s+(\d{4})", re.IGNORECASE)
_SIGNED = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}")
_REFERENCE = re.compile(
    r"((?:Quyết định|Kế hoạch|Công văn|Nghị quyết|Nghị định|Chỉ thị|Thông tư|Thông báo|QĐ)\s+số\s*:?\s*[^\s,;]+|số\s*:?\s*[^\s,;]+)",
    re.IGNORECASE,
)


def report_date(text: str, period_end: dt.date | None) -> tuple[dt.date | None, str]:
    """Return the report's own date and where it came from (Vietnamese, for messages)."""
    year = None
    for line in text.splitlines()[:25]:
        m = _DATE_LINE.search(line)
        if not m:
            continue
        year = int(m.group(3))
        day, month = m.group(1).strip(), m.group(2).strip()
        if day.isdigit() and month.isdigit():
            try:
                return dt.date(year, int(month), int(day)), "ngày báo cáo"
            except ValueError:
                pass
        break
    signed = []
    for m in _SIGNED.finditer(text):
        try:
            signed.append(dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
        except ValueError:
            continue
    if signed:
        return max(signed), "ngày ký số"
    if period_end is not None:
        following = period_end.replace(day=1) + dt.timedelta(days=32)
        bound = following.replace(day=calendar.monthrange(following.year, following.month)[1])
        if year is not None:
            bound = min(bound, dt.date(year, 12, 31))
        return bound, "hạn cuối gửi báo cáo"
    if year is not None:
        return dt.date(year, 12, 31), "năm ghi trên báo cáo"
    return None, ""


def cited_dates(text: str):
    """Yield (printed text, (day, month, year), offset) for every date written dd/mm/yyyy or "ngày d tháng m năm y"."""
    for m in _SLASHED.finditer(text):
        yield m.group(0), (int(m.group(1)), int(m.group(3)), int(m.group(4))), m.start()
    # Folding keeps offsets: every Vietnamese letter folds to exactly one letter.
    folded = "".join(fold(ch) or " " for ch in text)
    for m in _WORDED.finditer(folded):
        yield text[m.start() : m.end()], (int(m.group(1)), int(m.group(2)), int(m.group(3))), m.start()


def period_spans(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) offsets of every "từ ngày 01/04/2023 đến ngày 30/06/2023" the text prints.

    That is the reporting period stated, not a date cited: under Bộ Nội vụ's cut-off calendar a report is
    due before its period's calendar end, and a report on the current quarter may be issued before it ends.
    """
    folded = "".join(fold(ch) or " " for ch in text)
    date = r"\d{1,3}\s*[/.]\s*\d{1,2}\s*[/.]\s*\d{4}"
    # Letters drop out of damaged text: "t  ngày", " ến ngày".
    pattern = rf"\bt\s*u?\s+ngay\s+{date}\s*(?:-|–|,)?\s*(?:d\s*)?e?\s*n\s+ngay\s+{date}"
    return [(m.start(), m.end()) for m in re.finditer(pattern, folded)]


def check_c11(text: str, period_end: dt.date | None, values) -> list[dict]:
    """Return a breach for every impossible date and every date after the report's own date."""
    own, source = report_date(text, period_end)
    spans = period_spans(text)
    found, seen = [], set()
    for printed, (day, month, year), offset in sorted(cited_dates(text), key=lambda item: item[2]):
        if any(start <= offset < end for start, end in spans):
            # The period's own bounds; an impossible one is still reported below as any date would be.
            try:
                dt.date(year, month, day)
                continue
            except ValueError:
                pass
        reference = _reference(text, offset)
        if (printed, reference) in seen:
            continue
        seen.add((printed, reference))
        cited = f"{printed} ({reference})" if reference else printed
        try:
            date = dt.date(year, month, day)
        except ValueError:
            message = f"ngày {cited} không có thật"
        else:
            if own is None or date <= own:
                continue
            message = f"ngày {cited} sau {source} {own:%d/%m/%Y}"
        rows = [code for code, value in values.items() if isinstance(value, str) and printed in value]
        found.append(breach("C11", rows, values, message, ERROR))
    return found


def _reference(text: str, offset: int) -> str:
    """Return the document a date belongs to ("Quyết định số 3153/QĐ-UBND"), read just before it."""
    # A reference broken over two lines after its hyphen ("252/QĐ-" / "UBND") reads as one.
    before = " ".join(re.sub(r"-\s*\n\s*", "-", text[max(0, offset - 90) : offset]).split())
    matches = list(_REFERENCE.finditer(before))
    if not matches or len(before) - matches[-1].end() > 12:
        return ""
    return matches[-1].group(1)
