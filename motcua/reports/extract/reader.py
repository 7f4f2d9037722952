"""Read a whole report: unit and period from its heading, appendix 01b, the core figures, and every breach C1–C12.

The core figures (exchange.md) come from appendix 01b, any statistics table
and the prose, in that order of trust; a report with neither a 01b table nor
any figure is no report this reader can use.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from motcua.lib.periods import parse_period
from motcua.reports.checks import run_checks
from motcua.reports.extract.appendix import appendix_end, find_appendix, read_appendix
from motcua.reports.extract.dates import check_c11
from motcua.reports.extract.figures import appendix_figures, check_c12_all, merge, public, settle_on_time, settle_plain, settle_table_on_time, statements
from motcua.reports.extract.fold import fold
from motcua.reports.extract.narrative import survey_statements
from motcua.reports.extract.prose import read_prose
from motcua.reports.extract.tables import read_tables
from motcua.reports.extract.text import NOT_A_REPORT, ExtractError, read_text

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_UNIT_KINDS = ("XÃ", "PHƯỜNG", "THỊ TRẤN")
_DISTRICT_KINDS = ("HUYỆN", "QUẬN", "THỊ XÃ", "THÀNH PHỐ")
_UNIT_CODE = re.compile(r"\bma\s+(?:don\s+vi|dvhc|so\s+don\s+vi)\s*(?:hanh\s+chinh)?\s*:?\s*(\d{3,})")


def extract_file(path: str | Path) -> dict:
    """Return the report read from a file (see `extract_text`); ExtractError if unreadable."""
    return extract_text(read_text(path))


def extract_text(text: str) -> dict:
    """Return {"unit", "period", "values", "figures", "approximate", "statements", "parts", "checks"} of a report."""
    lines = text.splitlines()
    try:
        start = find_appendix(text)
        values = read_appendix(text)
    except ExtractError:
        start, values = None, {}
    if start is None:
        narrative, rest = text, lines
    else:
        end = start + 1 + appendix_end(lines[start + 1 :])
        narrative = "\n".join(lines[:start])
        rest = lines[:start] + [""] + lines[end:]
    unit = read_unit(text)
    period = read_period(narrative or text)
    tables = read_tables(rest, unit["name"])
    for table_figures in (tables.whole, *tables.parts.values()):
        settle_table_on_time(table_figures)
    prose = "\n".join(line for i, line in enumerate(rest) if i not in tables.lines)
    found = read_prose(prose, unit["name"])
    stated_carried = [f.value for f in found if f.figure == "carried_over" and f.part is None and not f.approximate]
    carried = tables.whole.get("carried_over", stated_carried[0] if stated_carried else None)
    from_appendix = appendix_figures(values, carried)
    found = settle_plain(found, {**tables.whole, **from_appendix})
    figures, approximate, parts = merge([from_appendix, tables.whole], found)
    relabel = [None] if settle_on_time(figures) else []
    relabel += [label for label, part in parts.items() if settle_on_time(part)]
    if relabel:
        for f in found:
            if f.figure == "resolved_on_time" and f.part in relabel and not f.approximate:
                f.figure = "resolved_early_or_on_time"
        figures, approximate, parts = merge([from_appendix, tables.whole], found)
    for label, part in tables.parts.items():
        for key, value in part.items():
            parts.setdefault(label, {}).setdefault(key, value)
    if not values and not figures and not approximate and not parts:
        raise ExtractError(f"{NOT_A_REPORT}: không tìm thấy phụ lục 01b (bảng thống kê số liệu) và không có số liệu hồ sơ nào")
    listed, c10 = statements(found, values, tables.whole, carried)
    surveys, c10_surveys = survey_statements(narrative if start is not None else text, values)
    end_date = dt.date.fromisoformat(period["end"]) if period["end"] else None
    checks = run_checks(values) + c10 + c10_surveys + check_c11(text, end_date, values) + check_c12_all(figures, parts)
    return {
        "unit": unit, "period": period, "values": values, "figures": public(figures), "approximate": approximate,
        "statements": listed + surveys, "parts": {label: public(part) for label, part in parts.items()}, "checks": checks,
    }


def read_unit(text: str) -> dict:
    """Return {"code", "name"} of the reporting unit as the heading prints it ("XÃ HOẰNG LƯU" → "Xã Hoằng Lưu").

    A commune's heading names its district above it ("UBND HUYỆN HOẰNG HÓA / ỦY BAN NHÂN DÂN XÃ …"), so a
    commune is looked for first; a district's own report (its rollup) names only the district and the province.
    """
    head = text.splitlines()[:30]
    name = None
    for kinds in (_UNIT_KINDS, _DISTRICT_KINDS):
        name = _heading_unit(head, kinds)
        if name:
            break
    if name is None:
        # The prose names it too: "UBND xã Hoằng Lưu báo cáo …".
        for kinds in (r"xã|phường|thị trấn", r"huyện|quận|thị xã|thành phố"):
            m = re.search(rf"UBND\s+({kinds})\s+((?:[A-ZĐÀ-Ỹ][^\s,.;:]*\s?){{1,4}})", text)
            if m:
                name = f"{m.group(1).capitalize()} {m.group(2).strip()}"
                break
    code = _UNIT_CODE.search(fold("\n".join(head)))
    return {"code": code.group(1) if code else None, "name": name}


def _heading_unit(head: list[str], kinds: tuple[str, ...]) -> str | None:
    """Return "Xã Hoằng Lưu" from the first heading line printing one of `kinds` and an upper-case name."""
    for line in head:
        words = line.split()
        for i, word in enumerate(words):
            pair = " ".join(words[i : i + 2])
            kind = pair if pair in kinds else word
            # "CỘNG HÒA XÃ HỘI …" is the motto; the "XÃ" of "THỊ XÃ" belongs to the district's kind.
            if kind not in kinds or (i and words[i - 1] in ("HÒA", "THỊ")):
                continue
            # The name runs over the upper-case words that follow ("XÃ HOẰNG LƯU   Độc lập …").
            rest = []
            for part in words[i + len(kind.split()) :]:
                part = part.strip(",.;:")
                if not (part.isalpha() and part.isupper()):
                    break
                rest.append(part)
            if rest:
                return " ".join([kind.capitalize(), *(part.capitalize() for part in rest)])
    return None


def read_period(text: str) -> dict:
    """Return {"label", "start", "end"} of the period the title names; all None when it names none."""
    lines = [line for line in text.splitlines() if line.strip()]
    title = None
    for i, line in enumerate(lines[:40]):
        if re.fullmatch(r"bao\s*cao", fold(line)):
            title = " ".join(lines[i + 1 : i + 5])
            break
    if title is None:
        title = " ".join(lines[:25])
    folded = fold(title)
    # "Kết quả … quý II; Phương hướng, nhiệm vụ quý III": the period is the results', not the plan's.
    results = re.split(r"phuong\s+huong|nhiem\s+vu\s+(?:trong\s+tam\s+)?(?:quy|nam)", folded)[0]
    # Letters drop out of damaged text: "năm" may read "n m", "tháng" "th ng".
    year = re.search(r"n\s*a?\s*m\s+(\d{4})", folded) or re.search(r"\b(20\d{2})\b", folded)
    if not year:
        return {"label": None, "start": None, "end": None}
    label = year.group(1)
    if m := re.search(r"\bquy\s+(iv|iii|ii|i|[1-4])\b", results):
        label += f"-Q{_ROMAN[m.group(1)]}"
    elif re.search(r"6\s+th\s*a?\s*ng\s+(?:d\s*)?(?:a?\s*u\s+)?n\s*a?\s*m\b", results):
        label += "-H1"
    elif re.search(r"6\s+th\s*a?\s*ng\s+c\s*u?\s*o?\s*i\s+n\s*a?\s*m\b", results):
        label += "-H2"
    elif re.search(r"9\s+th\s*a?\s*ng\b", results):
        label += "-9M"
    period = parse_period(label)
    return {"label": period.label, "start": period.start.isoformat(), "end": period.end.isoformat()}
