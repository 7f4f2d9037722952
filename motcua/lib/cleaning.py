"""Control, bidi-override and zero-width characters in text people type: one rule for every input, pure code.

A name with U+0001 breaks every XLSX export (XML cannot hold it); one with
U+202E (right-to-left override) shows on screen as another name; zero-width
characters make two equal-looking names differ. The rule, the same at the web
forms, the API, the JSONL loads and the imports:

- zero-width characters (U+200B–U+200D, U+2060, U+FEFF) are removed silently:
  they come from copy-and-paste and carry nothing;
- C0/C1 control characters and bidi overrides, embeddings, isolates and marks
  are refused with a message naming the character: the input is wrong, and
  guessing what was meant would change official data;
- tab and line breaks are allowed only in multi-line fields (notes, reasons).

Exports use `printable` instead, which drops what the rule refuses: rows
stored before the rule existed must not break a download.
"""

from __future__ import annotations

import re

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
# LRM, RLM, ALM; embeddings and overrides LRE..RLO (U+202A–U+202E); isolates LRI..PDI (U+2066–U+2069).
BIDI = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_ZERO_WIDTH_RE = re.compile(f"[{ZERO_WIDTH}]")
_MULTILINE_OK = "\t\n\r"
# C0 controls, DEL and C1 controls, then the bidi characters.
_UNSAFE_RE = re.compile(f"[\x00-\x1f\x7f-\x9f{BIDI}]")
_UNSAFE_MULTILINE_RE = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{BIDI}]")


BIDI_KIND, LINE_KIND, CONTROL_KIND, ZERO_WIDTH_KIND = "bidi", "line", "control", "zero-width"
_WORDS = {
    BIDI_KIND: "ký tự điều khiển hướng chữ",
    LINE_KIND: "ký tự xuống dòng hoặc tab",
    CONTROL_KIND: "ký tự điều khiển",
    ZERO_WIDTH_KIND: "ký tự vô hình",
}


class UnsafeText(ValueError):
    """The text holds a character the rule refuses; the message (Vietnamese) names it, `char` is the character."""

    def __init__(self, char: str):
        self.char = char
        self.kind = kind(char)
        super().__init__(f"chứa {_WORDS[self.kind]} ({code_point(char)}), không được phép")


def kind(ch: str) -> str:
    """Return which of the refused families `ch` belongs to."""
    if ch in BIDI:
        return BIDI_KIND
    if ch in ZERO_WIDTH:
        return ZERO_WIDTH_KIND
    return LINE_KIND if ch in _MULTILINE_OK else CONTROL_KIND


def code_point(ch: str) -> str:
    return f"U+{ord(ch):04X}"


def unsafe_char(text: str, multiline: bool = False, zero_width_ok: bool = True) -> str | None:
    """Return the first character of `text` the rule refuses, None when there is none."""
    found = (_UNSAFE_MULTILINE_RE if multiline else _UNSAFE_RE).search(text)
    if found is None and not zero_width_ok:
        found = _ZERO_WIDTH_RE.search(text)
    return found.group() if found else None


def problem(text: str, multiline: bool = False, zero_width_ok: bool = True) -> str | None:
    """Return why `text` is refused (Vietnamese), None when it is acceptable.

    Loads pass zero_width_ok=False: a loaded line is kept byte for byte, so it
    is refused rather than changed.
    """
    ch = unsafe_char(text, multiline, zero_width_ok)
    return str(UnsafeText(ch)) if ch else None


def clean_text(text: str, multiline: bool = False) -> str:
    """Return `text` without zero-width characters; raise UnsafeText for controls and bidi characters."""
    text = _ZERO_WIDTH_RE.sub("", text)
    ch = unsafe_char(text, multiline)
    if ch:
        raise UnsafeText(ch)
    return text


def printable(text: str) -> str:
    """Return `text` with every character the rule refuses or strips removed (tab and line breaks kept)."""
    return _UNSAFE_MULTILINE_RE.sub("", _ZERO_WIDTH_RE.sub("", text))
