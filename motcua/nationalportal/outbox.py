"""Writing the outbox: one message per state change of a dossier, in the transaction of its event.

motcua.dossiers.events.record_event calls `write_message` for every event it
appends, so no action can forget the portal. Nothing is sent here: once the
transaction commits, the worker is asked to deliver (motcua.nationalportal.delivery).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from motcua.dossiers.events import Verb
from motcua.nationalportal.models import MessageStatus, OutboxMessage
from motcua.nationalportal.payload import build_payload, facts_of

# Events that change nothing the portal's message says.
NOT_REPORTED = frozenset({Verb.RECORD_RATING, Verb.PUBLISH_RESULT})


def on_event_recorded(sender, dossier, event, **kwargs) -> None:
    """Receiver of motcua.dossiers.events.dossier_event_recorded: the event's message, in its transaction."""
    write_message(dossier, event)


def write_message(dossier, event=None) -> OutboxMessage | None:
    """Append the message of `dossier`'s current state (after `event`, or a re-sync when None) to the outbox."""
    if event is not None and event.verb in NOT_REPORTED:
        return None
    now = timezone.now()
    message = OutboxMessage.objects.create(
        dossier=dossier,
        event=event,
        payload=build_payload(facts_of(dossier, event)),
        created=now,
        next_attempt=now,
        status=MessageStatus.PENDING,
    )
    from motcua.nationalportal.delivery import configured, kick

    if configured():
        # robust: a failure to queue the run (logged) never fails the committed action; housekeeping queues it later.
        transaction.on_commit(kick, robust=True)
    return message
