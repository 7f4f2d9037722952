"""Sending happens in the worker, with retries: a failing SMS gateway never holds up the desk, and fails the notice in the end."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from motcua.accounts.models import Role
from motcua.dossiers.models import Dossier
from motcua.notices.models import Notice
from motcua.notices.sending import deliver, retry_delay
from tests.factories import make_user
from tests.notices.conftest import APPLICANT

pytestmark = pytest.mark.django_db

INTAKE = "/can-bo/tiep-nhan/"
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def intake_post(desk, **overrides):
    data = {
        "procedure": str(desk.procedure.pk),
        "channel": "counter",
        "applicant_kind": "citizen",
        "applicant_name": APPLICANT["name"],
        "applicant_id_number": APPLICANT["id_number"],
        "applicant_phone": APPLICANT["phone"],
        "applicant_email": APPLICANT["email"],
        "applicant_address": APPLICANT["address"],
        "result_delivery": "counter",
        "received_at": "",
        "notify": ["sms", "email"],
        "comp-0-name": "Tờ khai đăng ký khai sinh",
        "comp-0-form": "original",
        "comp-0-quantity": "1",
    }
    data.update(overrides)
    return data


def test_failing_gateway_is_tried_n_times_then_the_notice_fails_while_intake_returns(desk, client, gateway, django_capture_on_commit_callbacks):
    client.force_login(desk.officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(INTAKE, intake_post(desk))
    dossier = Dossier.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/can-bo/tiep-nhan/bien-nhan/{dossier.code}/"
    # MOTCUA_NOTICE_ATTEMPTS = 3: three POSTs of the documented JSON, each answered 500.
    expected = {"to": "0912345678", "text": f"Hồ sơ {dossier.code} đã được tiếp nhận, trạng thái: Mới tiếp nhận. "
                f"Tra cứu: https://dichvucong.example.vn/tra-cuu/{dossier.code}/"}
    assert gateway.requests == [{"path": "/sms/send", "auth": "Bearer bi-mat", "json": expected}] * 3
    sms = Notice.objects.get(channel="sms")
    assert (sms.status, sms.attempts, sms.last_error) == ("failed", 3, "nhà cung cấp SMS trả lời HTTP 500")
    assert sms.failed_at is not None and sms.sent_at is None
    # The e-mail does not depend on the SMS gateway.
    email = Notice.objects.get(channel="email")
    assert (email.status, email.attempts) == ("sent", 1) and len(mail.outbox) == 1
    # The dossier page shows the failure.
    page = client.get(f"/can-bo/ho-so/{dossier.code}/").content.decode()
    assert 'data-channel="sms" data-status="failed"' in page and "Gửi không thành công" in page
    assert "*******678" in page and "nhà cung cấp SMS trả lời HTTP 500" in page


def test_the_desk_only_queues_and_the_worker_sends_later(desk, client, gateway, settings, django_capture_on_commit_callbacks):
    # The real queue: the web request writes notices and task rows, the SMS gateway hears nothing yet.
    settings.TASKS = DATABASE_QUEUE
    client.force_login(desk.officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(INTAKE, intake_post(desk, notify=["sms"]))
    assert response.status_code == 302
    notice = Notice.objects.get()
    assert (notice.status, notice.attempts) == ("queued", 0) and gateway.requests == []
    task = DBTaskResult.objects.get()
    assert task.task_path == "motcua.notices.tasks.send_notice" and task.args_kwargs["kwargs"] == {"notice_id": notice.pk}

    # The worker's first try fails: the next is queued 60 s later (MOTCUA_NOTICE_RETRY_SECONDS).
    before = timezone.now()
    assert deliver(notice.pk) == "queued"
    notice.refresh_from_db()
    assert notice.attempts == 1 and len(gateway.requests) == 1
    retry = DBTaskResult.objects.order_by("-enqueued_at").first()
    assert retry.run_after == notice.next_attempt_at
    assert before + dt.timedelta(seconds=60) <= retry.run_after <= timezone.now() + dt.timedelta(seconds=60)

    # The gateway is back: the second try sends.
    gateway.status = 200
    assert deliver(notice.pk) == "sent"
    notice.refresh_from_db()
    assert (notice.status, notice.attempts, notice.last_error) == ("sent", 2, "")
    # A task delivered twice sends nothing more.
    assert deliver(notice.pk) == "sent" and len(gateway.requests) == 2


def test_waits_double_after_each_failed_try(settings):
    settings.MOTCUA_NOTICE_RETRY_SECONDS = 60
    # 60 s, then 120 s, then 240 s.
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3)] == [60, 120, 240]


@pytest.fixture
def failed(desk, client, gateway, django_capture_on_commit_callbacks):
    client.force_login(desk.officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(INTAKE, intake_post(desk, notify=["sms"]))
    notice = Notice.objects.get()
    assert notice.status == "failed"
    client.logout()
    return notice


def test_administrator_resends_a_failed_notice_from_the_list(desk, client, gateway, failed):
    admin = make_user("quantri", desk.unit, Role.ADMINISTRATOR)
    client.force_login(admin)
    page = client.get("/quan-tri/thong-bao/").content.decode()
    assert f'data-notice="{failed.pk}"' in page and failed.dossier.code in page and "*******678" in page
    gateway.status = 200
    response = client.post(f"/quan-tri/thong-bao/{failed.pk}/gui-lai/", follow=True)
    failed.refresh_from_db()
    assert (failed.status, failed.attempts, failed.resent_by) == ("sent", 1, admin)
    # 3 failed tries, then the one the administrator asked for.
    assert len(gateway.requests) == 4
    text = response.content.decode()
    assert f"Đã đưa thông báo của hồ sơ {failed.dossier.code} vào hàng đợi gửi lại; trạng thái hiện tại: Đã gửi." in text
    assert "Không có thông báo nào gửi không thành công." in text
    # Sent already: a second press changes nothing and says why.
    response = client.post(f"/quan-tri/thong-bao/{failed.pk}/gui-lai/", follow=True)
    assert f"Thông báo của hồ sơ {failed.dossier.code} đang «đã gửi», không cần gửi lại." in response.content.decode()
    assert len(gateway.requests) == 4


def test_only_the_units_administrators_see_and_resend(desk, client, gateway, failed):
    client.force_login(make_user("quantri_b", desk.unit_b, Role.ADMINISTRATOR))
    assert f'data-notice="{failed.pk}"' not in client.get("/quan-tri/thong-bao/").content.decode()
    assert client.post(f"/quan-tri/thong-bao/{failed.pk}/gui-lai/").status_code == 404
    client.force_login(desk.officer)
    assert client.get("/quan-tri/thong-bao/").status_code == 403
    assert client.post(f"/quan-tri/thong-bao/{failed.pk}/gui-lai/").status_code == 403
    failed.refresh_from_db()
    assert failed.status == "failed" and len(gateway.requests) == 3


def test_unreachable_mail_server_fails_the_email_and_the_list_hides_its_body(desk, client, settings, free_tcp_port, django_capture_on_commit_callbacks):
    # SMTP to a port nobody listens on: every try is refused by the system.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_tcp_port, 5
    client.force_login(desk.officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(INTAKE, intake_post(desk, notify=["email"]))
    assert response.status_code == 302
    notice = Notice.objects.get()
    assert (notice.status, notice.attempts) == ("failed", 3) and notice.last_error
    client.force_login(make_user("quantri", desk.unit, Role.ADMINISTRATOR))
    page = client.get("/quan-tri/thong-bao/").content.decode()
    assert f"Hồ sơ {notice.dossier.code} đã được tiếp nhận" in page
    # The body greets the applicant by name: not on the list.
    assert "Nguyễn Văn A" not in page and "Kính gửi" not in page


def test_a_notice_whose_worker_died_is_queued_again(desk, client, gateway, settings, django_capture_on_commit_callbacks):
    from django_tasks import TaskResultStatus

    from motcua.notices.sending import requeue_stalled

    settings.TASKS = DATABASE_QUEUE
    settings.MOTCUA_WORKER_STALE_SECONDS = 60
    gateway.status = 200
    client.force_login(desk.officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(INTAKE, intake_post(desk, notify=["sms"]))
    notice = Notice.objects.get()
    # Its task still waits: nothing to do, now or later.
    assert requeue_stalled(timezone.now() + dt.timedelta(minutes=5)) == 0
    # A worker took the task and died: motcua.jobs.workers.fail_tasks_of_gone_workers marks its row failed.
    DBTaskResult.objects.update(status=TaskResultStatus.FAILED)
    # Within MOTCUA_WORKER_STALE_SECONDS of the notice's writing it is left alone; after, queued again once.
    assert requeue_stalled(timezone.now()) == 0
    later = timezone.now() + dt.timedelta(seconds=61)
    assert requeue_stalled(later) == 1
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 1
    assert requeue_stalled(later) == 0
    assert deliver(notice.pk) == "sent" and len(gateway.requests) == 1
    # Sent: never queued again.
    DBTaskResult.objects.update(status=TaskResultStatus.SUCCESSFUL)
    assert requeue_stalled(later + dt.timedelta(hours=1)) == 0


def test_the_workers_queue_the_rescue_on_their_schedule(settings):
    from motcua.jobs.workers import queue_due_schedules

    settings.TASKS = DATABASE_QUEUE
    settings.MOTCUA_SWEEP_MINUTES = 0
    settings.MOTCUA_TALLIES_REFRESH_MINUTES = 0
    now = timezone.now()
    assert queue_due_schedules(now) == ["notices"]
    assert list(DBTaskResult.objects.values_list("task_path", flat=True)) == ["motcua.notices.tasks.requeue_stalled_notices"]
    # Once per MOTCUA_NOTICE_RESCUE_MINUTES (10): not again 9 minutes later, again after 10.
    assert queue_due_schedules(now + dt.timedelta(minutes=9)) == []
    assert queue_due_schedules(now + dt.timedelta(minutes=10)) == ["notices"]
