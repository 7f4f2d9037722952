"""The officer's worklist: which dossiers a filter selects, scoped to the user's units, pure queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy as _

from motcua.accounts.scoping import scoped
from motcua.dossiers.models import OPEN_STATUSES, Apology, Dossier, Status, Supplement
from motcua.dossiers.timeliness import LOCAL_TZ
from motcua.lib.text import accent_insensitive_pattern, search_terms
from motcua.workdays.service import calendar_for_unit

PAGE_SIZE = 50
# "Due soon": within one working day (8 working hours) of the officer's unit calendar.
SOON_WORKING_HOURS = 8

SORTS = {
    "-received_at": _("Mới tiếp nhận trước"),
    "received_at": _("Tiếp nhận sớm nhất trước"),
    "due_at": _("Hạn gần nhất trước"),
    "-due_at": _("Hạn xa nhất trước"),
    "code": _("Mã hồ sơ (tăng dần)"),
    "-code": _("Mã hồ sơ (giảm dần)"),
}
DEFAULT_SORT = "-received_at"


def day_start(day: dt.date) -> dt.datetime:
    """Return the first instant of a Việt Nam calendar day."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=LOCAL_TZ)


def local_today(now: dt.datetime) -> dt.date:
    return now.astimezone(LOCAL_TZ).date()


def overdue_q(now: dt.datetime) -> Q:
    """Match open dossiers past their due time; waiting for papers since before it stops the clock."""
    paused_in_time = Exists(
        Supplement.objects.filter(dossier=OuterRef("pk"), received_at__isnull=True, requested_at__lt=OuterRef("due_at"))
    )
    return Q(status__in=OPEN_STATUSES, due_at__lt=now) & ~(Q(status=Status.AWAITING_SUPPLEMENT) & Q(paused_in_time))


# The clock runs in these open statuses; awaiting papers it is stopped.
RUNNING_STATUSES = frozenset(OPEN_STATUSES - {Status.AWAITING_SUPPLEMENT})


def due_today_q(now: dt.datetime) -> Q:
    """Match running dossiers still within time whose due time falls later today (local day)."""
    end = day_start(local_today(now) + dt.timedelta(days=1))
    return Q(status__in=RUNNING_STATUSES, due_at__gte=now, due_at__lt=end)


def soon_horizon(user, now: dt.datetime) -> dt.datetime:
    """Return the end of "due soon": one working day ahead on the user's unit calendar."""
    if user.unit_id is None:
        return now + dt.timedelta(days=1)
    return calendar_for_unit(user.unit).due(now, dt.timedelta(hours=SOON_WORKING_HOURS))


def due_soon_q(user, now: dt.datetime) -> Q:
    """Match running dossiers still within time and due within one working day."""
    return Q(status__in=RUNNING_STATUSES, due_at__gte=now, due_at__lte=soon_horizon(user, now))


def apology_missing_q() -> Q:
    """Match dossiers that have no apology yet."""
    return ~Q(Exists(Apology.objects.filter(dossier=OuterRef("pk"))))


def search_q(text: str) -> Q:
    """Match a dossier code, or every word of the applicant's name whatever its diacritics."""
    query = Q(code__icontains=text)
    terms = search_terms(text)
    if terms:
        # Neither SQLite nor PostgreSQL (without unaccent) folds diacritics:
        # a regular expression of every variant of each letter does, on both.
        name = Q()
        for term in terms[:8]:
            name &= Q(applicant_name__regex=accent_insensitive_pattern(term))
        query |= name
    return query


@dataclass
class Filters:
    """The cleaned filters of a worklist request (see forms.WorklistFilterForm)."""

    q: str = ""
    statuses: tuple[str, ...] = ()
    procedure: object = None  # catalog.Procedure
    field: object = None  # catalog.Field
    channel: str = ""
    assignee: str = ""  # "me", "none" or ""
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    due: str = ""  # "overdue", "today", "soon" or ""
    unit: object = None  # units.Unit, already checked to be visible
    apology: str = ""  # "missing" or ""
    sort: str = DEFAULT_SORT


def select_dossiers(user, filters: Filters, now: dt.datetime | None = None) -> QuerySet:
    """Return the user's dossiers matching the filters, ordered, with what the table shows."""
    now = now or timezone.now()
    dossiers = scoped(Dossier.objects.all(), user)
    if filters.unit is not None:
        dossiers = dossiers.filter(unit__path__startswith=filters.unit.path)
    if filters.q:
        dossiers = dossiers.filter(search_q(filters.q))
    if filters.statuses:
        dossiers = dossiers.filter(status__in=filters.statuses)
    if filters.procedure is not None:
        dossiers = dossiers.filter(procedure=filters.procedure)
    if filters.field is not None:
        dossiers = dossiers.filter(procedure__field=filters.field)
    if filters.channel:
        dossiers = dossiers.filter(channel=filters.channel)
    if filters.assignee == "me":
        dossiers = dossiers.filter(assignee=user)
    elif filters.assignee == "none":
        dossiers = dossiers.filter(assignee__isnull=True)
    if filters.received_from:
        dossiers = dossiers.filter(received_at__gte=day_start(filters.received_from))
    if filters.received_to:
        dossiers = dossiers.filter(received_at__lt=day_start(filters.received_to + dt.timedelta(days=1)))
    if filters.due == "overdue":
        dossiers = dossiers.filter(overdue_q(now))
    elif filters.due == "today":
        dossiers = dossiers.filter(due_today_q(now))
    elif filters.due == "soon":
        dossiers = dossiers.filter(due_soon_q(user, now))
    if filters.apology == "missing":
        dossiers = dossiers.filter(apology_missing_q())
    sort = filters.sort if filters.sort in SORTS else DEFAULT_SORT
    tie = "pk" if sort.lstrip("-") == "code" else "code"
    return (
        dossiers.order_by(sort, tie)
        .select_related("unit", "procedure", "assignee")
        .annotate(open_supplement_since=_open_supplement_since())
    )


def _open_supplement_since():
    return Subquery(
        Supplement.objects.filter(dossier=OuterRef("pk"), received_at__isnull=True)
        .order_by("-requested_at", "-id")
        .values("requested_at")[:1]
    )


class Remaining(str):
    """A remaining-time text that also tells whether it says the dossier is late (for its colour)."""

    late = False


def remaining_label(dossier, now: dt.datetime) -> str:
    """Say how much working time is left before the due time, or how late an open dossier is."""
    if dossier.status not in OPEN_STATUSES:
        return ""
    if dossier.status == Status.AWAITING_SUPPLEMENT:
        return Remaining(gettext("tạm dừng (chờ bổ sung)"))
    calendar = calendar_for_unit(dossier.unit)
    if dossier.due_at >= now:
        left = working_duration(calendar.working_time_between(now, dossier.due_at), calendar.day_length)
        return Remaining(gettext("còn %(time)s") % {"time": left})
    late = Remaining(
        gettext("quá hạn %(time)s") % {"time": working_duration(calendar.working_time_between(dossier.due_at, now), calendar.day_length)}
    )
    late.late = True
    return late


# Vietnamese does not inflect; English needs a singular, and motcua's catalogs have no plural forms.
_AMOUNTS = {
    "day": ("1 ngày", "%(n)s ngày"),
    "hour": ("1 giờ", "%(n)s giờ"),
    "minute": ("1 phút", "%(n)s phút"),
}


def amount(n, unit: str) -> str:
    """Write a number of days, hours or minutes in the active language: "1 ngày", "3 giờ" / "1 day", "3 hours"."""
    one, many = _AMOUNTS[unit]
    return gettext(one) if n == 1 else gettext(many) % {"n": n}


def working_duration(delta: dt.timedelta, day_length: dt.timedelta) -> str:
    """Write a working time in working days and hours: "2 ngày 3 giờ", "45 phút"."""
    minutes = int(delta.total_seconds() // 60)
    day_minutes = max(int(day_length.total_seconds() // 60), 1)
    days, rest = divmod(minutes, day_minutes)
    hours, mins = divmod(rest, 60)
    parts = []
    if days:
        parts.append(amount(days, "day"))
    if hours:
        parts.append(amount(hours, "hour"))
    if mins and not days:
        parts.append(amount(mins, "minute"))
    return " ".join(parts) or gettext("dưới 1 phút")
