"""Delivering the outbox to the national portal, in the worker (national-portal.md, "Delivery rules").

- In order per dossier: a message is sent only when every earlier message of its
  dossier is delivered (a failed one holds the later ones back until it is re-queued).
- At least once, with the message's `key` as `Idempotency-Key` on every attempt.
- A worker takes a message by a compare-and-set UPDATE that leases it for one
  attempt (twice the timeout and a second) and commits before sending: no transaction is held
  open over the network, so a stalled portal never blocks a desk action. A worker
  killed mid-send leaves the lease to run out; the next worker sends it again.
- A failed attempt waits MOTCUA_PORTAL_RETRY_SECONDS, doubled after each next
  one up to MOTCUA_PORTAL_RETRY_MAX_SECONDS; after MOTCUA_PORTAL_RETRIES attempts
  the message is failed and keeps the portal's last answer.

Work is queued by `kick` (after a transaction that wrote messages, and by every
worker's housekeeping round while messages are due), never sent from a request.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from motcua.dossiers.models import Dossier
from motcua.lib.retry import doubling_wait
from motcua.nationalportal.models import MessageStatus, OutboxMessage

logger = logging.getLogger("motcua.nationalportal")

TASK_PATH = "motcua.nationalportal.tasks.deliver_outbox"
# A lease lasts twice the attempt's timeout and this margin: time enough to send and record the answer.
_LEASE_MARGIN = dt.timedelta(seconds=1)
# The portal's answer is kept up to this many characters.
_ANSWER_CHARS = 2000


def configured() -> bool:
    return bool(settings.MOTCUA_PORTAL_URL)


def backoff(attempts: int) -> dt.timedelta:
    """The wait after the `attempts`-th failed attempt: 5 s, 10 s, 20 s, … up to 6 h (with the default settings)."""
    return doubling_wait(attempts, settings.MOTCUA_PORTAL_RETRY_SECONDS, settings.MOTCUA_PORTAL_RETRY_MAX_SECONDS)


def _earlier_undelivered():
    return OutboxMessage.objects.filter(
        dossier_id=OuterRef("dossier_id"), id__lt=OuterRef("id"), status__in=(MessageStatus.PENDING, MessageStatus.FAILED)
    )


def due(now: dt.datetime):
    """The messages a worker may send now: pending, due, not held by a worker, first of their dossier's undelivered."""
    free = Q(leased_until__isnull=True) | Q(leased_until__lt=now)
    return (
        OutboxMessage.objects.filter(free, status=MessageStatus.PENDING, next_attempt__lte=now)
        .filter(~Exists(_earlier_undelivered()))
        .order_by("next_attempt", "id")
    )


def claim(now: dt.datetime | None = None) -> OutboxMessage | None:
    """Lease the next due message to this worker (compare-and-set); None when nothing is due."""
    for _ in range(20):  # another worker may win a candidate; try the next
        now = now or timezone.now()
        candidate = due(now).values("id", "leased_until").first()
        if candidate is None:
            return None
        lease = now + dt.timedelta(seconds=2 * settings.MOTCUA_PORTAL_TIMEOUT) + _LEASE_MARGIN
        won = OutboxMessage.objects.filter(
            pk=candidate["id"], status=MessageStatus.PENDING, leased_until=candidate["leased_until"]
        ).update(leased_until=lease)
        if won:
            return OutboxMessage.objects.get(pk=candidate["id"])
        now = None
    return None


@dataclass
class Answer:
    ok: bool
    status: int  # HTTP status; 0 when no answer came (refused, timed out)
    text: str


def post(message: OutboxMessage) -> Answer:
    """POST one message to the portal; never raises for what the network or the portal does."""
    body = json.dumps(message.payload, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(
        f"{settings.MOTCUA_PORTAL_URL}/dossiers",
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "Authorization": f"Bearer {settings.MOTCUA_PORTAL_TOKEN}",
            "Idempotency-Key": str(message.key),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.MOTCUA_PORTAL_TIMEOUT) as response:
            return Answer(True, response.status, response.read(_ANSWER_CHARS).decode("utf-8", "replace"))
    except urllib.error.HTTPError as error:
        return Answer(False, error.code, error.read(_ANSWER_CHARS).decode("utf-8", "replace"))
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        return Answer(False, 0, f"không kết nối được: {reason}")


def record(message: OutboxMessage, answer: Answer, now: dt.datetime | None = None) -> str:
    """Record an attempt's answer: delivered, retried later, or failed after the last attempt; return the status."""
    now = now or timezone.now()
    attempts = message.attempts + 1
    changes = dict(attempts=attempts, last_attempt=now, last_status=answer.status, last_answer=answer.text[:_ANSWER_CHARS],
                   leased_until=None)
    if answer.ok:
        changes.update(status=MessageStatus.DELIVERED, delivered=now)
    elif attempts >= settings.MOTCUA_PORTAL_RETRIES:
        changes.update(status=MessageStatus.FAILED)
    else:
        changes.update(next_attempt=now + backoff(attempts))
    with transaction.atomic():
        # Only while still pending: a message re-queued or delivered meanwhile keeps its state.
        changed = OutboxMessage.objects.filter(pk=message.pk, status=MessageStatus.PENDING).update(**changes)
        if changed and answer.ok:
            # The dossier reached the portal (QĐ 766 index 1.4): the first delivery's time, with the message's.
            Dossier.objects.filter(pk=message.dossier_id, portal_synced_at__isnull=True).update(portal_synced_at=now)
    return changes.get("status", MessageStatus.PENDING)


# One delivery run sends for at most this long, then queues the next run behind the jobs waiting
# meanwhile: a slow portal and a long backlog never keep a worker from users' jobs for long.
RUN_SECONDS = 60.0


def deliver_due(limit: int | None = None, seconds: float | None = None) -> dict:
    """Send due messages one by one until none is due, `limit` were sent or `seconds` passed; return counts by outcome.

    "more" is true when the run stopped with messages still due.
    """
    import time

    counts = {"delivered": 0, "retry": 0, "failed": 0}
    if not configured():
        return counts
    sent, began = 0, time.monotonic()
    while limit is None or sent < limit:
        if seconds is not None and time.monotonic() - began > seconds:
            counts["more"] = True
            break
        message = claim()
        if message is None:
            break
        answer = post(message)
        outcome = record(message, answer)
        counts["retry" if outcome == MessageStatus.PENDING else outcome] += 1
        sent += 1
        if not answer.ok:
            logger.info("portal: message %s of dossier %s: %s %s", message.key, message.dossier_id, answer.status,
                        answer.text[:200])
    return counts


# ------------------------------------------------------------------ queueing the work


def _delivery_under_way() -> bool:
    """Whether a delivery run waits in the queue (due now) or runs: it will take the messages committed before it looks."""
    from django_tasks_db.models import DBTaskResult

    runs = DBTaskResult.objects.filter(task_path=TASK_PATH)
    return (runs.ready() | runs.running()).exists()


def kick() -> bool:
    """Queue a delivery run unless one is queued or running (one query on a desk action's commit).

    A run that is just finishing may miss a message committed meanwhile; the next
    housekeeping round of any worker (kick_if_due) queues it then.
    """
    if not configured():
        return False
    if _delivery_under_way():
        return False
    from motcua.nationalportal.tasks import deliver_outbox

    deliver_outbox.enqueue()
    return True


def kick_if_due() -> bool:
    """The workers' housekeeping: queue a run when messages are due (retries, leases of a killed worker run out)."""
    from django_tasks_db.models import DBTaskResult

    if not configured() or not due(timezone.now()).exists():
        return False
    # A run marked running on a dead worker is no reason to wait: only a queued one is.
    if DBTaskResult.objects.ready().filter(task_path=TASK_PATH).exists():
        return False
    from motcua.nationalportal.tasks import deliver_outbox

    deliver_outbox.enqueue()
    return True


# ------------------------------------------------------------------ administrators and the command line


def requeue(messages) -> int:
    """Put failed messages back in the queue with their attempts reset (same keys); return how many."""
    now = timezone.now()
    count = messages.filter(status=MessageStatus.FAILED).update(
        status=MessageStatus.PENDING, attempts=0, next_attempt=now, leased_until=None
    )
    if count:
        kick_after_commit()
    return count


def kick_after_commit() -> None:
    transaction.on_commit(kick, robust=True)


def sync_counts(messages) -> dict[str, int]:
    """{"delivered": n, "pending": n, "failed": n} of some messages."""
    from django.db.models import Count

    rows = dict(messages.values_list("status").annotate(n=Count("id")).order_by())
    return {s: rows.get(s, 0) for s in (MessageStatus.DELIVERED, MessageStatus.PENDING, MessageStatus.FAILED)}


@dataclass
class SyncState:
    """A dossier's sync state for its page: its latest message's status, last attempt and the portal's answer."""

    status: str
    label: str
    last_attempt: dt.datetime | None
    last_status: int | None
    last_answer: str
    attempts: int


def dossier_sync_state(dossier) -> SyncState | None:
    """The sync state of a dossier: failed if a message failed, else its latest message's; None if it has none."""
    messages = OutboxMessage.objects.filter(dossier=dossier)
    message = messages.filter(status=MessageStatus.FAILED).order_by("id").first() or messages.order_by("-id").first()
    if message is None:
        return None
    return SyncState(
        message.status,
        MessageStatus(message.status).label,
        message.last_attempt,
        message.last_status,
        message.last_answer,
        message.attempts,
    )


def push_current_state(dossiers) -> int:
    """Re-queue each dossier's failed messages and queue a message of its current state (`motcua sync push`)."""
    from motcua.nationalportal.outbox import write_message

    count = 0
    for pk in dossiers.values_list("pk", flat=True).order_by("pk").iterator():
        with transaction.atomic():
            # Locked like an action: the message is the state no action is changing meanwhile.
            dossier = Dossier.objects.select_for_update(of=("self",)).select_related("unit", "procedure__field").get(pk=pk)
            requeue(OutboxMessage.objects.filter(dossier=dossier))
            write_message(dossier)
        count += 1
    return count
