"""The officer's worklist: which dossiers a filter selects, scoped to the user's units, pure queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy as _

from motcua.accounts.scoping import scoped
from motcua.dossiers.codes import local_day
from motcua.dossiers.models import OPEN_STATUSES, Apology, Dossier, Status
from motcua.dossiers.queries import (
    RUNNING_STATUSES,
    day_start,
    open_supplement_since,
    ordered,
    overdue_q,
    received_between_q,
    search_q,
)
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


def due_today_q(now: dt.datetime) -> Q:
    """Match running dossiers still within time whose due time falls later today (local day)."""
    end = day_start(local_day(now) + dt.timedelta(days=1))
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


def apology_needed_q(user, now: dt.datetime) -> Q:
    """Match running dossiers without an apology due within one working day, or past due.

    The apology (Mẫu 04) goes out at least one working day before the due time
    (motcua.dossiers.actions.APOLOGY_NOTICE): from then on the dossier is flagged.
    """
    return Q(status__in=RUNNING_STATUSES, due_at__lte=soon_horizon(user, now)) & apology_missing_q()


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
    apology: str = ""  # "missing", "needed" or ""
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
    if filters.received_from or filters.received_to:
        dossiers = dossiers.filter(received_between_q(filters.received_from, filters.received_to))
    if filters.due == "overdue":
        dossiers = dossiers.filter(overdue_q(now))
    elif filters.due == "today":
        dossiers = dossiers.filter(due_today_q(now))
    elif filters.due == "soon":
        dossiers = dossiers.filter(due_soon_q(user, now))
    if filters.apology == "missing":
        dossiers = dossiers.filter(apology_missing_q())
    elif filters.apology == "needed":
        dossiers = dossiers.filter(apology_needed_q(user, now))
    sort = filters.sort if filters.sort in SORTS else DEFAULT_SORT
    return (
        ordered(dossiers, sort)
        .select_related("unit", "procedure", "assignee")
        .annotate(open_supplement_since=open_supplement_since())
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
        left = working_duration(calendar.working_time_between(now, dossier.due_at), calendar.day_length, brief=True)
        return Remaining(gettext("còn %(time)s") % {"time": left})
    late_by = working_duration(calendar.working_time_between(dossier.due_at, now), calendar.day_length, brief=True)
    late = Remaining(gettext("quá hạn %(time)s") % {"time": late_by})
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


_MINUTE = dt.timedelta(minutes=1)
# Where no calendar is at hand (the dossier page): the standard working day.
STANDARD_WORKING_DAY = dt.timedelta(hours=8)


def working_duration(delta: dt.timedelta, day_length: dt.timedelta = STANDARD_WORKING_DAY, *, brief: bool = False) -> str:
    """Write a working time in working days, hours and minutes: "1 ngày 2 giờ 30 phút", "0 phút".

    `brief` (the worklist's column) leaves the minutes out beside days and says "dưới 1 phút" for nothing:
    "2 ngày 3 giờ", "45 phút".
    """
    minutes = max(int(delta // _MINUTE), 0)
    day_minutes = max(int(day_length // _MINUTE), 1)
    days, rest = divmod(minutes, day_minutes)
    hours, mins = divmod(rest, 60)
    parts = []
    if days:
        parts.append(amount(days, "day"))
    if hours:
        parts.append(amount(hours, "hour"))
    if mins and not (brief and days):
        parts.append(amount(mins, "minute"))
    if parts:
        return " ".join(parts)
    return gettext("dưới 1 phút") if brief else amount(0, "minute")
