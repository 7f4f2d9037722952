"""Read the core figures a report's prose states: "đã tiếp nhận 2.265 hồ sơ, trong đó trực tuyến 1.530 hồ sơ …".

The text is cut into sentences (lines a PDF wrapped are joined again; a list
line, a heading or a colon line stands alone). For each number the words since
the number before it say what it counts: the last *base* ("tiếp nhận", "đã giải
quyết", "đang giải quyết") and *qualifier* ("trước hạn", "trực tuyến", "tồn kỳ
trước chuyển sang"), a qualifier alone borrowing the sentence's base
("…, trong đó trước hạn 500"). A *blocker* nearby (a field, a level of online
service, a comparison, a target) or another unit after the number ("người",
"phiếu") means it is no core figure; a hedge right before it ("hơn", "gần",
"khoảng") makes it approximate. Who the figure is about comes from the part
markers before it in the sentence or the heading above ("cấp xã", "Trung tâm
Phục vụ hành chính công", "xã Hoằng Lưu" when that is not the reporting unit).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from motcua.reports.extract import vocabulary as v
from motcua.reports.extract.fold import fold
from motcua.reports.extract.numbers import Number, find_numbers, fold_keep

_BULLET = re.compile(r"^\s*(?:[-+•*–—·]|\d+\)|[a-zđ]\))\s*")
_HEADING = re.compile(r"^\s*(?:[IVX]+|\d+(?:\.\d+){0,3}|[a-zđ])[.)]\s+\S")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=\S)")
_TABLE_LINE = re.compile(r"\|.*\||\t.*\t")

# (phrase, label): the sentence speaks of a part of the unit from here on; a None label is the whole unit again.
_MARKERS = [
    ("cấp xã", "cấp xã"), ("các xã", "cấp xã"), ("các xã, phường", "cấp xã"), ("các xã, thị trấn", "cấp xã"),
    ("các phường", "cấp xã"), ("xã, phường, thị trấn", "cấp xã"), ("ubnd các xã", "cấp xã"), ("cấp phường", "cấp xã"),
    ("cấp huyện", "cấp huyện"), ("cấp thị xã", "cấp huyện"), ("cấp quận", "cấp huyện"),
    ("cấp thành phố", "cấp huyện"), ("cấp tỉnh", "cấp tỉnh"), ("cấp sở", "cấp tỉnh"),
    ("các sở, ban, ngành", "các sở, ban, ngành"), ("các sở, ngành", "các sở, ban, ngành"),
    ("trung tâm phục vụ hành chính công", "Trung tâm Phục vụ hành chính công"),
    ("trung tâm hành chính công", "Trung tâm Phục vụ hành chính công"),
    ("bộ phận (một cửa|tiếp nhận và trả kết quả)( cấp)? (huyện|thành phố|thị xã|quận|tỉnh)", "="),
    ("toàn (huyện|tỉnh|thành phố|thị xã|quận|xã|phường|thị trấn|đơn vị)", None),
    ("trên (toàn )?địa bàn( (huyện|tỉnh|thành phố|thị xã|quận|xã|phường))?", None), ("chung toàn", None), ("tổng cộng chung", None),
    # One part "and" another ("Bộ phận Một cửa thị xã và 7 xã, phường", "cấp huyện và cấp xã") is the whole unit.
    (r"và (ubnd )?(các |\d+ |cấp )?(xã|phường|thị trấn|huyện|tỉnh)", "+"),
]
_MARKER_PATTERNS = [(v.pattern(phrase), label) for phrase, label in _MARKERS]
_NAMED = re.compile(r"(?<![\w])(xã|phường|thị trấn|Xã|Phường|Thị trấn|XÃ|PHƯỜNG|THỊ TRẤN)\s+((?:[^\s,.;:()]+\s?){1,4})")


@dataclass
class Sentence:
    text: str
    folded: str
    heading: bool = False
    bullet: bool = False
    block: int = 0


@dataclass
class Found:
    figure: str
    value: float | int
    sentence: str
    part: str | None = None
    approximate: bool = False
    as_written: str = ""
    plain: bool = False  # "tiếp nhận N hồ sơ": the total, or the new ones where the report says so elsewhere


@dataclass
class _State:
    unit: str  # the reporting unit's folded name ("xa hoang luu"), "" when unknown
    scope: str | None = None  # the part a heading above names
    base: str | None = None  # the last base the sentence before spoke of
    last_figure: str | None = None
    early_seen: bool = False
    dossier_heading: bool = False  # the heading above speaks of dossiers ("Kết quả giải quyết hồ sơ:")
    found: list[Found] = field(default_factory=list)
    block: int = -1  # the paragraph of the sentence before
    last_base_used: str | None = None
    dossiers_recent: bool = False  # the sentence before spoke of dossiers (a list "trước hạn: 800" goes on from it)
    consumed_to: int = 0  # the words after a number that were read as its own ("… hồ sơ đã được tiếp nhận")


def sentences(text: str) -> list[Sentence]:
    """Cut prose into sentences: wrapped lines joined, headings, list lines and colon lines apart; table lines left out."""
    blocks: list[tuple[str, bool, bool]] = []  # (text, heading, bullet)
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not line or _TABLE_LINE.search(raw):
            continue
        heading, bullet = bool(_HEADING.match(line)), bool(_BULLET.match(line))
        if blocks and not heading and not bullet and _continues(blocks[-1], line):
            text_, h, b = blocks[-1]
            blocks[-1] = (f"{text_} {line}", h, b)
        else:
            blocks.append((line, heading, bullet))
    out = []
    for index, (text_, heading, bullet) in enumerate(blocks):
        for i, part in enumerate(_SENTENCE_END.split(text_)):
            out.append(Sentence(part, fold_keep(part), heading and i == 0, bullet and i == 0, index))
    return out


def _continues(previous: tuple[str, bool, bool], line: str) -> bool:
    """Tell a line a PDF wrapped out of the sentence before from one that starts anew."""
    before = previous[0]
    if re.search(r"[.;:!?]$", before):
        return False
    first = line[0]
    if first.isupper() or first.isdigit() and not re.search(r"[a-zà-ỹđ]$", before, re.IGNORECASE):
        # A capital after a short line (a heading, a list line) or after a figure starts anew.
        return not (previous[1] or len(before) < 60 or re.search(r"[\d%)]$", before))
    return True


def read_prose(text: str, unit_name: str | None) -> list[Found]:
    """Return every figure the prose states, in order, with the part it is about and whether it is hedged."""
    state = _State(unit=fold(unit_name or ""))
    for sentence in sentences(text):
        _read_sentence(sentence, state)
    return state.found


def _markers(sentence: Sentence, state: _State) -> list[tuple[int, str | None]]:
    """Return (offset, part label or None for the whole unit) for every part or unit the sentence names."""
    found = []
    for compiled, label in _MARKER_PATTERNS:
        # "=": the part is named as written ("Bộ phận Một cửa thành phố").
        for m in compiled.finditer(sentence.folded):
            if label == "+":
                # Placed at its end, so it outlasts the part it names ("… và cấp xã").
                found.append((m.end(), None))
            else:
                found.append((m.start(), sentence.text[m.start() : m.end()] if label == "=" else label))
    for m in _NAMED.finditer(sentence.text):
        before = sentence.folded[max(0, m.start() - 5) : m.start()]
        if re.search(r"(cap|cac)\s$", before):
            continue
        words = []
        for word in m.group(2).split():
            if not word[0].isupper():
                break
            words.append(word)
        if not words:
            continue
        name = " ".join(words)
        label = f"{m.group(1).capitalize()} {name.title() if name.isupper() else name}"
        found.append((m.start(), None if fold(label) == state.unit else label))
    return sorted(found, key=lambda item: item[0])


def _read_sentence(sentence: Sentence, state: _State) -> None:
    folded = sentence.folded
    numbers = find_numbers(folded)
    markers = _markers(sentence, state)
    if sentence.heading or (folded.rstrip().endswith(":") and not numbers):
        # A heading names who the lines below are about ("b) Cấp xã:"), or the whole unit again.
        state.scope = markers[-1][1] if markers else None
        state.base = None
        state.dossier_heading = bool(v.DOSSIER_WORDS.search(folded))
    colon_line = len(folded) < 90 and ":" in folded
    same_paragraph = sentence.block == state.block
    state.block = sentence.block
    inherit = sentence.bullet or colon_line or same_paragraph or bool(v.CONTINUES.match(folded.lstrip(" -+•*")))
    base_now = state.base if inherit else None
    state.last_figure = None if not inherit else state.last_figure
    state.dossiers_recent = bool(v.DOSSIER_WORDS.search(folded)) or (inherit and state.dossiers_recent)
    previous_end = state.consumed_to = 0
    for i, number in enumerate(numbers):
        previous_end = max(previous_end, min(state.consumed_to, number.start))
        window = folded[previous_end : number.start]
        following = numbers[i + 1].start if i + 1 < len(numbers) else len(folded)
        base = v.last_match(v.BASE_PATTERNS, window)
        if base:
            base_now = base[0]
        used = _read_number(sentence, number, window, previous_end, folded[number.end : following], base_now, markers, state)
        base_now = used or base_now
        previous_end = number.end
    if base_now:
        state.base = base_now


def _read_number(sentence, number: Number, window: str, offset: int, after: str, base_now, markers, state: _State) -> str | None:
    """Record the figure `number` states, if any; return the base it was read under."""
    base = v.last_match(v.BASE_PATTERNS, window)
    qualifier = v.last_match(v.QUALIFIER_PATTERNS, window)
    plain = False
    right, kind = _unit_after(after, number)
    if kind == "other":
        state.last_figure = None
        return
    stop = v.RIGHT_STOP.search(right)
    right = right[: stop.start()] if stop else right
    right = right[:60]
    right_at = number.end + len(after) - len(_unit_after(after, number)[0])
    right_qualifier = v.first_match(v.QUALIFIER_PATTERNS, right)
    # After the number: "65 hồ sơ đang giải quyết" always; "2.265 hồ sơ đã được tiếp nhận" where nothing came before.
    right_base = v.first_match({v.PENDING: v.BASE_PATTERNS[v.PENDING]}, right) or (
        None if base else v.first_match(v.BASE_PATTERNS, right))
    if right_qualifier or right_base:
        state.consumed_to = right_at + len(right)
    part_in_window = any(offset <= at < number.start for at, _ in markers)
    opened = sentence.folded.rfind("(", 0, number.start)
    if base and opened > sentence.folded.rfind(")", 0, number.start):
        # A breakdown in brackets of another figure ("đúng hạn 230 hồ sơ (tiếp nhận trực tiếp 128 …)").
        outer = v.last_match(v.BASE_PATTERNS, sentence.folded[:opened])
        if outer and outer[0] != base[0]:
            state.last_figure = None
            return
    start = min([m[1] for m in (base, qualifier) if m] or [len(window)])
    zone = window[max(0, start - 25) :]
    hedge = v.HEDGE_BEFORE.search(window)
    approximate = bool(hedge or v.HEDGE_AFTER.match(after))
    if kind == "bare" and v.PROCEDURE_WORDS.search(window) and not v.DOSSIER_WORDS.search(window):
        kind = "procedure"
    elif kind == "bare" and not (state.dossiers_recent or state.dossier_heading):
        # A bare number counts dossiers only where the sentence or its heading says so ("hoàn thành 3" tasks do not).
        state.last_figure = None
        return
    if kind != "procedure" and (v.BLOCKER_PATTERN.search(zone) or v.BLOCKER_PATTERN.search(right)):
        state.last_figure = None
        return
    if kind == "procedure":
        figure = _procedure_figure(window, right)
    elif number.percent:
        figure = _rate_figure(window, base, qualifier, right_qualifier, state)
    else:
        qual = right_qualifier or (qualifier[0] if qualifier else None)
        used_base = right_base or (base[0] if base else None)
        if used_base is None and (qual or part_in_window):
            used_base = base_now
        if used_base is None and qual is None:
            state.last_figure = None
            return
        figure = v.figure_of(used_base, qual)
        plain = figure == "received_total" and qual is None
        if figure is not None:
            state.last_base_used = used_base
    if figure is None:
        state.last_figure = None
        return
    if (not number.whole and not number.percent) or (number.percent and number.value > 100):
        return
    scope = state.scope
    for at, label in markers:
        if at < number.start:
            scope = label
    for at, label in markers:
        if number.end <= at < number.end + len(right):
            scope = label
    as_written = ""
    if approximate:
        begin = offset + hedge.start() if hedge else number.start
        end = number.end + (len(v.HEDGE_AFTER.match(after).group(0)) if not hedge else 0)
        as_written = sentence.text[begin:end].strip()
    found = Found(figure, number.value, sentence.text, scope, approximate, as_written)
    found.plain = kind != "procedure" and not number.percent and plain
    state.found.append(found)
    state.last_figure = figure
    return state.last_base_used if kind not in ("procedure", "percent") else None
    if figure == "resolved_early":
        state.early_seen = True


def _unit_after(after: str, number: Number) -> tuple[str, str]:
    """Return (the words after the number's unit, "dossier" | "procedure" | "other" | "bare" | "percent")."""
    if number.percent:
        return after, "percent"
    rest = after.lstrip(" ")
    for compiled, kind in ((v.DOSSIER_UNIT, "dossier"), (v.PROCEDURE_UNIT, "procedure"), (v.OTHER_UNIT, "other")):
        m = compiled.match(rest)
        if m:
            return rest[m.end() :], kind
    return rest, "bare"


def _procedure_figure(window: str, right: str) -> str | None:
    """Return the procedures figure: online full or partial as said right after the number, else before; the total."""
    if v.PROCEDURE_BLOCKERS.search(window):
        return None
    for text in (right, window):
        if v.PROCEDURE_FULL.search(text):
            return "procedures_online_full"
        if v.PROCEDURE_PARTIAL.search(text):
            return "procedures_online_partial"
    if v.PROCEDURE_TOTAL.search(window) and not v.DOSSIER_WORDS.search(window):
        return "procedures_total"
    return None


def _rate_figure(window: str, base, qualifier, right_qualifier, state: _State) -> str | None:
    """Return "on_time_rate_percent" for "tỷ lệ giải quyết đúng hạn đạt 99,6%" or "(đạt 99,6%)" after such a figure."""
    resolving = base is None or base[0] in (v.RESOLVE, v.BOTH)
    if right_qualifier in (v.ON_TIME, v.EARLY_OR_ON_TIME) and resolving:
        return "on_time_rate_percent"
    if qualifier and qualifier[0] in (v.ON_TIME, v.EARLY_OR_ON_TIME) and resolving:
        return "on_time_rate_percent"
    attached = not base and not qualifier and len(window.strip()) <= 30
    if attached and (v.RATE_WORDS.search(window) or window.strip() in ("", "(", "=", ",")):
        if state.last_figure == "resolved_early_or_on_time":
            return "on_time_rate_percent"
        if state.last_figure == "resolved_on_time" and not state.early_seen:
            return "on_time_rate_percent"
    return None
