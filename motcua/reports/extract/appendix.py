"""Find appendix 01b in a report's text and map each printed row onto its indicator code.

The printed table is matched by number AND by label: the text may have lost
letters ("nhiệm v " for "nhiệm vụ"), rows may be split over several lines with
the value far from its code, a legend ("Không = 0 / Có = 1") may sit between
label and value, and the numbering may slip (a second "1.1.2" under 1.2, a
"3.3.5" for 3.3.4). A row's printed number is a strong hint, its label decides,
and the order of the table breaks ties.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from motcua.reports.extract.fold import blocks, coverage, fold, key, key_with_map
from motcua.reports.extract.text import NOT_A_REPORT, ExtractError
from motcua.reports.indicators import COUNT, FLAG, HEADING, INDICATORS, PERCENT, TEXT, VALUE_CODES


@dataclass(frozen=True)
class Row:
    code: str
    label: str
    kind: str
    legend: tuple[tuple[int, str], ...] = ()

    @property
    def label_key(self) -> str:
        # The "Trong đó:" prefix of a first sub-row is printed in a cell of its own, if at all.
        return re.sub(r"^trongdo", "", key(self.label))


# Headings the printed table carries that indicators.md leaves out (they hold no value);
# each goes right before the code it is keyed by.
_EXTRA_HEADINGS = {
    "4.1.1": ("4.1", "Số liệu về biên chế cán bộ, công chức"),
    "6.1": ("6", "Cải cách tài chính công"),
    "7.1": ("7", "Xây dựng và phát triển Chính quyền điện tử"),
    "7.2.1": ("7.2", "Số liệu về trao đổi văn bản điện tử"),
    "7.4.1": ("7.4", "Vận hành Hệ thống thông tin một cửa điện tử"),
    "7.5.1": ("7.5", "Dịch vụ công trực tuyến"),
}


def _order() -> tuple[Row, ...]:
    rows = []
    for ind in INDICATORS:
        if ind.code in _EXTRA_HEADINGS:
            code, label = _EXTRA_HEADINGS[ind.code]
            rows.append(Row(code, label, HEADING))
        rows.append(Row(ind.code, ind.label, ind.kind, tuple(ind.legend.items())))
    return tuple(rows)


ORDER: tuple[Row, ...] = _order()
INDEX = {row.code: i for i, row in enumerate(ORDER)}
# Sub-rows printed without a number under "Trong đó" (3.3.1.a–d, 3.3.2.a–d, 7.2.3.a–b).
CHILDREN = {
    row.code: [r.code for r in ORDER if re.fullmatch(re.escape(row.code) + r"\.[a-d]", r.code)]
    for row in ORDER
}

# The column headings the table repeats on every page (folded, letters and digits only).
_HEADER_KEYS = (
    "stt", "chitieuthongke", "sudungtrongkybaocaohangquy6", "thang9thangnam", "ketquathongke",
    "ghi", "chu", "ghichu", "chudonvitinhsolieu", "donvitinhsolieu", "donvitinh", "solieu",
    "sudungtrongkybaocaohangquy6thang9thangnam",
)
_CODE = re.compile(r"^[\s|]*(\d{1,2}(?:\.\d{1,2}){0,3}(?:\.[a-d])?)\.?(?=[\s|]|$)")
_LEGEND = re.compile(r"[^=\n|,;]*?=\s*(\d+)")
_NUMBER = re.compile(r"(?<![^\s|(:])(\d+(?:[.,]\d+)*)(\s*%)?(?=[\s|).;,]|$)")
_DECISION = re.compile(r"(\d+\s*/\s*[^\s,;]+?)\s*,?\s*ngày\s*(\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4})", re.IGNORECASE)


@dataclass
class Segment:
    printed: str | None  # the number printed at the row's start, as printed ("3.3.5")
    lines: list[str]  # the rest of the code's line, then the following lines

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def find_appendix(text: str) -> int:
    """Return the index of the line where appendix 01b starts; ExtractError when there is none."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        k = key(line)
        # "Phụ lục 01b" with letters possibly missing; "THỐNG KÊ SỐ LIỆU VỀ KẾT QUẢ …".
        if re.search(r"ph?u?l?u?c?(?:so)?0?1b", k) and coverage("phuluc01b", k[:14]) >= 0.7:
            return i
        if k.startswith("thongkesolieu") or (len(k) > 10 and coverage("thongkesolieuveketqua", k[:24]) >= 0.8):
            return i
    # No heading: the table itself, from its first row "1 Công tác chỉ đạo điều hành CCHC".
    first = key(ORDER[0].label)
    for i, line in enumerate(lines):
        m = _CODE.match(line)
        if m and m.group(1) == "1" and coverage(first, key(line[m.end():] + " " + _next(lines, i))) >= 0.7:
            return i
    raise ExtractError(f"{NOT_A_REPORT}: không tìm thấy phụ lục 01b (bảng thống kê số liệu)")


def appendix_end(lines: list[str]) -> int:
    """Return the index of the line where the next appendix ("Phụ lục 02") starts, or len(lines).

    A report may print more tables after 01b (the per-field statistics of
    Phụ lục 02); their rows and numbers are no part of 01b's last row.
    """
    for i, line in enumerate(lines):
        if not re.match(r"\s*ph", line, re.IGNORECASE):
            continue
        m = re.match(r"(ph?u?l?u?c?)(?:so)?(\d{1,2}[a-z]?)(?![0-9])", key(line))
        if m and len(m.group(1)) >= 3 and m.group(2).lstrip("0") != "1b":
            return i
    return len(lines)


def _next(lines: list[str], i: int) -> str:
    """Return the next non-blank line after line i, or ""."""
    for line in lines[i + 1 :]:
        if line.strip():
            return line
    return ""


def _is_header(line: str) -> bool:
    k = key(line)
    if not k:
        return False
    if k.startswith("sttchitieu") or k in _HEADER_KEYS:
        return True
    return len(k) >= 8 and max(SequenceMatcher(None, k, h).ratio() for h in _HEADER_KEYS) >= 0.85


def segments(lines: list[str]) -> list[Segment]:
    """Split the table's lines into rows, each starting at a plausible printed number."""
    lines = [line for line in lines if not _is_header(line)]
    found: list[Segment] = []
    top = 0
    for i, line in enumerate(lines):
        m = _CODE.match(line)
        code = m.group(1) if m else None
        if code and _starts_row(code, line[m.end():], lines, i, top):
            top = int(code.split(".")[0])
            found.append(Segment(code, [line[m.end():]]))
        elif found:
            found[-1].lines.append(line)
    return found


def _starts_row(code: str, rest: str, lines: list[str], i: int, top: int) -> bool:
    """Tell a row's number from a value or a legend that happens to start a line ("1", "2 cấp = 1")."""
    parts = code.split(".")
    section = int(parts[0])
    if not 1 <= section <= 9:
        return False
    if len(parts) == 1:
        # A section heading: a new section whose printed title matches.
        row = ORDER[INDEX[code]] if code in INDEX else None
        return row is not None and section > top and coverage(key(row.label), key(rest + " " + _next(lines, i))) >= 0.6
    if section < top or section > top + 2:
        return False
    if key(rest):
        return bool(re.search(r"[^\W\d_]{2}", rest))
    # A number alone on its line ("1.3", "7.6."): its label follows, not another row.
    nxt = _next(lines, i)
    return bool(nxt) and not _CODE.match(nxt) and bool(re.search(r"[^\W\d_]{2}", nxt))


def read_appendix(text: str) -> dict[str, object]:
    """Return {code: value} for every value code; None where the document prints nothing."""
    regions = locate_rows(text)
    values: dict[str, object] = {code: None for code in VALUE_CODES}
    for code, region in regions.items():
        row = ORDER[INDEX[code]]
        if row.kind != HEADING:
            values[code] = read_value(row, region)
    return values


def locate_rows(text: str) -> dict[str, str]:
    """Return {code: the printed text of its row} for every row found in the appendix."""
    lines = text.splitlines()[find_appendix(text) + 1 :]
    lines = lines[: appendix_end(lines)]
    found: dict[str, str] = {}
    position = -1
    for segment in segments(lines):
        code = _choose(segment, position, found)
        if code is None:
            continue
        position = INDEX[code]
        children = [c for c in CHILDREN[code] if c not in found]
        if not children:
            found[code] = segment.text
            continue
        parts = _split_children(segment.lines, children)
        found[code] = "\n".join(parts.pop(code))
        for child, part in parts.items():
            found[child] = "\n".join(part)
            position = max(position, INDEX[child])
    if sum(1 for code in found if ORDER[INDEX[code]].kind != HEADING) < 5:
        raise ExtractError(f"{NOT_A_REPORT}: phụ lục 01b không có bảng số liệu đọc được")
    return found


def _choose(segment: Segment, position: int, found: dict) -> str | None:
    """Pick the code of a printed row: its label decides, its printed number and the order break ties."""
    body = key(segment.text)
    printed = segment.printed
    candidates = [
        (i - position - 1, ORDER[i]) for i in range(position + 1, min(position + 8, len(ORDER))) if ORDER[i].code not in found
    ]
    if printed in INDEX and printed not in found and all(row.code != printed for _, row in candidates):
        candidates.append((abs(INDEX[printed] - position - 1), ORDER[INDEX[printed]]))
    best, best_score = None, 0.0
    for distance, row in candidates:
        label = row.label_key
        score = coverage(label, body[: int(len(label) * 1.5) + 10])
        score += (0.35 if row.code == printed else 0.0) - 0.02 * distance
        if score > best_score:
            best, best_score = row.code, score
    if best is not None and best_score >= 0.5:
        return best
    if printed in INDEX and printed not in found:
        return printed
    return None


def _split_children(lines: list[str], children: list[str]) -> dict[str, list[str]]:
    """Split a parent row's lines at the start of each "Trong đó" sub-row found."""
    starts: list[tuple[str, int]] = []
    cursor = 1
    for child in children:
        label = ORDER[INDEX[child]].label_key
        for j in range(cursor, len(lines)):
            # "Trong đó" prints in a cell of its own, or before the label; its "đ" may be lost.
            k = re.sub(r"^trong(?:d?o)?", "", key(lines[j]))
            if k in ("", "do", "o"):
                continue
            window = (k + key(" ".join(lines[j + 1 : j + 4])))[: int(len(label) * 1.3) + 5]
            big = [b for b in blocks(label, window) if b[2] >= 3]
            if big and big[0][0] <= 3 and big[0][1] <= 3 and coverage(label, window) >= 0.6:
                starts.append((child, j))
                cursor = j + 1
                break
    parts: dict[str, list[str]] = {}
    first = starts[0][1] if starts else len(lines)
    parent = [c for c in CHILDREN if children[0] in CHILDREN[c]][0]
    parts[parent] = lines[:first]
    for n, (child, j) in enumerate(starts):
        end = starts[n + 1][1] if n + 1 < len(starts) else len(lines)
        parts[child] = lines[j:end]
    return parts


def read_value(row: Row, region: str):
    """Read the value of one printed row: number, percentage, flag (by its legend) or text; None if blank."""
    mask = [False] * len(region)
    legend: dict[str, int] = {fold(label): value for value, label in row.legend}
    canonical = dict(legend)
    for m in _LEGEND.finditer(region):
        label = fold(m.group(0).split("=")[0]).strip(" .:")
        end = m.end()
        owner = next((c for c in canonical if label == c or label.endswith(" " + c)), None)
        wrapped = re.match(r"[ \t]*\n[\s|]*(\d+)\s*,", region[m.end() :])
        if wrapped:
            # "Chưa có = 0" / "0, 2 cấp = …": the legend's own figure went to the next line,
            # so the one after "=" is the value cell beside it.
            end = m.start(1)
            for i in range(m.end() + wrapped.start(1), m.end() + wrapped.end(1)):
                mask[i] = True
        elif owner is not None and canonical[owner] != int(m.group(1)):
            # A legend wrapped in its cell, the value cell beside it: "Chưa có = 2" / "0, 2 cấp = …".
            end = m.start(1)
        elif label:
            legend.setdefault(label, int(m.group(1)))
        for i in range(m.start(), end):
            mask[i] = True
    _mask_label(row, region, mask)
    if row.kind == TEXT:
        return _text_value(region, mask)
    number = _first_number(region, mask, row.kind)
    if number is not None or row.kind != FLAG:
        return number
    return _flag_word(region, mask, legend)


def _mask_label(row: Row, region: str, mask: list[bool]) -> None:
    """Mark the characters of the region that print the row's label (its digits too: "mức độ 3")."""
    k, where = key_with_map(region)
    label = row.label_key
    own = [False] * len(region)
    for a, b, size in blocks(label, k[: int(len(label) * 1.5) + 10]):
        if size < 2:
            continue
        for i in range(b, b + size):
            own[where[i]] = True
    # A number that only partly matched the label ("20" against "2015") is a value, not the label.
    label_numbers = set(re.findall(r"\d+", label))
    for m in re.finditer(r"\d+", region):
        if m.group(0) not in label_numbers:
            for i in range(m.start(), m.end()):
                own[i] = False
    for i, flag in enumerate(own):
        mask[i] = mask[i] or flag


def _first_number(region: str, mask: list[bool], kind: str):
    """Return the first unmasked number that ends its line (a value cell), as int or float."""
    for m in _NUMBER.finditer(region):
        if any(mask[m.start() : m.end()]):
            continue
        end = region.find("\n", m.end())
        rest = "".join(ch for i, ch in enumerate(region[m.end() : None if end < 0 else end], m.end()) if not mask[i])
        if not re.fullmatch(r"[\s|.;:)]*", rest):
            continue
        return _number(m.group(1), kind, bool(m.group(2)))
    return None


def _number(text: str, kind: str, percent: bool):
    """Parse "602", "97,5", "1.234" (thousands) or "97.5" for the row's kind."""
    if "," in text and "." in text:
        text = text.replace(".", "").replace(",", ".")
    elif "," in text:
        text = text.replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text) and kind == COUNT:
        text = text.replace(".", "")
    try:
        value = float(text)
    except ValueError:
        return None
    if kind == PERCENT or percent or not value.is_integer():
        return value
    return int(value)


def _flag_word(region: str, mask: list[bool], legend: dict[str, int]):
    """Map a flag printed as a word ("Có", "Đã kết nối") through the row's legend; None if unclear."""
    residual = fold("".join(" " if mask[i] else ch for i, ch in enumerate(region)))
    residual = " " + re.sub(r"[^a-z0-9 ]", " ", residual) + " "
    hits = set()
    for label in sorted(legend, key=len, reverse=True):
        word = " " + re.sub(r"[^a-z0-9 ]", " ", label).strip() + " "
        word = re.sub(r"\s+", " ", word)
        if len(word.strip()) >= 2 and re.search(re.escape(word).replace(r"\ ", r"\s+"), residual):
            hits.add(legend[label])
            residual = re.sub(re.escape(word).replace(r"\ ", r"\s+"), " ", residual)
    return hits.pop() if len(hits) == 1 else None


def _text_value(region: str, mask: list[bool]):
    """Return a text row's value: the decision "252/QĐ-UBND ngày 30/12/2022" when printed, else the text."""
    kept = "".join(" " if mask[i] and ch != "\n" else ch for i, ch in enumerate(region))
    # A line ending in a hyphen continues the same word ("252/QĐ-" / "UBND").
    joined = re.sub(r"-\s*\n\s*", "-", kept)
    joined = " ".join(part.strip() for part in joined.replace("|", " ").split())
    m = _DECISION.search(joined)
    if m:
        number, day = (re.sub(r"\s+", "", part) for part in m.groups())
        return f"{number} ngày {day}"
    return joined or None
