"""Reminders of dossiers due soon or overdue: e-mailed to whoever holds them, once per appointment.

A dossier is *due soon* when its appointment falls within the next N working
hours of its unit's calendar (so a Friday-evening sweep sees Monday's
dossiers), *overdue* once the appointment has passed. The appointment is the
due time in force, or the new date of the latest apology. Dossiers waiting for
the applicant's papers are skipped: their clock is stopped and their due time
will move. Each (dossier, kind, appointment) is notified once, recorded as a
SweepNotice in the same transaction that sends the e-mail; a failed send rolls
the record back so the next sweep tries again. Safe to run every few minutes
and from concurrent processes: the unique constraint decides who sends.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone

from motcua.accounts.models import Role, User
from motcua.dossiers.actions import APOLOGY_NOTICE
from motcua.dossiers.models import (
    OPEN_STATUSES,
    Apology,
    Dossier,
    Status,
    SweepNotice,
    SweepNoticeKind,
)
from motcua.dossiers.timeliness import LOCAL_TZ
from motcua.forms import rulesets as rs
from motcua.units.models import Unit
from motcua.workdays.service import calendar_for_unit

DEFAULT_WITHIN_HOURS = 8
# The clock of a dossier waiting for papers is stopped: no reminder.
SWEPT_STATUSES = frozenset(OPEN_STATUSES - {Status.AWAITING_SUPPLEMENT})


@dataclass
class Item:
    dossier: Dossier
    kind: str
    appointment: dt.datetime
    has_apology: bool
    # Due within one working day, or past due: its apology should be on its way.
    needs_apology: bool = False
    recipients: tuple[str, ...] = ()
    # Notified by an earlier sweep / by this one.
    already_sent: bool = False
    sent: bool = False


@dataclass
class SweepResult:
    at: dt.datetime
    within_hours: float
    dry_run: bool
    items: list[Item] = field(default_factory=list)
    notices_sent: int = 0
    emails_sent: int = 0
    # (recipients, error) of e-mails that could not be sent; retried by the next sweep.
    failures: list[tuple[tuple[str, ...], str]] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[Item]:
        return [i for i in self.items if i.kind == kind]

    @property
    def apologies_to_prepare(self) -> list[Item]:
        """Return the dossiers without an apology due within one working day, or overdue.

        The apology goes out at least one working day before the due time
        (motcua.dossiers.actions.APOLOGY_NOTICE); from then on it is to prepare.
        """
        return [i for i in self.items if i.needs_apology and not i.has_apology]

    @property
    def without_recipients(self) -> list[Item]:
        return [i for i in self.items if not i.recipients and not i.already_sent]

    def new(self, items: list[Item]) -> list[Item]:
        """Return the items notified by this sweep (or that a dry run would notify)."""
        if self.dry_run:
            return [i for i in items if i.recipients and not i.already_sent]
        return [i for i in items if i.sent]


def sweep(now: dt.datetime | None = None, within_hours: float = DEFAULT_WITHIN_HOURS, dry_run: bool = False) -> SweepResult:
    """Find dossiers due within `within_hours` working hours or overdue, and e-mail each new notice once."""
    now = now or timezone.now()
    if timezone.is_naive(now):
        raise ValueError("the sweep time must be timezone-aware")
    if within_hours < 0:
        raise ValueError("within_hours cannot be negative")
    result = SweepResult(at=now, within_hours=within_hours, dry_run=dry_run)
    result.items = _find(now, within_hours)
    _address(result.items)
    _mark_already_sent(result.items)
    if not dry_run:
        _send(result)
    return result


def _find(now: dt.datetime, within_hours: float) -> list[Item]:
    latest_apology = Apology.objects.filter(dossier=OuterRef("pk")).order_by("-issued_at", "-id")
    candidates = Dossier.objects.filter(status__in=SWEPT_STATUSES).annotate(
        new_due=Subquery(latest_apology.values("new_due_at")[:1]),
        has_apology=Exists(latest_apology),
    )
    items = []
    unit_ids = candidates.values_list("unit", flat=True).distinct()
    for unit in Unit.objects.filter(pk__in=unit_ids):
        # "Within N working hours" on the unit's own calendar and working hours.
        calendar = calendar_for_unit(unit)
        horizon = calendar.due(now, dt.timedelta(hours=within_hours))
        apology_from = calendar.due(now, APOLOGY_NOTICE)
        near = candidates.filter(unit=unit).filter(
            Q(new_due__isnull=True, due_at__lte=horizon) | Q(new_due__isnull=False, new_due__lte=horizon)
        )
        for d in near.select_related("unit__level", "procedure", "assignee").order_by("due_at", "code"):
            # An apology's new date is the appointment the applicant now holds.
            appointment = d.new_due if d.new_due and d.new_due > d.due_at else d.due_at
            kind = SweepNoticeKind.OVERDUE if appointment < now else SweepNoticeKind.DUE_SOON
            items.append(
                Item(
                    dossier=d,
                    kind=str(kind),
                    appointment=appointment,
                    has_apology=d.has_apology,
                    needs_apology=d.due_at <= apology_from,
                )
            )
    items.sort(key=lambda i: (i.appointment, i.dossier.code))
    return items


def _address(items: list[Item]) -> None:
    """Send to the officer holding the dossier, or to the unit's desk officers when nobody does."""
    unit_ids = {i.dossier.unit_id for i in items}
    desk = defaultdict(list)
    officers = User.objects.filter(unit__in=unit_ids, role=Role.DESK_OFFICER, is_active=True).exclude(email="")
    for officer in officers.order_by("username"):
        desk[officer.unit_id].append(officer.email)
    for item in items:
        holder = item.dossier.assignee
        if holder is not None and holder.is_active and holder.email:
            item.recipients = (holder.email,)
        else:
            item.recipients = tuple(desk[item.dossier.unit_id])


def _mark_already_sent(items: list[Item]) -> None:
    sent = set(
        SweepNotice.objects.filter(dossier__in=[i.dossier.pk for i in items]).values_list("dossier_id", "kind", "due_at")
    )
    for item in items:
        item.already_sent = (item.dossier.pk, item.kind, item.appointment) in sent


def _send(result: SweepResult) -> None:
    groups: dict[tuple[str, ...], list[Item]] = defaultdict(list)
    for item in result.items:
        if item.recipients and not item.already_sent:
            groups[item.recipients].append(item)
    for recipients, items in groups.items():
        try:
            fresh = _send_one(recipients, items, result)
        except Exception as error:  # noqa: BLE001 — one bad address must not stop the other e-mails
            result.failures.append((recipients, str(error) or error.__class__.__name__))
            continue
        for item in fresh:
            item.sent = True
        if fresh:
            result.emails_sent += 1
            result.notices_sent += len(fresh)


def _send_one(recipients: tuple[str, ...], items: list[Item], result: SweepResult) -> list[Item]:
    # One transaction per e-mail: its notices stay recorded only if it left.
    with transaction.atomic():
        fresh = []
        for item in items:
            try:
                with transaction.atomic():
                    SweepNotice.objects.create(
                        dossier=item.dossier,
                        kind=item.kind,
                        due_at=item.appointment,
                        sent_at=result.at,
                        recipients=list(recipients),
                    )
            except IntegrityError:
                # A concurrent sweep recorded (and sent) it first.
                item.already_sent = True
                continue
            fresh.append(item)
        if fresh:
            subject, body = _message(fresh, result)
            EmailMessage(subject, body, to=list(recipients)).send(fail_silently=False)
        return fresh


def _message(items: list[Item], result: SweepResult) -> tuple[str, str]:
    due_soon = [i for i in items if i.kind == SweepNoticeKind.DUE_SOON]
    overdue = [i for i in items if i.kind == SweepNoticeKind.OVERDUE]
    counts = []
    if due_soon:
        counts.append(f"{len(due_soon)} hồ sơ sắp đến hạn")
    if overdue:
        counts.append(f"{len(overdue)} hồ sơ quá hạn")
    subject = f"[Một cửa] {', '.join(counts)}"
    # No applicant data in e-mails: the code leads to the dossier in the system.
    out = [
        "Kính gửi cán bộ phụ trách hồ sơ,",
        "",
        f"Hệ thống một cửa nhắc các hồ sơ sau (quét lúc {clock(result.at)}):",
    ]
    if due_soon:
        out += ["", f"Hồ sơ sắp đến hạn (trong {hours_text(result.within_hours)} giờ làm việc tới):"]
        out += [line(i) for i in due_soon]
    if overdue:
        out += ["", "Hồ sơ quá hạn:"]
        out += [line(i) + apology_hint(i, result.at) for i in overdue]
    out += ["", "Thư được gửi tự động; mỗi hồ sơ chỉ được nhắc một lần cho mỗi thời hạn."]
    return subject, "\n".join(out)


def clock(t: dt.datetime) -> str:
    return t.astimezone(LOCAL_TZ).strftime("%H:%M %d/%m/%Y")


def hours_text(hours: float) -> str:
    return f"{hours:g}".replace(".", ",")


def line(item: Item) -> str:
    d = item.dossier
    return f"- {d.code} — {d.procedure.name} — hạn {clock(item.appointment)} — {d.get_status_display()}"


def apology_name(d: Dossier) -> str:
    """Return what the apology is called under the rules the dossier is judged by."""
    return rs.ruleset_for_dossier(d).form(rs.APOLOGY).title.lower()


def apology_hint(item: Item, now: dt.datetime) -> str:
    if item.dossier.due_at < now and not item.has_apology:
        return f" — chưa có {apology_name(item.dossier)}"
    return ""


def summary(result: SweepResult) -> str:
    """Return the Vietnamese report of a sweep printed by `motcua sweep`."""
    due_soon = result.of_kind(SweepNoticeKind.DUE_SOON)
    overdue = result.of_kind(SweepNoticeKind.OVERDUE)
    new = "cần gửi" if result.dry_run else "mới gửi"
    out = [
        f"Quét hồ sơ lúc {clock(result.at)}; sắp đến hạn = trong {hours_text(result.within_hours)} giờ làm việc tới.",
        f"Sắp đến hạn: {len(due_soon)} hồ sơ ({len(result.new(due_soon))} thông báo {new}).",
        f"Quá hạn: {len(overdue)} hồ sơ ({len(result.new(overdue))} thông báo {new}).",
    ]
    if not result.dry_run:
        out.append(f"Đã gửi {result.emails_sent} thư điện tử ({result.notices_sent} thông báo).")
    apologies = result.apologies_to_prepare
    out.append(
        f"Cần lập văn bản xin lỗi (còn dưới 1 ngày làm việc đến hạn hoặc đã quá hạn, chưa xin lỗi): {len(apologies)} hồ sơ."
    )
    for item in apologies:
        d = item.dossier
        out.append(f"  - {d.code} — {d.unit.name} — hạn {clock(d.due_at)} — lập {apology_name(d)}")
    missing = result.without_recipients
    if missing:
        out.append(f"Không có người nhận cho {len(missing)} thông báo (chưa có cán bộ có địa chỉ thư điện tử):")
        out += [f"  - {i.dossier.code} — {i.dossier.unit.name}" for i in missing]
    for recipients, error in result.failures:
        out.append(f"Lỗi gửi thư tới {', '.join(recipients)}: {error} (sẽ gửi lại ở lần quét sau).")
    if result.dry_run:
        out.append("Chạy thử: không gửi thư, không ghi nhận thông báo.")
    return "\n".join(out)
