"""Numbers as Vietnamese reports write them: "87.582", "99,62 %", "10,18 ngàn", "1,2 triệu", "2.265".

Works on folded text (no diacritics, lower case, one character per character
of the original, see `fold_keep`), so offsets found here are offsets in the
original sentence too.

Vietnamese groups thousands with "." and writes decimals with ","; a text
typed the English way ("2,265", "99.62") is read where only one reading makes
sense: three digits after a single comma are thousands for a count, one or two
digits after a single dot are decimals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from motcua.reports.extract.fold import fold_char

_SCALES = {"nghin": 1000, "ngan": 1000, "trieu": 1_000_000, "ty": 1_000_000_000}
# A number not glued to a word, a slash, a hyphen or another number ("15/QĐ", "30-60%", "370/370").
_NUMBER = re.compile(
    r"(?<![\w/\-])(?<!\d[.,])(\d+(?:[.,]\d+)*)(?![\w/\-]|[.,]\d)"
    r"(?:\s?(%|phan tram))?"
    r"(?:\s(nghin|ngan|trieu|ty)(?![a-z]))?"
)
# Time words after a number ("6 tháng", "3 ngày") and before one ("năm 2023", "quý 2"): no figure, no boundary.
_TIME_AFTER = re.compile(r"\s?(?:thang|nam|ngay|quy|tuan|gio|phut)\b")
_TIME_BEFORE = re.compile(r"\b(?:nam|quy|thang|ngay|muc do|lan thu|khoan|dieu|chuong)\s$")


@dataclass(frozen=True)
class Number:
    start: int
    end: int
    value: float | int
    percent: bool
    scaled: bool
    text: str

    @property
    def whole(self) -> bool:
        return float(self.value).is_integer()


def fold_keep(text: str) -> str:
    """Fold `text` one character for one: "Hồ sơ\\n" → "ho so " (a character that folds to several becomes " ")."""
    out = []
    for ch in text:
        f = fold_char(ch)
        out.append(f if len(f) == 1 and not f.isspace() else " ")
    return "".join(out)


def parse_number(token: str, percent: bool = False, scaled: bool = False) -> float | int | None:
    """Return the value of "87.582", "99,62", "2,265", "1.234,5"; None when it reads no one way."""
    dots, commas = token.count("."), token.count(",")
    groups = re.split(r"[.,]", token)
    if not dots and not commas:
        return int(token)
    if dots and commas:
        # "1.234,5" (Vietnamese) or "1,234.5" (English): the last separator is the decimal one.
        decimal = "," if token.rfind(",") > token.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        whole, _, fraction = token.rpartition(decimal)
        if not all(len(g) == 3 for g in whole.split(thousands)[1:]) or thousands in fraction:
            return None
        return _number(whole.replace(thousands, ""), fraction)
    sep = "." if dots else ","
    tail = groups[1:]
    if len(tail) > 1:
        return int("".join(groups)) if all(len(g) == 3 for g in tail) else None
    if sep == ".":
        if len(tail[0]) == 3 and not percent and not scaled:
            return int("".join(groups))
        return _number(groups[0], tail[0]) if len(tail[0]) <= 2 or percent or scaled else None
    # One comma: a decimal, unless three digits follow in a count ("2,265 hồ sơ" typed the English way).
    if len(tail[0]) == 3 and not percent and not scaled:
        return int("".join(groups))
    return _number(groups[0], tail[0])


def _number(whole: str, fraction: str) -> float | int:
    value = float(f"{int(whole)}.{fraction}")
    return int(value) if value.is_integer() else value


def find_numbers(folded: str) -> list[Number]:
    """Return every number of a folded sentence with its value; time expressions ("năm 2023", "6 tháng") left out."""
    found = []
    for m in _NUMBER.finditer(folded):
        token, percent_sign, scale = m.group(1), m.group(2), m.group(3)
        if _TIME_AFTER.match(folded, m.end(1)) and not percent_sign and not scale:
            continue
        if _TIME_BEFORE.search(folded[max(0, m.start() - 12) : m.start()]):
            continue
        value = parse_number(token, percent=bool(percent_sign), scaled=bool(scale))
        if value is None:
            continue
        if scale:
            value = round(value * _SCALES[scale], 6)
            value = int(value) if float(value).is_integer() else value
        found.append(Number(m.start(), m.end(), value, bool(percent_sign), bool(scale), folded[m.start() : m.end()]))
    return found
