"""The core figures of a report (exchange.md), where they come from, and the rules on them (C10 statements, C12).

Sources in order of trust: appendix 01b, a statistics table's whole-unit row,
the prose. A figure the prose states for the whole unit several times keeps its
first value; a hedged one goes to `approximate` only. "tiếp nhận N hồ sơ" with
no other word is the total received, unless the report states the carried-over
and the total elsewhere and N is the difference (then it is the new ones).
"""

from __future__ import annotations

import re
from decimal import Decimal

from motcua.reports.checks import ERROR, breach, number, show
from motcua.reports.extract.prose import Found

FIGURES = (
    "received_total", "carried_over", "received_new", "online_received", "direct_received",
    "resolved_total", "resolved_early", "resolved_on_time", "resolved_late", "resolved_early_or_on_time",
    "in_progress", "in_progress_within_deadline", "in_progress_overdue", "on_time_rate_percent",
    "procedures_total", "procedures_online_full", "procedures_online_partial",
)

# Read to check the balance, not printed: dossiers the applicant withdrew are neither resolved nor in progress.
INTERNAL = ("withdrawn",)

# Vietnamese names, for messages and the reading page.
LABELS = {
    "received_total": "tổng số hồ sơ tiếp nhận",
    "carried_over": "hồ sơ kỳ trước chuyển sang",
    "received_new": "hồ sơ mới tiếp nhận",
    "online_received": "hồ sơ tiếp nhận trực tuyến",
    "direct_received": "hồ sơ tiếp nhận trực tiếp",
    "resolved_total": "hồ sơ đã giải quyết",
    "resolved_early": "giải quyết trước hạn",
    "resolved_on_time": "giải quyết đúng hạn",
    "resolved_late": "giải quyết quá hạn",
    "resolved_early_or_on_time": "giải quyết đúng và trước hạn",
    "in_progress": "hồ sơ đang giải quyết",
    "in_progress_within_deadline": "đang giải quyết trong hạn",
    "in_progress_overdue": "đang giải quyết quá hạn",
    "on_time_rate_percent": "tỷ lệ giải quyết đúng và trước hạn (%)",
    "procedures_total": "số TTHC đang áp dụng",
    "procedures_online_full": "số TTHC trực tuyến toàn trình",
    "procedures_online_partial": "số TTHC trực tuyến một phần",
    "withdrawn": "hồ sơ rút",
}

# Figures appendix 01b prints, as sums of its rows (3.3.1 counts the dossiers received in the period: the new ones).
FROM_APPENDIX = {
    "received_new": ["3.3.1"],
    "direct_received": ["3.3.1.a"],
    "online_received": ["3.3.1.c", "3.3.1.d"],
    "resolved_early_or_on_time": ["3.3.2"],
    "procedures_total": ["3.1.3"],
    "procedures_online_full": ["7.5.2"],
    "procedures_online_partial": ["7.5.1"],
}
# What C10 compares a narrative statement with (indicators.md: received, on time); how the message words it.
COMPARED = {
    "received_total": (["3.3.1"], "tiếp nhận {} hồ sơ"),
    "received_new": (["3.3.1"], "tiếp nhận mới {} hồ sơ"),
    "direct_received": (["3.3.1.a"], "tiếp nhận trực tiếp {} hồ sơ"),
    "online_received": (["3.3.1.c", "3.3.1.d"], "tiếp nhận qua mạng {} hồ sơ"),
    "resolved_early_or_on_time": (["3.3.2"], "giải quyết đúng và trước hạn {} hồ sơ"),
    "resolved_on_time": (["3.3.2"], "giải quyết đúng hạn {} hồ sơ"),
}
APPENDIX = "phụ lục 01b"
TABLE = "bảng số liệu"


def appendix_figures(values: dict, carried=None) -> dict:
    """Return the core figures appendix 01b states (a figure only where all its rows carry a number).

    3.3.1 is the total received as well where the report states nothing carried over from before.
    """
    found = {}
    for figure, rows in FROM_APPENDIX.items():
        numbers = [number(values.get(code)) for code in rows]
        if numbers and all(n is not None for n in numbers):
            found[figure] = _plain(sum(numbers))
    if "received_new" in found and not carried:
        found = {"received_total": found["received_new"], **found}
    return found


def _plain(value):
    n = Decimal(value)
    return int(n) if n == n.to_integral_value() else float(n)


def settle_plain(found: list[Found], known: dict) -> list[Found]:
    """Return `found` with each plain "tiếp nhận N" settled: the total, the new ones, or left out.

    Where the report states dossiers carried over, N is the new ones when it is the stated total
    (or resolved + in progress) less them, the total when it equals that or a breakdown of it into
    carried-over and new follows in its sentence; otherwise either reading is a guess, and it is left out.
    """
    whole: dict = {}
    for f in found:
        if f.part is None and not f.approximate and not f.plain:
            whole.setdefault(f.figure, f.value)
    whole = {**whole, **known}
    total, carried = whole.get("received_total"), whole.get("carried_over")
    resolved, pending = whole.get("resolved_total"), whole.get("in_progress")
    balance = resolved + pending if resolved is not None and pending is not None else None
    kept = []
    for index, f in enumerate(found):
        if f.plain and not f.approximate and f.part is None and carried:
            if (total is not None and f.value + carried == total) or (total is None and f.value + carried == balance):
                f.figure = "received_new"
            elif not (f.value in (total, balance) or _breakdown_follows(f, found[index + 1 :])):
                continue
        kept.append(f)
    return kept


def _breakdown_follows(plain: Found, later: list[Found]) -> bool:
    """Tell "tiếp nhận 2.265 hồ sơ, trong đó kỳ trước chuyển sang 100 …" (a total broken down) apart."""
    return any(f.sentence == plain.sentence and f.figure == "carried_over" for f in later) and bool(
        re.search(r"trong (đó|do)|gồm|gom|\(", plain.sentence, re.IGNORECASE)
    )


def settle_on_time(figures: dict) -> bool:
    """Tell whether "đúng hạn N" is early and on time together: no early figure, and N (+ late) is all resolved.

    Had the report meant on time only, the early ones would be missing from the sum; and where none was
    early the two figures are one.
    """
    on_time, resolved = figures.get("resolved_on_time"), figures.get("resolved_total")
    if on_time is None or resolved is None or "resolved_early" in figures or "resolved_early_or_on_time" in figures:
        return False
    return on_time + (figures.get("resolved_late") or 0) == resolved


def settle_table_on_time(figures: dict) -> None:
    """A table's "Đúng hạn" column with no "Trước hạn" beside it, summing to the resolved: early and on time."""
    if settle_on_time(figures):
        figures["resolved_early_or_on_time"] = figures.pop("resolved_on_time")


def merge(sources: list[dict], found: list[Found]) -> tuple[dict, dict, dict]:
    """Return (figures, approximate, parts): earlier sources win; the prose fills what they leave."""
    figures: dict = {}
    for source in sources:
        for key, value in source.items():
            figures.setdefault(key, value)
    approximate: dict = {}
    parts: dict = {}
    for f in found:
        if f.approximate:
            if f.part is None and f.figure not in figures:
                approximate.setdefault(f.figure, {"value": f.value, "as_written": f.as_written})
            continue
        if f.part is None:
            figures.setdefault(f.figure, f.value)
        else:
            parts.setdefault(f.part, {}).setdefault(f.figure, f.value)
    ordered = {key: figures[key] for key in (*FIGURES, *INTERNAL) if key in figures}
    return ordered, {key: approximate[key] for key in FIGURES if key in approximate}, parts


def public(figures: dict) -> dict:
    """Return the figures exchange.md names (the withdrawn dossiers only serve C12)."""
    return {key: value for key, value in figures.items() if key in FIGURES}


def statements(found: list[Found], values: dict, table: dict, carried=None) -> tuple[list[dict], list[dict]]:
    """Return (statements, C10 breaches): each prose figure, compared with the table where one states it.

    A whole-unit, exact statement of a figure appendix 01b prints is compared with its rows; without
    01b, with the figure a statistics table's total row gives. "đúng hạn" alone is compared with 3.3.2
    (early or on time) only when the report states no early figure of its own; the total received
    with 3.3.1 plus what the report says was carried over.
    """
    early_stated = any(f.figure == "resolved_early" and f.part is None for f in found)
    listed, breaches, seen = [], [], set()
    for f in found:
        if f.figure in INTERNAL:
            continue
        statement = {"text": f.sentence, "figure": f.figure, "value": f.value, "checked_against": None,
                     "part": f.part, "approximate": f.approximate}
        listed.append(statement)
        if f.part is not None or f.approximate or f.figure not in COMPARED:
            continue
        if f.figure == "resolved_on_time" and early_stated:
            continue
        rows, what = COMPARED[f.figure]
        table_numbers = [number(values.get(code)) for code in rows]
        if all(n is not None for n in table_numbers):
            against = _plain(sum(table_numbers) + (Decimal(str(carried)) if carried and f.figure == "received_total" else 0))
            statement["checked_against"] = {"source": APPENDIX, "rows": rows, "value": against, "agrees": f.value == against}
            names = " + ".join(rows) + (f" + {show(carried)} kỳ trước chuyển sang" if carried and f.figure == "received_total" else "")
            message = f"phần thuyết minh nêu {what.format(show(f.value))} nhưng {names} = {show(against)}"
        elif f.figure in table:
            against, rows = table[f.figure], []
            statement["checked_against"] = {"source": TABLE, "rows": [], "value": against, "agrees": f.value == against}
            message = f"phần thuyết minh nêu {what.format(show(f.value))} nhưng bảng số liệu ghi {show(against)}"
        else:
            continue
        if statement["checked_against"]["agrees"] or (f.figure, f.value) in seen:
            continue
        seen.add((f.figure, f.value))
        breaches.append(breach("C10", rows, values, message, ERROR))
    return listed, breaches


def _sum_rule(figures: dict, total: str, parts: list[str], where: str) -> list[dict]:
    if any(figures.get(key) is None for key in [total, *parts]):
        return []
    added = sum(Decimal(str(figures[key])) for key in parts)
    if added == Decimal(str(figures[total])):
        return []
    left = " + ".join(f"{LABELS[key]} ({show(figures[key])})" for key in parts)
    message = f"{where}{left} = {show(added)} nhưng {LABELS[total]} = {show(figures[total])}"
    return [_figure_breach([total, *parts], figures, message)]


def _figure_breach(keys: list[str], figures: dict, message: str) -> dict:
    return {"rule": "C12", "severity": ERROR, "rows": keys, "values": {k: figures.get(k) for k in keys}, "message": message}


def check_c12(figures: dict, where: str = "") -> list[dict]:
    """C12: new + carried over = received; resolved + in progress = received; early + on time + late = resolved;
    a stated on-time rate equals its own figures (± 0.05 points)."""
    found = []
    found += _sum_rule(figures, "received_total", ["received_new", "carried_over"], where)
    balance = ["resolved_total", "in_progress", *(["withdrawn"] if figures.get("withdrawn") else [])]
    found += _sum_rule(figures, "received_total", balance, where)
    if all(figures.get(k) is not None for k in ("resolved_early", "resolved_on_time", "resolved_late")):
        found += _sum_rule(figures, "resolved_total", ["resolved_early", "resolved_on_time", "resolved_late"], where)
    else:
        found += _sum_rule(figures, "resolved_total", ["resolved_early_or_on_time", "resolved_late"], where)
    found += _rate_rule(figures, where)
    return found


def _rate_rule(figures: dict, where: str) -> list[dict]:
    rate, resolved = figures.get("on_time_rate_percent"), figures.get("resolved_total")
    if rate is None or not resolved:
        return []
    if figures.get("resolved_early_or_on_time") is not None:
        keys = ["resolved_early_or_on_time"]
    elif figures.get("resolved_early") is not None and figures.get("resolved_on_time") is not None:
        keys = ["resolved_early", "resolved_on_time"]
    elif figures.get("resolved_on_time") is not None and figures.get("resolved_early") is None:
        keys = ["resolved_on_time"]
    else:
        return []
    share = sum(Decimal(str(figures[k])) for k in keys) * 100 / Decimal(str(resolved))
    if abs(share - Decimal(str(rate))) <= Decimal("0.05"):
        return []
    computed = show(share.quantize(Decimal("0.01")))
    message = (f"{where}{LABELS['on_time_rate_percent']} ghi {show(rate)}% nhưng "
               f"{' + '.join(LABELS[k] for k in keys)} / {LABELS['resolved_total']} = {computed}%")
    return [_figure_breach(["on_time_rate_percent", *keys, "resolved_total"], figures, message)]


def check_c12_all(figures: dict, parts: dict) -> list[dict]:
    """C12 on the whole unit's figures, then on each part's ("cấp xã: …")."""
    found = check_c12(figures)
    for label, part in parts.items():
        found += check_c12(part, f"{label}: ")
    return found
