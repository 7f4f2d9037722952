"""Helpers of the tests of pages in English: a page's visible text, and the Vietnamese words left in it."""

import html
import re

# Letters only Vietnamese uses: a page with none of them outside the data has no Vietnamese text left.
VIETNAMESE = re.compile(r"[^\s<>]*[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵĐ][^\s<>]*", re.I)
# Attribute values people read or hear: hints, labels of screen readers and of narrow tables, tooltips, confirmations.
_READ_ATTRIBUTES = re.compile(r'(?:placeholder|aria-label|data-label|title|hx-confirm)="([^"]*)"')


def text_of(response) -> str:
    """Return the page's visible text and attribute values, unescaped."""
    page = response.content.decode()
    page = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", page, flags=re.S)
    attrs = " ".join(m[1] for m in _READ_ATTRIBUTES.finditer(page))
    return html.unescape(re.sub(r"<[^>]+>", " ", page) + " " + attrs)


def vietnamese_finder(kept):
    """Return vietnamese_left(response, data=()): the Vietnamese words of a page once `kept` and the data are taken out."""

    def vietnamese_left(response, data=()) -> list[str]:
        text = text_of(response)
        for allowed in sorted([*kept, *data], key=len, reverse=True):
            text = text.replace(allowed, " ")
        return VIETNAMESE.findall(text)

    return vietnamese_left
