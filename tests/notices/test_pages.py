"""The intake form's channel choice, the API's, and the notices on the dossier page and in its history."""

import pytest

from motcua.dossiers.models import Dossier, DossierEvent
from motcua.notices.display import mask_recipient
from motcua.notices.models import Notice
from motcua.api.tokens import create_token
from tests.api.conftest import ApiClient, intake_body
from tests.notices.test_sending import INTAKE, intake_post

pytestmark = pytest.mark.django_db


def test_intake_form_offers_sms_and_email_and_stores_the_choice(desk, client, django_capture_on_commit_callbacks):
    client.force_login(desk.officer)
    page = client.get(INTAKE).content.decode()
    assert "Nhận thông báo về hồ sơ qua" in page
    assert 'name="notify" value="sms"' in page and 'name="notify" value="email"' in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(INTAKE, intake_post(desk, notify=["email"]))
    d = Dossier.objects.get()
    assert (d.notify_sms, d.notify_email) == (False, True)
    # The receipt event keeps the choice, as every intake value.
    assert DossierEvent.objects.get(verb="receive").data["after"]["notify_email"] is True
    assert list(Notice.objects.values_list("channel", flat=True)) == ["email"]


def test_sms_without_a_phone_is_refused_next_to_the_choice(desk, client):
    client.force_login(desk.officer)
    response = client.post(INTAKE, intake_post(desk, applicant_phone="", applicant_email="", notify=["sms", "email"]))
    assert response.status_code == 422
    text = response.content.decode()
    assert "Muốn nhận tin nhắn SMS, hãy ghi số điện thoại của người nộp." in text
    assert "Muốn nhận thư điện tử, hãy ghi địa chỉ thư điện tử của người nộp." in text
    assert Dossier.objects.count() == 0 and Notice.objects.count() == 0


def test_unknown_channel_is_refused(desk, client):
    client.force_login(desk.officer)
    response = client.post(INTAKE, intake_post(desk, notify=["fax"]))
    assert response.status_code == 422
    assert "Giá trị «fax» không có trong danh sách." in response.content.decode()
    assert Dossier.objects.count() == 0


def test_dossier_page_lists_the_notices_and_the_history_shows_them(desk, client, django_capture_on_commit_callbacks):
    client.force_login(desk.officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(INTAKE, intake_post(desk))
    d = Dossier.objects.get()
    page = client.get(f"/can-bo/ho-so/{d.code}/").content.decode()
    section = page.split('id="thong-bao"')[1]
    assert 'data-channel="sms" data-status="sent"' in section and 'data-channel="email" data-status="sent"' in section
    assert f"Hồ sơ {d.code} đã được tiếp nhận, trạng thái: Mới tiếp nhận." in section
    assert "*******678" in section and "n***@example.vn" in section
    timeline = page.split('id="timeline-title"')[1].split("</section>")[0]
    # The receipt, then its two notices.
    assert timeline.count('data-verb="notice"') == 2
    assert timeline.index('data-verb="receive"') < timeline.index("Tin nhắn SMS gửi người nộp")
    assert "Thư điện tử gửi người nộp" in timeline


def test_a_dossier_without_notices_says_so(desk, client):
    client.force_login(desk.officer)
    client.post(INTAKE, intake_post(desk, notify=[]))
    page = client.get(f"/can-bo/ho-so/{Dossier.objects.get().code}/").content.decode()
    assert "Người nộp không đăng ký nhận thông báo." in page


def test_masking():
    assert mask_recipient("sms", "0912345678") == "*******678"
    assert mask_recipient("email", "nguyenvana@example.vn") == "n***@example.vn"


def test_api_intake_accepts_the_channels(desk, django_capture_on_commit_callbacks):
    api = ApiClient(create_token(desk.officer, "tests")[1])
    body = intake_body(notify=["sms", "email"])
    body["applicant"]["email"] = "an@example.vn"
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post_json("/api/dossiers", body)
    assert response.status_code == 201, response.content
    assert response.json()["notify"] == ["sms", "email"]
    assert sorted(Notice.objects.values_list("channel", flat=True)) == ["email", "sms"]
    body = intake_body(notify=["sms"])
    body["applicant"]["phone"] = ""
    response = api.post_json("/api/dossiers", body)
    assert response.status_code == 422
    assert "muốn nhận thông báo qua tin nhắn SMS cần ghi số điện thoại của người nộp" in response.content.decode()


def test_notices_section_in_english(desk, client, django_capture_on_commit_callbacks):
    client.force_login(desk.officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(INTAKE, intake_post(desk, notify=["sms"]))
    d = Dossier.objects.get()
    client.cookies["django_language"] = "en"
    page = client.get(f"/can-bo/ho-so/{d.code}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    section = page.split('id="thong-bao"')[1].split("</section>")[0]
    for english in ("Notices to the applicant", "Channel", "Recipient", "Sent"):
        assert english in section
    assert "SMS to the applicant" in page
    # The text is shown as it was sent, in Vietnamese.
    assert f"Hồ sơ {d.code} đã được tiếp nhận" in section
