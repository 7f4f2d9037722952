"""Delivery of the outbox to the simulator over real HTTP: order, keys, retries, failure, re-queue, sync command."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from motcua.dossiers.actions import do_assign_dossier, do_start_processing
from motcua.nationalportal import delivery
from motcua.nationalportal.models import MessageStatus, OutboxMessage
from tests.desk.conftest import desk, receive, vn  # noqa: F401

pytestmark = pytest.mark.django_db


def _three_messages(desk):
    d = receive(desk, vn(2023, 6, 5, 8, 0))
    d = do_assign_dossier(desk.officer, d, desk.specialist, at=vn(2023, 6, 5, 9, 0))
    return do_start_processing(desk.specialist, d, at=vn(2023, 6, 5, 10, 0))


def test_messages_reach_the_portal_in_order_with_their_keys(desk, sim):
    d = _three_messages(desk)
    keys = [str(k) for k in OutboxMessage.objects.filter(dossier=d).order_by("id").values_list("key", flat=True)]
    assert delivery.deliver_due() == {"delivered": 3, "retry": 0, "failed": 0}
    got = sim.listing()["messages"]
    assert [m["key"] for m in got] == keys
    assert [m["payload"]["TrangThaiHoSo"] for m in got] == [2, 4, 4]
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {MessageStatus.DELIVERED}
    assert delivery.deliver_due() == {"delivered": 0, "retry": 0, "failed": 0}  # nothing twice
    # The dossier keeps the time its first message was delivered (the QĐ 766 index's 1.4 reads it).
    first = OutboxMessage.objects.filter(dossier=d).order_by("id").first()
    d.refresh_from_db()
    assert d.portal_synced_at == first.delivered


def test_a_failed_attempt_is_retried_with_the_same_key_and_holds_the_next_back(desk, sim, settings):
    settings.MOTCUA_PORTAL_RETRY_SECONDS = 3600
    d = _three_messages(desk)
    first, second, third = OutboxMessage.objects.filter(dossier=d).order_by("id")
    sim.control(fail_every=2)  # requests 2, 4, … answer 503
    # 1: first delivered; 2: second refused, waits an hour; the third waits behind it.
    assert delivery.deliver_due() == {"delivered": 1, "retry": 1, "failed": 0}
    second.refresh_from_db()
    assert (second.status, second.attempts, second.last_status) == ("pending", 1, 503)
    assert second.next_attempt - second.last_attempt == dt.timedelta(hours=1)
    assert "yêu cầu thứ 2" in second.last_answer
    # An hour later: request 3 delivers the second, 4 fails the third, which waits in turn.
    OutboxMessage.objects.filter(pk=second.pk).update(next_attempt=timezone.now())
    assert delivery.deliver_due() == {"delivered": 1, "retry": 1, "failed": 0}
    OutboxMessage.objects.filter(pk=third.pk).update(next_attempt=timezone.now())
    assert delivery.deliver_due() == {"delivered": 1, "retry": 0, "failed": 0}
    log = sim.listing()["requests"]
    # Every attempt carried its message's key: the retried ones twice, unchanged.
    assert [(r["key"], r["status"]) for r in log] == [
        (str(first.key), 200), (str(second.key), 503), (str(second.key), 200), (str(third.key), 503), (str(third.key), 200)
    ]
    assert [m["key"] for m in sim.listing()["messages"]] == [str(first.key), str(second.key), str(third.key)]


def test_backoff_doubles_from_seconds_to_hours(settings):
    settings.MOTCUA_PORTAL_RETRY_SECONDS = 5
    settings.MOTCUA_PORTAL_RETRY_MAX_SECONDS = 21600
    # 5 · 2^(n-1) seconds: 5, 10, 20, … 10240 (n = 12), then the 6 h ceiling.
    assert [delivery.backoff(n).total_seconds() for n in (1, 2, 3, 12, 13, 30)] == [5, 10, 20, 10240, 20480, 21600]


def test_after_the_last_retry_a_message_fails_keeps_the_answer_and_can_be_requeued(desk, sim, settings):
    settings.MOTCUA_PORTAL_TOKEN = "sai"  # the portal refuses every attempt (401)
    d = receive(desk, vn(2023, 6, 5, 8, 0))
    for _ in range(4):  # MOTCUA_PORTAL_RETRIES = 4, no wait between attempts
        delivery.deliver_due()
    [message] = OutboxMessage.objects.filter(dossier=d)
    assert (message.status, message.attempts, message.last_status) == ("failed", 4, 401)
    assert "sai mã truy cập" in message.last_answer
    assert delivery.dossier_sync_state(d).label == "Gửi không thành công"
    # A later state change waits behind the failed message: nothing overtakes it.
    do_assign_dossier(desk.officer, d, desk.specialist, at=vn(2023, 6, 5, 9, 0))
    assert delivery.deliver_due() == {"delivered": 0, "retry": 0, "failed": 0}

    settings.MOTCUA_PORTAL_TOKEN = "bi-mat-cua-cong"
    assert delivery.requeue(OutboxMessage.objects.all()) == 1
    assert delivery.deliver_due() == {"delivered": 2, "retry": 0, "failed": 0}
    assert [m["payload"]["TrangThaiHoSo"] for m in sim.listing()["messages"]] == [2, 4]
    assert [m["key"] for m in sim.listing()["messages"]][0] == str(message.key)  # the same key as before


def test_an_unreachable_portal_is_an_answer_like_any_other(desk, settings):
    settings.MOTCUA_PORTAL_URL = "http://127.0.0.1:9"  # discard port: nothing listens
    settings.MOTCUA_PORTAL_TIMEOUT = 2
    receive(desk, vn(2023, 6, 5, 8, 0))
    assert delivery.deliver_due() == {"delivered": 0, "retry": 1, "failed": 0}
    message = OutboxMessage.objects.get()
    assert message.last_status == 0 and message.last_answer.startswith("không kết nối được")
    assert message.dossier.portal_synced_at is None  # not delivered: not synced


def test_a_worker_that_died_holding_a_message_leaves_it_to_the_next_once_its_lease_ends(desk, sim):
    receive(desk, vn(2023, 6, 5, 8, 0))
    taken = delivery.claim()
    assert taken is not None and delivery.claim() is None  # held: nobody else takes it
    OutboxMessage.objects.filter(pk=taken.pk).update(leased_until=timezone.now() - dt.timedelta(seconds=1))
    assert delivery.deliver_due() == {"delivered": 1, "retry": 0, "failed": 0}


def test_sync_push_and_status(desk, sim):
    _three_messages(desk)
    out = io.StringIO()
    call_command("sync", "status", "--unit", desk.unit.code, stdout=out)
    assert out.getvalue() == "delivered 0, pending 3, failed 0\n"
    delivery.deliver_due()
    call_command("sync", "push", "--unit", desk.district.code, "--period", "2023-Q2", stdout=io.StringIO())
    call_command("sync", "push", "--unit", desk.unit.code, "--period", "2023-Q3", stdout=io.StringIO())  # none then
    out = io.StringIO()
    call_command("sync", "status", "--unit", desk.district.code, stdout=out)
    assert out.getvalue() == "delivered 3, pending 1, failed 0\n"
    resync = OutboxMessage.objects.latest("id")
    assert resync.event is None and resync.payload["TrangThaiHoSo"] == 4


def test_the_sync_rate_counts_dossiers_received_in_the_period_that_reached_the_portal(desk, sim):
    from motcua.dossiers.figures import sync_rate
    from motcua.lib.periods import parse_period

    q2 = parse_period("2023-Q2")
    assert sync_rate(desk.district, q2).rate is None  # nothing received: N/A
    first = receive(desk, vn(2023, 6, 5, 8, 0))
    delivery.deliver_due()
    second = receive(desk, vn(2023, 6, 5, 9, 0))  # still in the outbox
    receive(desk, vn(2023, 7, 3, 9, 0))  # Q3
    # Q2: 2 received, 1 delivered → 1/2. The commune's own figure counts the same dossiers.
    assert sync_rate(desk.district, q2) == sync_rate(desk.unit, q2)
    assert (sync_rate(desk.unit, q2).received, sync_rate(desk.unit, q2).synced, sync_rate(desk.unit, q2).rate) == (2, 1, 0.5)
    # Once the outbox is delivered, both dossiers of Q2 count.
    do_assign_dossier(desk.officer, first, desk.specialist, at=vn(2023, 6, 5, 10, 0))
    delivery.deliver_due()
    assert sync_rate(desk.unit, q2).synced == 2
    assert OutboxMessage.objects.filter(dossier=second, status="delivered").count() == 1


def test_a_commit_queues_one_delivery_run_while_none_is_queued_or_running(desk, sim, django_capture_on_commit_callbacks):
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    runs = DBTaskResult.objects.filter(task_path=delivery.TASK_PATH)
    with django_capture_on_commit_callbacks(execute=True):
        d = receive(desk, vn(2023, 6, 5, 8, 0))
    with django_capture_on_commit_callbacks(execute=True):
        do_assign_dossier(desk.officer, d, desk.specialist, at=vn(2023, 6, 5, 9, 0))
    assert runs.count() == 1  # the second commit found the first run waiting
    runs.update(status=TaskResultStatus.RUNNING)
    assert delivery.kick() is False  # a running one will look again before it ends
    # Housekeeping does not trust a "running" row (its worker may be dead): it queues a run for due messages.
    assert delivery.kick_if_due() is True and runs.count() == 2
    assert delivery.kick_if_due() is False  # one queued is enough
    runs.update(status=TaskResultStatus.SUCCESSFUL)
    delivery.deliver_due()
    assert delivery.kick_if_due() is False  # nothing due


def test_a_run_stops_after_its_time_and_queues_the_next(desk, sim, monkeypatch):
    from django_tasks_db.models import DBTaskResult

    from motcua.nationalportal.tasks import deliver_outbox

    _three_messages(desk)
    # No time at all: the run stops before the first message and says there is more.
    assert delivery.deliver_due(seconds=-1) == {"delivered": 0, "retry": 0, "failed": 0, "more": True}
    assert delivery.deliver_due(limit=1) == {"delivered": 1, "retry": 0, "failed": 0}
    monkeypatch.setattr(delivery, "RUN_SECONDS", -1)
    assert deliver_outbox.call() == {"delivered": 0, "retry": 0, "failed": 0, "more": True}
    assert list(DBTaskResult.objects.values_list("task_path", "status")) == [(delivery.TASK_PATH, "READY")]
    monkeypatch.setattr(delivery, "RUN_SECONDS", 60)
    assert deliver_outbox.call() == {"delivered": 2, "retry": 0, "failed": 0}
    assert DBTaskResult.objects.count() == 1  # nothing more queued
