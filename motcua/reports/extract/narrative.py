"""C10 on surveys and ratings: the forms and people the narrative counts are at most 1.4.1.

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


# Survey responses and ratings the narrative counts; 1.4.1 counts every channel, so it is at least each.
# (what, pattern, whether the figure counts only in a sentence about rating or surveying, statement's name)
_SURVEYS = [
    ("{} phiếu khảo sát", r"(\d+) phkhst", False, "survey_forms"),
    ("{} phiếu đánh giá", r"(\d+) phnhg", False, "rating_forms"),
    # "38 lượt người" counts people who rated only where the sentence is about rating ("đánh giá
    # trên dịch vụ công … được 38 lượt người"); "150 lượt người tham dự" a dialogue is attendance.
    ("{} lượt người đánh giá", r"(\d+) ltng", True, "ratings"),
]
# "đánh giá", "khảo sát", "hài lòng" on the skeleton.
_RATING_WORDS = re.compile(r"nhg|khst|hlng")
_SENTENCE_END = re.compile(r"[.;!?](?=\s|$)")


def survey_statements(narrative: str, values) -> tuple[list[dict], list[dict]]:
    """Return (statements, C10 breaches) for the survey forms and ratings the narrative counts.

    1.4.1 counts the responses of every channel, so it is at least each figure stated;
    one breach names them all.
    """
    responses = number(values.get("1.4.1"))
    sentences = [(part, skeleton(part)) for part in _SENTENCE_END.split(narrative)]
    stated = [
        (what.format(m.group(1)), int(m.group(1)), figure, " ".join(text.split()))
        for what, pattern, rating_only, figure in _SURVEYS
        for text, sentence in sentences
        if not rating_only or _RATING_WORDS.search(sentence)
        for m in re.finditer(pattern, sentence)
    ]
    listed = []
    for _, value, figure, text in stated:
        against = None
        if responses is not None:
            agrees = value <= responses
            against = {"source": "phụ lục 01b", "rows": ["1.4.1"], "value": int(responses), "agrees": agrees}
        listed.append({"text": text, "figure": figure, "value": value, "checked_against": against,
                       "part": None, "approximate": False})
    found = []
    if responses is not None and stated and max(n for _, n, _, _ in stated) > responses:
        said = ", ".join(dict.fromkeys(what for what, _, _, _ in stated))
        message = f"1.4.1 = {show(responses)} nhưng phần thuyết minh nêu {said}"
        found.append(breach("C10", ["1.4.1"], values, message, ERROR))
    return listed, found
