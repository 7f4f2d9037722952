"""How personal data is shown on public pages: the one masking rule for names, ID numbers and phones."""

from __future__ import annotations

import re
import unicodedata

from motcua.lib.cccd import mask_id_number

_DIGITS = re.compile(r"\D")


def mask_name(name: str | None) -> str:
    """Mask a person's name: keep the family name and the first letter of every other word.

    "Nguyễn Văn An" → "Nguyễn V** A*"; a one-word name keeps only its first
    letter ("Lan" → "L**"), since showing it whole would show the whole name.
    """
    # NFC: a letter typed as base + combining accent counts as one letter.
    words = unicodedata.normalize("NFC", str(name or "")).split()
    if not words:
        return ""
    if len(words) == 1:
        return _initial(words[0])
    return " ".join([words[0], *(_initial(word) for word in words[1:])])


def _initial(word: str) -> str:
    return word[0] + "*" * (len(word) - 1)


def mask_id_tail(number: str | None, visible: int = 4) -> str:
    """Hide all but the last `visible` digits of an identity number: "038090001234" → "********1234"."""
    return mask_id_number(_DIGITS.sub("", str(number or "")), visible)


def mask_phone_tail(phone: str | None, visible: int = 3) -> str:
    """Hide all but the last `visible` digits of a phone number: "0912345890" → "*******890"."""
    return mask_id_tail(phone, visible)


def last_digits(value: str | None, count: int = 4) -> str:
    """Return the last `count` digits of a phone or ID number (fewer when it has fewer), ignoring spaces and dots."""
    digits = _DIGITS.sub("", str(value or ""))
    return digits[-count:] if len(digits) >= count else ""
