"""Intake helpers: the procedures a unit may receive, accent-insensitive search, the expected due time."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from motcua.catalog.models import DurationUnit, Procedure
from motcua.dossiers.codes import local_day
from motcua.lib.text import fold_vietnamese, matches_all, search_terms
from motcua.workdays.service import due_for_unit

SEARCH_LIMIT = 12


def procedures_for_unit(unit, day: dt.date | None = None) -> QuerySet:
    """Return the procedures in force on `day` that apply at `unit` (listing it, or listing no unit)."""
    day = day or local_day(timezone.now())
    return (
        Procedure.objects.filter(Q(units=unit) | Q(units__isnull=True))
        .filter(Q(announced_on__isnull=True) | Q(announced_on__lte=day))
        .filter(Q(abolished_on__isnull=True) | Q(abolished_on__gt=day))
        .distinct()
    )


def search_procedures(unit, query: str, limit: int = SEARCH_LIMIT) -> list[Procedure]:
    """Return the unit's procedures whose name or code holds every word of `query`, diacritics ignored."""
    terms = search_terms(query or "")
    if not terms:
        return []
    candidates = procedures_for_unit(unit).select_related("field").order_by("name", "code")
    # A unit applies at most a few hundred procedures: folding them in Python
    # is exact on both databases, where SQL has no accent-insensitive match.
    found = [p for p in candidates if matches_all(terms, p.name, p.code)]
    # The closest names first: the query as a phrase early in a short name
    # ("Thủ tục đăng ký khai sinh" before "Liên thông … đăng ký khai sinh, …").
    phrase = " ".join(terms)

    def rank(p):
        position = fold_vietnamese(p.name).find(phrase)
        return (position < 0, position, len(p.name), p.name)

    found.sort(key=rank)
    return found[:limit]


# The committed duration in words; a value of 1 has its own message (English needs the singular).
_DURATIONS = {
    DurationUnit.WORKING_DAY: ("1 ngày làm việc", "%(n)s ngày làm việc"),
    DurationUnit.WORKING_HOUR: ("1 giờ làm việc", "%(n)s giờ làm việc"),
    DurationUnit.CALENDAR_DAY: ("1 ngày", "%(n)s ngày"),
}


def duration_text(value, unit) -> str:
    """Write a duration of the catalog in the active language: "3 ngày làm việc", "trong ngày"."""
    if unit == DurationUnit.SAME_DAY:
        return gettext("trong ngày")
    if unit not in _DURATIONS:
        return ""
    one, many = _DURATIONS[unit]
    return gettext(one) if str(value) == "1" else gettext(many) % {"n": value}


def duration_label(procedure) -> str:
    """Write the committed duration: "3 ngày làm việc", "trong ngày"."""
    value, unit = procedure.committed_duration
    if unit == DurationUnit.SAME_DAY:
        return duration_text(value, unit)
    if value is None or not unit:
        return gettext("chưa có thời hạn")
    return duration_text(value, unit)


def expected_due(unit, procedure, at: dt.datetime | None = None) -> dt.datetime | None:
    """Return the due time a dossier received now would get, or None when the procedure has no duration."""
    value, duration_unit = procedure.committed_duration
    if not duration_unit or (value is None and duration_unit != DurationUnit.SAME_DAY):
        return None
    return due_for_unit(unit, at or timezone.now(), value, duration_unit)
