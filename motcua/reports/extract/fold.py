"""Fold Vietnamese text for tolerant matching: no diacritics, đ → d, lowercase, letters and digits only."""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache

_STROKED = str.maketrans({"đ": "d", "Đ": "d"})


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    """Return one character folded: "Ồ" → "o", "đ" → "d"."""
    decomposed = unicodedata.normalize("NFD", ch.translate(_STROKED))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def fold(text: str) -> str:
    """Return `text` folded with runs of whitespace collapsed: "Đăng  ký" → "dang ky"."""
    return re.sub(r"\s+", " ", "".join(fold_char(ch) for ch in text)).strip()


def key_with_map(text: str) -> tuple[str, list[int]]:
    """Return the folded letters and digits of `text` and, for each, its index in `text`.

    Spaces and punctuation go: the damaged text splits words where a letter
    dropped out ("gi a" for "giữa"), so only the letters in order are compared.
    """
    chars, where = [], []
    for index, ch in enumerate(text):
        for c in fold_char(ch):
            if c.isascii() and c.isalnum():
                chars.append(c)
                where.append(index)
    return "".join(chars), where


def key(text: str) -> str:
    """Return only the folded letters and digits of `text`."""
    return key_with_map(text)[0]


def blocks(label: str, text: str) -> list[tuple[int, int, int]]:
    """Return the matching blocks (label index, text index, size) of a label inside a text, in order."""
    matcher = SequenceMatcher(None, label, text, autojunk=False)
    return [(b.a, b.b, b.size) for b in matcher.get_matching_blocks() if b.size]


def coverage(label: str, text: str) -> float:
    """Return how much of `label` appears, in order, in `text`, tolerant to letters missing from `text`.

    Runs of two or more letters count fully and lone letters half: a lone
    shared letter is as likely chance as a damaged word.
    """
    if not label:
        return 0.0
    found = blocks(label, text)
    score = sum(size if size >= 2 else 0.5 for _, _, size in found)
    return min(1.0, score / len(label))
