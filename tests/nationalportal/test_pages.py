"""The sync state on the dossier page, and the administrators' page of failed messages with re-queue."""

import pytest
from django.test import Client
from django.utils import timezone

from motcua.accounts.models import Role
from motcua.nationalportal import delivery
from motcua.nationalportal.models import OutboxMessage
from tests.desk.conftest import desk, receive, vn  # noqa: F401
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _sync_text(client, code) -> str:
    import re

    html = client.get(f"/can-bo/ho-so/{code}/").content.decode()
    match = re.search(r'data-testid="portal-sync">(.*?)</p>', html, re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", match.group(1))).strip()


def test_the_dossier_page_shows_its_sync_state(desk, sim, settings):
    settings.MOTCUA_PORTAL_RETRY_SECONDS = 3600
    d = receive(desk, vn(2023, 6, 5, 8, 0))
    officer = _client(desk.officer)
    assert _sync_text(officer, d.code) == "Đang chờ gửi · chưa gửi lần nào"
    sim.control(fail_every=1)
    delivery.deliver_due()
    text = _sync_text(officer, d.code)
    assert text.startswith("Đang chờ gửi · lần gửi gần nhất ") and "(lần thứ 1)" in text
    assert "Cổng trả lời: 503" in text and "lỗi giả lập: yêu cầu thứ 1" in text
    sim.control(fail_every=0)
    OutboxMessage.objects.update(next_attempt=timezone.now())  # an hour later
    delivery.deliver_due()
    assert "Đã gửi · lần gửi gần nhất" in _sync_text(officer, d.code) and "(lần thứ 2)" in _sync_text(officer, d.code)


def test_administrators_see_failed_messages_and_requeue_them(desk, sim, settings):
    settings.MOTCUA_PORTAL_RETRIES = 1
    settings.MOTCUA_PORTAL_TOKEN = "sai"
    mine = receive(desk, vn(2023, 6, 5, 8, 0))
    other = receive(desk, vn(2023, 6, 5, 8, 0), actor=desk.officer_b, unit=desk.unit_b)
    delivery.deliver_due()
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"failed"}
    admin = _client(make_user("quantri", desk.unit, Role.ADMINISTRATOR))
    page = admin.get("/quan-tri/cong-dvc/").content.decode()
    # Only the administrator's commune: its one failed message, with the portal's answer.
    assert "Đã gửi 0, đang chờ 0, không thành công 1." in page
    assert mine.code in page and other.code not in page
    assert "401" in page and "sai mã truy cập (Bearer token)" in page
    assert _sync_text(_client(desk.officer), mine.code).startswith("Gửi không thành công")

    # Another unit's message cannot be re-queued from here; a bad id is named.
    theirs = OutboxMessage.objects.get(dossier=other)
    response = admin.post("/quan-tri/cong-dvc/gui-lai/", {"message": theirs.pk}, follow=True)
    assert "Không có thông điệp gửi không thành công nào để gửi lại." in response.content.decode()
    response = admin.post("/quan-tri/cong-dvc/gui-lai/", {"message": "abc"}, follow=True)
    assert "mã thông điệp phải là số" in response.content.decode()
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"failed"}

    settings.MOTCUA_PORTAL_TOKEN = "bi-mat-cua-cong"
    response = admin.post("/quan-tri/cong-dvc/gui-lai/", {}, follow=True)
    assert "Đã đưa 1 thông điệp vào hàng đợi gửi lại." in response.content.decode()
    assert OutboxMessage.objects.get(dossier=mine).status == "pending"
    assert theirs.__class__.objects.get(pk=theirs.pk).status == "failed"
    delivery.deliver_due()
    assert [m["payload"]["MaHoSo"] for m in sim.listing()["messages"]] == [mine.code]


def test_only_administrators_open_the_sync_page(desk):
    assert _client(desk.officer).get("/quan-tri/cong-dvc/").status_code == 403


def test_the_sync_texts_in_english(desk, sim, settings):
    from tests.english import text_of

    settings.MOTCUA_PORTAL_RETRIES = 1
    d = receive(desk, vn(2023, 6, 5, 8, 0))
    sim.control(fail_every=1)
    delivery.deliver_due()
    admin = _client(make_user("quantri", desk.unit, Role.ADMINISTRATOR))
    admin.cookies["django_language"] = "en"
    page = text_of(admin.get("/quan-tri/cong-dvc/"))
    assert "Delivered 0, pending 0, failed 1." in page and "Failed messages" in page and "Re-send all" in page
    response = admin.post("/quan-tri/cong-dvc/gui-lai/", {"message": "x"}, follow=True)
    assert "the message id must be a number" in text_of(response)
    officer = _client(desk.officer)
    officer.cookies["django_language"] = "en"
    text = " ".join(text_of(officer.get(f"/can-bo/ho-so/{d.code}/")).split())
    assert "Sync with the National Public Service Portal" in text
    assert "Failed · last attempt" in text and "(attempt 1) · Portal's answer: 503" in text
