"""Query builders over dossiers that the desk pages and the API share: overdue, search, local days, pure queries."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from motcua.dossiers.models import OPEN_STATUSES, Status, Supplement
from motcua.dossiers.timeliness import LOCAL_TZ
from motcua.lib.text import accent_insensitive_pattern, search_terms

# The clock runs in these open statuses; awaiting papers it is stopped.
RUNNING_STATUSES = frozenset(OPEN_STATUSES - {Status.AWAITING_SUPPLEMENT})


def day_start(day: dt.date) -> dt.datetime:
    """Return the first instant of a Việt Nam calendar day."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=LOCAL_TZ)


def received_between_q(first: dt.date | None, last: dt.date | None) -> Q:
    """Match dossiers received from the local day `first` through the local day `last`, both included (None: open)."""
    query = Q()
    if first:
        query &= Q(received_at__gte=day_start(first))
    if last:
        query &= Q(received_at__lt=day_start(last + dt.timedelta(days=1)))
    return query


def overdue_q(now: dt.datetime) -> Q:
    """Match open dossiers past their due time; waiting for papers since before it stops the clock.

    The same rule as api.serialize.is_overdue and the desk's timing class.
    """
    paused_in_time = Exists(
        Supplement.objects.filter(dossier=OuterRef("pk"), received_at__isnull=True, requested_at__lt=OuterRef("due_at"))
    )
    return Q(status__in=OPEN_STATUSES, due_at__lt=now) & ~(Q(status=Status.AWAITING_SUPPLEMENT) & Q(paused_in_time))


def search_q(text: str, *, id_number: bool = False) -> Q:
    """Match a dossier code, or every word of the applicant's name whatever its diacritics.

    With `id_number`, the applicant's ID number (exactly) matches too.
    """
    query = Q(code__icontains=text)
    if id_number:
        query |= Q(applicant_id_number=text)
    terms = search_terms(text)
    if terms:
        # Neither SQLite nor PostgreSQL (without unaccent) folds diacritics:
        # a regular expression of every variant of each letter does, on both.
        name = Q()
        for term in terms[:8]:
            name &= Q(applicant_name__regex=accent_insensitive_pattern(term))
        query |= name
    return query


def open_supplement_since() -> Subquery:
    """The request time of a dossier's latest unanswered supplement request (None: none open), to annotate with."""
    return Subquery(
        Supplement.objects.filter(dossier=OuterRef("pk"), received_at__isnull=True)
        .order_by("-requested_at", "-id")
        .values("requested_at")[:1]
    )


def ordered(dossiers: QuerySet, ordering: str) -> QuerySet:
    """Order dossiers by `ordering`, ties broken by code (by pk when ordering by code), so pages are stable."""
    return dossiers.order_by(ordering, "pk" if ordering.lstrip("-") == "code" else "code")
