"""Write the notices an event calls for, send them from the worker with retries, re-send failed ones.

Flow: a dossier action commits → `dossier_event_committed` → `on_event_committed` writes one
Notice per channel the applicant chose (in one transaction) and queues `tasks.send_notice` for each;
nothing is sent in the web process, so a slow or failing provider never holds up the desk. The
worker's `deliver` claims the notice, sends it, and either marks it sent or queues another try after
MOTCUA_NOTICE_RETRY_SECONDS × 2^(tries − 1); after MOTCUA_NOTICE_ATTEMPTS tries it is failed, and an
administrator may queue it again (`do_resend_notice`).
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from motcua.administration.access import is_administrator, managed_units
from motcua.dossiers.events import Verb
from motcua.dossiers.models import Dossier, NotifyChannel
from motcua.lib.retry import doubling_wait
from motcua.notices import texts
from motcua.notices.error_codes import NoticeActionError, NoticeErrorCode as E
from motcua.notices.models import Notice, NoticeKind, NoticeStatus
from motcua.notices.sms import send_sms

logger = logging.getLogger("motcua.notices")

# Which events the applicant hears of.
KIND_OF_VERB = {
    Verb.RECEIVE: NoticeKind.RECEIPT,
    Verb.REQUEST_SUPPLEMENT: NoticeKind.SUPPLEMENT,
    Verb.ISSUE_APOLOGY: NoticeKind.APOLOGY,
    Verb.APPROVE: NoticeKind.RESULT,
    Verb.REFUSE: NoticeKind.REFUSAL,
}


def on_event_committed(sender, event, **kwargs) -> None:
    """Receiver of dossier_event_committed: never raises, the desk action has already succeeded."""
    if event.verb not in KIND_OF_VERB:
        return
    try:
        create_notices(event)
    except Exception:
        logger.exception("notices for event %s of dossier %s could not be written", event.pk, event.dossier_id)


def create_notices(event) -> list[Notice]:
    """Write the event's notices, one per chosen channel, and queue their sending; return the new ones."""
    kind = KIND_OF_VERB.get(event.verb)
    if kind is None:
        return []
    dossier = Dossier.objects.select_related("unit", "procedure").get(pk=event.dossier_id)
    now = timezone.now()
    wanted = []
    if dossier.notify_sms and dossier.applicant_phone:
        wanted.append((NotifyChannel.SMS, dossier.applicant_phone, "", texts.sms_text(kind, dossier, event)))
    if dossier.notify_email and dossier.applicant_email:
        subject, body = texts.email_text(kind, dossier, event)
        wanted.append((NotifyChannel.EMAIL, dossier.applicant_email, subject, body))
    created = []
    with transaction.atomic():
        for channel, recipient, subject, text in wanted:
            notice, new = Notice.objects.get_or_create(
                event=event,
                channel=channel,
                defaults={
                    "dossier": dossier,
                    "kind": kind,
                    "recipient": recipient,
                    "subject": subject[:200],
                    "text": text,
                    "created_at": now,
                },
            )
            if new:
                created.append(notice)
        for notice in created:
            # In this transaction: with the database queue the task rows commit with the notices.
            _queue(notice.pk)
    return created


def _queue(notice_id: int, run_after: dt.datetime | None = None) -> None:
    from motcua.notices.tasks import send_notice

    task = send_notice
    if run_after is not None and task.get_backend().supports_defer:
        task = task.using(run_after=run_after)
    task.enqueue(notice_id=notice_id)


def retry_delay(tries: int) -> dt.timedelta:
    """Return how long to wait after the `tries`-th failed try: the base delay, doubled each time."""
    return doubling_wait(tries, settings.MOTCUA_NOTICE_RETRY_SECONDS)


def deliver(notice_id: int) -> str:
    """Send one queued notice once (in the worker); return its status afterwards."""
    current = Notice.objects.filter(pk=notice_id).values("status", "attempts").first()
    if current is None or current["status"] != NoticeStatus.QUEUED:
        return current["status"] if current else "missing"
    tries = current["attempts"] + 1
    now = timezone.now()
    # Claim this try: a task delivered twice sends once.
    claimed = Notice.objects.filter(pk=notice_id, status=NoticeStatus.QUEUED, attempts=current["attempts"]).update(
        attempts=tries, last_attempt_at=now, next_attempt_at=None
    )
    if not claimed:
        return "taken"
    notice = Notice.objects.get(pk=notice_id)
    try:
        _send(notice)
    except Exception as error:
        message = (str(error) or type(error).__name__)[:500]
        logger.warning("notice %s (%s) try %s failed: %s", notice.pk, notice.channel, tries, message)
        if tries >= settings.MOTCUA_NOTICE_ATTEMPTS:
            Notice.objects.filter(pk=notice_id).update(status=NoticeStatus.FAILED, last_error=message, failed_at=timezone.now())
            return NoticeStatus.FAILED
        later = timezone.now() + retry_delay(tries)
        Notice.objects.filter(pk=notice_id).update(last_error=message, next_attempt_at=later)
        _queue(notice_id, run_after=later)
        return NoticeStatus.QUEUED
    Notice.objects.filter(pk=notice_id).update(status=NoticeStatus.SENT, sent_at=timezone.now(), last_error="")
    return NoticeStatus.SENT


def requeue_stalled(now: dt.datetime | None = None) -> int:
    """Queue again the notices left "queued" with no task to send them (their worker died mid-try); return how many.

    Only for the database queue the workers share: a notice older than MOTCUA_WORKER_STALE_SECONDS whose
    send_notice task is neither waiting nor running. A task queued twice still sends once (deliver claims).
    """
    from django_tasks import TaskResultStatus
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    from motcua.notices.tasks import send_notice

    if not isinstance(send_notice.get_backend(), DatabaseBackend):
        return 0
    now = now or timezone.now()
    settled = now - dt.timedelta(seconds=settings.MOTCUA_WORKER_STALE_SECONDS)
    pending = {
        (args or {}).get("kwargs", {}).get("notice_id")
        for args in DBTaskResult.objects.filter(
            task_path=send_notice.module_path, status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
        ).values_list("args_kwargs", flat=True)
    }
    stalled = (
        Notice.objects.filter(status=NoticeStatus.QUEUED, created_at__lt=settled)
        .exclude(last_attempt_at__gte=settled)
        .values_list("pk", flat=True)
    )
    lost = [pk for pk in stalled if pk not in pending]
    for pk in lost:
        logger.warning("notice %s had no task left to send it: queued again", pk)
        _queue(pk)
    return len(lost)


def _send(notice: Notice) -> None:
    if notice.channel == NotifyChannel.SMS:
        send_sms(notice.recipient, notice.text)
    else:
        # From DEFAULT_FROM_EMAIL (MOTCUA_EMAIL_FROM), through EMAIL_BACKEND and its SMTP settings.
        EmailMessage(notice.subject, notice.text, to=[notice.recipient]).send(fail_silently=False)


def failed_notices(user):
    """Return the failed notices of the dossiers of the units an administrator manages, newest first."""
    return (
        Notice.objects.filter(status=NoticeStatus.FAILED, dossier__unit__in=managed_units(user))
        .select_related("dossier", "dossier__unit")
        .order_by("-failed_at", "-id")
    )


def do_resend_notice(actor, notice: Notice) -> Notice:
    """Queue a failed notice again for a full round of tries; record who asked and when."""
    if not is_administrator(actor):
        raise NoticeActionError(E.FORBIDDEN, "chỉ quản trị viên được gửi lại thông báo")
    with transaction.atomic():
        locked = Notice.objects.select_for_update().select_related("dossier").get(pk=notice.pk)
        if not managed_units(actor).filter(pk=locked.dossier.unit_id).exists():
            raise NoticeActionError(E.OUT_OF_SCOPE, "thông báo không thuộc đơn vị bạn quản lý")
        if locked.status != NoticeStatus.FAILED:
            label = NoticeStatus(locked.status).label.lower()
            raise NoticeActionError(E.NOT_FAILED, f"thông báo của hồ sơ {locked.dossier.code} đang «{label}», không cần gửi lại")
        locked.status, locked.attempts, locked.failed_at = NoticeStatus.QUEUED, 0, None
        locked.resent_by, locked.resent_at = actor, timezone.now()
        locked.save(update_fields=["status", "attempts", "failed_at", "resent_by", "resent_at"])
        _queue(locked.pk)
    locked.refresh_from_db()
    return locked
