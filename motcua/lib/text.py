"""Vietnamese text helpers for search: diacritic folding and accent-insensitive patterns, pure code."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# đ/Đ are letters of their own, not d with a combining mark: NFD keeps them whole.
_STROKED = str.maketrans({"đ": "d", "Đ": "d"})


def fold_vietnamese(text: str) -> str:
    """Return `text` without diacritics (đ → d), lowercased: "Đăng ký" → "dang ky"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_STROKED))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).lower()


def search_terms(query: str) -> list[str]:
    """Split a search query into folded words."""
    return fold_vietnamese(query).split()


def matches_all(terms: list[str], *texts: str) -> bool:
    """Tell whether every folded term occurs in the folded texts."""
    haystack = " ".join(fold_vietnamese(t) for t in texts if t)
    return all(term in haystack for term in terms)


@lru_cache(maxsize=1)
def _variants() -> dict[str, str]:
    """Map each ASCII letter to every Latin letter that folds to it, both cases."""
    variants: dict[str, set[str]] = {}
    # Latin-1 Supplement, Latin Extended-A/B and Latin Extended Additional hold every Vietnamese letter.
    ranges = [(0x41, 0x5A), (0x61, 0x7A), (0xC0, 0x24F), (0x1E00, 0x1EFF)]
    for first, last in ranges:
        for point in range(first, last + 1):
            ch = chr(point)
            folded = fold_vietnamese(ch)
            if len(folded) == 1 and "a" <= folded <= "z":
                # Some upper cases are two code points (ẙ → Y + ring): a class holds single ones.
                cased = {c for c in (ch, ch.lower(), ch.upper()) if len(c) == 1}
                variants.setdefault(folded, set()).update(cased)
    return {base: "".join(sorted(chars)) for base, chars in variants.items()}


def accent_insensitive_pattern(term: str) -> str:
    """Return a regular expression matching `term` whatever its diacritics and case.

    "nguyen" → "[NnÑñ…][GgĜĝ…][UuÙù…Ưư…]…": usable by Python's re (SQLite's
    REGEXP in Django) and by PostgreSQL's ~ operator, which have no
    accent-insensitive comparison without extensions. The text searched must
    be NFC-normalised (precomposed), as the API stores it.
    """
    variants = _variants()
    parts = []
    for ch in fold_vietnamese(term):
        if ch in variants:
            parts.append(f"[{variants[ch]}]")
        else:
            parts.append(re.escape(ch))
    return "".join(parts)
