"""The figures of each role's home page: aggregate counts over the user's units, each with its worklist link."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _, pgettext

from motcua.accounts.models import Role
from motcua.accounts.scoping import scoped
from motcua.desk.worklist import apology_needed_q, due_today_q
from motcua.dossiers.codes import local_day
from motcua.dossiers.models import OPEN_STATUSES, Dossier, Status
from motcua.dossiers.queries import day_start, overdue_q
from motcua.units.models import Unit

WORKLIST = "/can-bo/ho-so/"
# "Recently returned": the last 7 days, today included.
RECENT_DAYS = 7


@dataclass
class Figure:
    key: str
    label: str
    count: int
    url: str
    tone: str = ""  # "late", "warn", "ok" or "": the badge colour of the card


def worklist_url(**params) -> str:
    """Return the worklist URL with these filters (lists give repeated parameters)."""
    return WORKLIST + ("?" + urlencode(params, doseq=True) if params else "")


def _dmy(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def desk_officer_figures(user, now: dt.datetime | None = None) -> list[Figure]:
    """Count the desk's day: received today, due today, overdue, awaiting papers, results to return, returned lately."""
    now = now or timezone.now()
    today = local_day(now)
    recent = today - dt.timedelta(days=RECENT_DAYS - 1)
    counts = scoped(Dossier.objects.all(), user).aggregate(
        received_today=Count("pk", filter=Q(received_at__gte=day_start(today))),
        due_today=Count("pk", filter=due_today_q(now)),
        overdue=Count("pk", filter=overdue_q(now)),
        awaiting_supplement=Count("pk", filter=Q(status=Status.AWAITING_SUPPLEMENT)),
        to_return=Count("pk", filter=Q(status__in=[Status.APPROVED, Status.REFUSED])),
        returned=Count("pk", filter=Q(status=Status.RETURNED, returned_at__gte=day_start(recent))),
    )
    return [
        Figure("received_today", _("Tiếp nhận hôm nay"), counts["received_today"], worklist_url(received_from=_dmy(today), received_to=_dmy(today))),
        Figure("due_today", _("Đến hạn hôm nay"), counts["due_today"], worklist_url(due="today", sort="due_at"), "warn"),
        Figure("overdue", pgettext("hạn", "Quá hạn"), counts["overdue"], worklist_url(due="overdue", sort="due_at"), "late"),
        Figure("awaiting_supplement", _("Chờ bổ sung hồ sơ"), counts["awaiting_supplement"], worklist_url(status=Status.AWAITING_SUPPLEMENT)),
        Figure("to_return", _("Có kết quả, chờ trả"), counts["to_return"], worklist_url(status=[Status.APPROVED, Status.REFUSED]), "ok"),
        Figure(
            "returned",
            _("Đã trả kết quả (%(days)s ngày qua)") % {"days": RECENT_DAYS},
            counts["returned"],
            worklist_url(status=Status.RETURNED),
        ),
    ]


def specialist_figures(user, now: dt.datetime | None = None) -> list[Figure]:
    """Count the specialist's own dossiers: assigned and open, due today, overdue."""
    now = now or timezone.now()
    mine = scoped(Dossier.objects.all(), user).filter(assignee=user)
    counts = mine.aggregate(
        assigned=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        due_today=Count("pk", filter=due_today_q(now)),
        overdue=Count("pk", filter=overdue_q(now)),
    )
    open_statuses = sorted(OPEN_STATUSES)
    return [
        Figure("assigned", _("Đang giao cho tôi"), counts["assigned"], worklist_url(assignee="me", status=open_statuses, sort="due_at")),
        Figure("due_today", _("Của tôi, đến hạn hôm nay"), counts["due_today"], worklist_url(assignee="me", due="today", sort="due_at"), "warn"),
        Figure("overdue", _("Của tôi, quá hạn"), counts["overdue"], worklist_url(assignee="me", due="overdue", sort="due_at"), "late"),
    ]


def my_open_dossiers(user, limit: int = 10):
    """Return the specialist's open dossiers, the nearest due first."""
    return (
        scoped(Dossier.objects.all(), user)
        .filter(assignee=user, status__in=OPEN_STATUSES)
        .select_related("procedure", "unit")
        .order_by("due_at", "code")[:limit]
    )


def leader_figures(user, now: dt.datetime | None = None) -> list[Figure]:
    """Count what waits for the leader: decisions, overdue dossiers, apologies to sign."""
    now = now or timezone.now()
    # Every figure counts open dossiers only: reading just those (the unit-and-status index)
    # keeps PostgreSQL's estimate of the per-row EXISTS small, where over all of a commune's
    # 50,000 dossiers it crossed the JIT thresholds and compiling took 130 ms of a 160 ms page.
    counts = scoped(Dossier.objects.filter(status__in=OPEN_STATUSES), user).aggregate(
        awaiting_decision=Count("pk", filter=Q(status=Status.AWAITING_DECISION)),
        overdue=Count("pk", filter=overdue_q(now)),
        apologies=Count("pk", filter=apology_needed_q(user, now)),
    )
    return [
        Figure("awaiting_decision", _("Chờ tôi quyết định"), counts["awaiting_decision"], "/can-bo/phe-duyet/", "warn"),
        Figure("overdue", _("Quá hạn trong đơn vị"), counts["overdue"], worklist_url(due="overdue", sort="due_at"), "late"),
        Figure("apologies", _("Cần ký văn bản xin lỗi"), counts["apologies"], worklist_url(apology="needed", sort="due_at"), "late"),
    ]


@dataclass
class UnitRow:
    unit: Unit
    open: int
    overdue: int
    received_this_month: int

    def url(self, **params) -> str:
        return worklist_url(unit=self.unit.code, **params)

    @property
    def open_url(self) -> str:
        return self.url(status=sorted(OPEN_STATUSES))

    @property
    def overdue_url(self) -> str:
        return self.url(due="overdue", sort="due_at")

    @property
    def month_url(self) -> str:
        return self.url(received_from=_dmy(self.month_start), received_to=_dmy(self.today))

    month_start: dt.date = dt.date.min
    today: dt.date = dt.date.min


def oversight_rows(user, now: dt.datetime | None = None) -> list[UnitRow]:
    """Count, per unit in the user's scope that holds dossiers: open, overdue and received this month."""
    now = now or timezone.now()
    today = local_day(now)
    month_start = today.replace(day=1)
    per_unit = (
        scoped(Dossier.objects.all(), user)
        .values("unit")
        .annotate(
            open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
            overdue=Count("pk", filter=overdue_q(now)),
            received_this_month=Count("pk", filter=Q(received_at__gte=day_start(month_start))),
        )
        .order_by()
    )
    counts = {row["unit"]: row for row in per_unit}
    units = Unit.objects.filter(pk__in=counts).order_by("path")
    rows = [
        UnitRow(
            unit=u,
            open=counts[u.pk]["open"],
            overdue=counts[u.pk]["overdue"],
            received_this_month=counts[u.pk]["received_this_month"],
            month_start=month_start,
            today=today,
        )
        for u in units
    ]
    # The units needing attention first.
    rows.sort(key=lambda r: (-r.overdue, -r.open, r.unit.path))
    return rows


def figures_for(user, now=None) -> list[Figure]:
    """Return the home page figures of the user's role."""
    if user.role == Role.DESK_OFFICER:
        return desk_officer_figures(user, now)
    if user.role == Role.SPECIALIST:
        return specialist_figures(user, now)
    if user.role == Role.LEADER:
        return leader_figures(user, now)
    return []
