"""Read any statistics table of dossiers: one-row or two-row headers, Word/PDF tables or tables flattened to text.

A table row is a line whose cells are separated by "|" (how Word and PDF tables
come out of `text`), by tabs, or by runs of blanks. A block of such rows is a
statistics table when its data rows end in the same number of numeric cells and
its header names figures for them. A two-row header ("Số hồ sơ đã giải quyết"
over "Tổng số | Trước hạn | Đúng hạn | Quá hạn") is solved by trying which first-row
cells head a group and which second-row cells they take, scored by how well the
words fit ("Trước hạn" under "đã giải quyết", "Trong hạn" under "đang giải quyết").
A total row ("Tổng cộng", "Toàn huyện") or the only row gives the unit's figures;
rows naming a part ("Cấp xã", "Xã Hoằng Lưu") give that part's.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass, field

from motcua.reports.extract import vocabulary as v
from motcua.reports.extract.fold import fold
from motcua.reports.extract.numbers import parse_number

_MAX_READINGS = 20_000
_CELL_NUMBER = re.compile(r"\d+(?:[.,]\d+)*\s*%?")
_EMPTY = {"", "-", "–", "—", "x"}
_LABEL_WORDS = re.compile(
    r"^(stt|tt|so tt|ten|cap|ky|thoi gian)$|don vi|linh vuc|noi dung|co quan|dia phuong|chi tieu|^ten |^cap "
)
_GROUP_ONLY = v.pattern("trong đó", "chia ra", "bao gồm", "trong đó có", "kết quả giải quyết", "tình hình giải quyết")
_TOTAL_ROW = re.compile(r"^(?:(?:tong cong|tong so|tong|cong)(?: toan .*| chung)?|toan (?:huyen|tinh|thanh pho|thi xa|quan|xa|phuong|don vi)(?: .*)?)$")
_PART_ROW = re.compile(r"^(cap |xa |phuong |thi tran |ubnd |trung tam |bo phan |huyen |thanh pho |thi xa |quan |so |cac )")


@dataclass
class TableFigures:
    whole: dict = field(default_factory=dict)
    parts: dict = field(default_factory=dict)
    lines: set = field(default_factory=set)  # indices of the lines the tables took
    unit: str = ""  # the reporting unit's folded name: its own row is the whole unit's


def cells(line: str) -> list[str]:
    """Return a table line's cells, or [] when the line is no table row."""
    if "|" in line:
        parts = [" ".join(c.split()) for c in line.split("|")]
        framed = line.strip()
        # "| a | b |" frames its cells; " | b | c" only leaves its first cell blank.
        if framed.startswith("|") and framed.endswith("|") and len(parts) > 2:
            parts = parts[1:-1]
        return parts if len(parts) >= 2 else []
    if "\t" in line:
        parts = [" ".join(c.split()) for c in line.strip().split("\t")]
        return parts if len(parts) >= 3 else []
    parts = [c for c in re.split(r"\s{2,}", line.strip())]
    return parts if len(parts) >= 3 else []


def _numeric(cell: str) -> bool:
    return bool(_CELL_NUMBER.fullmatch(cell)) or cell in _EMPTY


def _value(cell: str):
    if cell in _EMPTY:
        return None
    text = cell.replace(" ", "")
    return parse_number(text.rstrip("%"), percent=text.endswith("%"))


def _trailing(row: list[str]) -> int:
    count = 0
    for cell in reversed(row):
        if not _numeric(cell):
            break
        count += 1
    return count


def read_tables(lines: list[str], unit_name: str | None = None) -> TableFigures:
    """Return the figures every statistics table among `lines` gives (earlier tables win)."""
    result = TableFigures(unit=fold(unit_name or ""))
    block: list[tuple[int, list[str]]] = []
    for index, line in enumerate([*lines, ""]):
        row = cells(line) if index < len(lines) else []
        if row:
            block.append((index, row))
        elif line.strip() or index == len(lines):
            if len(block) >= 2:
                _read_block(block, result)
            block = []
    return result


def _read_block(block: list[tuple[int, list[str]]], result: TableFigures) -> None:
    data_at = [i for i, (_, row) in enumerate(block) if _trailing(row) >= 2 and any(re.search(r"\d", c) for c in row)]
    if not data_at:
        return
    first = data_at[0]
    headers = [row for _, row in block[:first] if any(c.strip() for c in row)]
    if not headers:
        return
    width = max(set(_trailing(block[i][1]) for i in data_at), key=lambda n: sum(_trailing(block[i][1]) == n for i in data_at))
    leaves = _leaves(headers[-2:], width)
    if not leaves:
        return
    meanings = _meanings(leaves)
    if sum(1 for m in meanings if m) < 2:
        return
    rows = [block[i][1] for i in data_at if _trailing(block[i][1]) >= width]
    for i in data_at:
        result.lines.add(block[i][0])
    for index, _ in block[:first]:
        result.lines.add(index)
    for row in rows:
        label = " ".join(c for c in row[: len(row) - width] if c and not re.fullmatch(r"[\dIVXivx.]+", c))
        key = fold(label)
        own = bool(result.unit) and key.endswith(result.unit)
        if _TOTAL_ROW.match(key) or own or (len(rows) == 1 and not key.startswith("cap ")):
            target = result.whole
        elif _PART_ROW.match(key + " "):
            target = result.parts.setdefault(label, {})
        else:
            continue
        for meaning, cell in zip(meanings, row[-width:]):
            value = _value(cell)
            if meaning is None or value is None:
                continue
            if meaning != "on_time_rate_percent" and not float(value).is_integer():
                continue
            target.setdefault(meaning, value)


def _leaves(headers: list[list[str]], width: int) -> list[tuple[str, str]] | None:
    """Return (group, column) words for each of the `width` value columns, from one or two header rows."""
    if len(headers) == 1:
        row = [c for c in headers[0]]
        return [(c, "") for c in row[-width:]] if len(row) >= width else None
    top, bottom = headers
    if len(top) == len(bottom) and len(bottom) >= width:
        filled, last = [], ""
        for cell, below in zip(top, bottom):
            last = cell or (last if below else "")
            filled.append(last)
        return list(zip(filled, bottom))[-width:]
    groups = [c for c in top if c]
    # A Word cell merged down both rows repeats its text in the second: that column is a leaf of the first.
    subs = [c for c in bottom if c and c not in groups]
    return _solve(groups, subs, width)


def _solve(groups: list[str], subs: list[str], width: int) -> list[tuple[str, str]] | None:
    """Return the leaves of the best reading of a two-row header whose spans the text lost."""
    best, best_score = None, None
    for skip in range(0, min(4, len(groups))):
        dropped, rest = groups[:skip], groups[skip:]
        parents = len(rest) + len(subs) - width
        if parents < 1 or parents > len(rest) or parents > len(subs):
            continue
        if math.comb(len(rest), parents) * math.comb(len(subs) - 1, parents - 1) > _MAX_READINGS:
            continue  # a header too wide to try every reading of is left unread
        label_bonus = sum(2 if _LABEL_WORDS.search(fold(c)) else -3 for c in dropped)
        for chosen in itertools.combinations(range(len(rest)), parents):
            for cuts in itertools.combinations(range(1, len(subs)), parents - 1):
                bounds = [0, *cuts, len(subs)]
                chunks = {g: subs[bounds[k] : bounds[k + 1]] for k, g in enumerate(chosen)}
                score = label_bonus + _score(rest, chunks)
                if best_score is None or score > best_score:
                    leaves = []
                    for g, cell in enumerate(rest):
                        leaves.extend((cell, s) for s in chunks[g]) if g in chunks else leaves.append((cell, ""))
                    best, best_score = leaves, score
    return best


def _score(groups: list[str], chunks: dict[int, list[str]]) -> int:
    score = 0
    for g, cell in enumerate(groups):
        folded = fold(cell)
        only_group = bool(_GROUP_ONLY.search(folded))
        if g not in chunks:
            score += -4 if only_group else 0
            continue
        score += 3 if only_group else 0
        base = v.last_match(v.BASE_PATTERNS, folded)
        if not (only_group or base or v.last_match(v.QUALIFIER_PATTERNS, folded)):
            score -= 3  # a heading naming no figure ("Cơ quan, đơn vị") heads no columns of figures
        for k, sub in enumerate(chunks[g]):
            sub_folded = fold(sub)
            if re.fullmatch(r"(tong so|tong|cong|tong cong)", sub_folded):
                score += 2 if k == 0 else -3
                continue
            qualifier = v.first_match(v.QUALIFIER_PATTERNS, sub_folded)
            kind = base[0] if base else None
            if qualifier in (v.EARLY, v.ON_TIME, v.EARLY_OR_ON_TIME):
                score += 2 if kind == v.RESOLVE else -2
            elif qualifier == v.WITHIN:
                score += 2 if kind == v.PENDING else -2
            elif qualifier == v.LATE:
                score += 1 if kind in (v.RESOLVE, v.PENDING) else -1
            elif qualifier in (v.CARRIED, v.NEW, v.ONLINE, v.DIRECT, v.POST):
                score += 2 if kind in (v.RECEIVE, None) else -2
    return score


def _meanings(leaves: list[tuple[str, str]]) -> list[str | None]:
    """Return the figure key of each value column, a column's base borrowed from the one before when it names none."""
    meanings, previous_base = [], None
    for group, column in leaves:
        top, below = fold(group), fold(column)
        base = v.last_match(v.BASE_PATTERNS, below) or v.last_match(v.BASE_PATTERNS, top)
        qualifier = v.last_match(v.QUALIFIER_PATTERNS, below) if below else None
        if qualifier is None and not below:
            qualifier = v.last_match(v.QUALIFIER_PATTERNS, top)
        kind = base[0] if base else previous_base
        text = f"{top} {below}"
        if re.search(r"ty le|ti le|%", text):
            q = qualifier[0] if qualifier else None
            meanings.append("on_time_rate_percent" if q in (v.ON_TIME, v.EARLY_OR_ON_TIME) else None)
            continue
        if v.BLOCKER_PATTERN.search(text) or v.PROCEDURE_WORDS.search(text) and not v.DOSSIER_WORDS.search(text):
            meanings.append(None)
            previous_base = kind
            continue
        q = qualifier[0] if qualifier else None
        meanings.append(v.figure_of(kind, q) if (kind or q) else None)
        previous_base = kind
    # A figure two columns claim is read from neither.
    return [m if m and meanings.count(m) == 1 else None for m in meanings]
