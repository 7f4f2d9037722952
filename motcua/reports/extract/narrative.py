"""C10: the figures the narrative states must agree with the table (received, on time, surveys, ratings).

The narrative is read on a consonant skeleton of the folded text: PDF text
layers drop letters with diacritics and "đ" ("hồ s ", "chỉ  ạo"), so vowels and
"d" are removed from both the text and the patterns, and figures stay as
separate tokens.
"""

from __future__ import annotations

import re

from motcua.reports.checks import ERROR, breach, number, show
from motcua.reports.extract.fold import fold

_VOWELS_AND_D = re.compile(r"[aeiouyd]")


def skeleton(text: str) -> str:
    """Return the folded consonant skeleton of `text`, figures kept apart: "tiếp nhận 602 hồ sơ" → "tpnhn 602 hs"."""
    out = []
    for token in re.findall(r"[a-z]+|\d+(?:[.,]\d+)?|[/%:]", fold(text)):
        if token[0].isdigit() or token in "/%:":
            out.append(f" {token} ")
        else:
            out.append(_VOWELS_AND_D.sub("", token))
    return re.sub(r"\s+", " ", "".join(out)).strip()


# (what, skeleton pattern with the figure as group 1, table rows whose sum it states)
_STATEMENTS = [
    ("tiếp nhận {} hồ sơ", r"tpnhn (\d+) hs", ["3.3.1"]),
    ("tiếp nhận trực tiếp {} hồ sơ", r"tpnhntrctp (\d+) hs", ["3.3.1.a"]),
    ("tiếp nhận qua mạng {} hồ sơ", r"(?:q|tpnhnq)mng (\d+) hs", ["3.3.1.c", "3.3.1.d"]),
    ("tiếp nhận trực tuyến mức độ 3: {} hồ sơ", r"mc 3 :? ?(\d+) hs", ["3.3.1.c"]),
    ("tiếp nhận trực tuyến mức độ 4: {} hồ sơ", r"mc 4 :? ?(\d+) hs", ["3.3.1.d"]),
    ("giải quyết đúng hạn {} hồ sơ", r"ngh[n] (\d+) hs", ["3.3.2"]),
]
# Survey responses and ratings the narrative counts; 1.4.1 counts every channel, so it is at least each.
# (what, pattern, whether the figure counts only in a sentence about rating or surveying)
_SURVEYS = [
    ("{} phiếu khảo sát", r"(\d+) phkhst", False),
    ("{} phiếu đánh giá", r"(\d+) phnhg", False),
    # "38 lượt người" counts people who rated only where the sentence is about rating ("đánh giá
    # trên dịch vụ công … được 38 lượt người"); "150 lượt người tham dự" a dialogue is attendance.
    ("{} lượt người đánh giá", r"(\d+) ltng", True),
]
# "đánh giá", "khảo sát", "hài lòng" on the skeleton.
_RATING_WORDS = re.compile(r"nhg|khst|hlng")
_SENTENCE_END = re.compile(r"[.;!?](?=\s|$)")


def check_c10(narrative: str, values) -> list[dict]:
    """Return a breach for every figure of the narrative that contradicts the table."""
    text = skeleton(narrative)
    found = []
    for what, pattern, rows in _STATEMENTS:
        m = re.search(pattern, text)
        table = [number(values.get(code)) for code in rows]
        if not m or any(n is None for n in table):
            continue
        stated = int(m.group(1))
        if stated != sum(table):
            names = " + ".join(rows)
            message = f"phần thuyết minh nêu {what.format(stated)} nhưng {names} = {show(sum(table))}"
            found.append(breach("C10", rows, values, message, ERROR))
    responses = number(values.get("1.4.1"))
    sentences = [skeleton(part) for part in _SENTENCE_END.split(narrative)]
    stated = [
        (what.format(m.group(1)), int(m.group(1)))
        for what, pattern, rating_only in _SURVEYS
        for sentence in sentences
        if not rating_only or _RATING_WORDS.search(sentence)
        for m in re.finditer(pattern, sentence)
    ]
    if responses is not None and stated and max(n for _, n in stated) > responses:
        said = ", ".join(dict.fromkeys(what for what, _ in stated))
        message = f"1.4.1 = {show(responses)} nhưng phần thuyết minh nêu {said}"
        found.append(breach("C10", ["1.4.1"], values, message, ERROR))
    return found
