"""Template filters of the report, reading and register pages in the page's language.

`period.title` is the Vietnamese name the official documents print ("quý II
năm 2023"); the pages show `period|period_name`, the same name through the
translation catalog, so the documents never change with the page language.
"""

from __future__ import annotations

import re

from django import template
from django.utils.translation import gettext

register = template.Library()

_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}
_LABEL = re.compile(r"^(?P<year>\d{4})(?:-(?P<part>Q[1-4]|H1|H2|9M))?$")


def period_name(period) -> str:
    """Return a period's name in the active language (Vietnamese: exactly `period.title`)."""
    if period is None:
        return ""
    m = _LABEL.match(getattr(period, "label", "") or "")
    if not m:
        return gettext("từ ngày %(start)s đến ngày %(end)s") % {
            "start": f"{period.start:%d/%m/%Y}", "end": f"{period.end:%d/%m/%Y}",
        }
    year, part = m["year"], m["part"]
    if part is None:
        return gettext("năm %(year)s") % {"year": year}
    if part.startswith("Q"):
        return gettext("quý %(quarter)s năm %(year)s") % {
            "quarter": _ROMAN[part[1]], "number": part[1], "year": year,
        }
    if part == "H1":
        return gettext("6 tháng đầu năm %(year)s") % {"year": year}
    if part == "H2":
        return gettext("6 tháng cuối năm %(year)s") % {"year": year}
    return gettext("9 tháng năm %(year)s") % {"year": year}


register.filter("period_name", period_name)


@register.filter
def translated(text) -> str:
    """Return a stored Vietnamese text (a choice label, a register title) through the catalog."""
    return gettext(str(text)) if text not in (None, "") else ""
