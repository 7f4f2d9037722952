"""A desk officer receives a dossier whose applicant chose SMS and e-mail, and sees both notices on the dossier page."""

import pytest
from django.core import mail

from motcua.dossiers.models import Dossier
from motcua.portal.senders import ConsoleSmsSender
from tests.browser.test_desk_intake import choose_birth_registration, officer  # noqa: F401
from tests.jobs.work import IMMEDIATE

pytestmark = pytest.mark.django_db(transaction=True)


def test_officer_receives_with_sms_and_email_and_sees_the_notices(page, login, officer, settings):  # noqa: F811
    settings.TASKS = IMMEDIATE
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MOTCUA_SMS_BACKEND = "motcua.portal.senders.ConsoleSmsSender"
    ConsoleSmsSender.outbox.clear()
    login(officer)
    choose_birth_registration(page)
    page.keyboard.type("Nguyễn Văn Bình")
    page.get_by_label("Số CCCD / định danh cá nhân").fill("038090001234")
    page.get_by_label("Số điện thoại").fill("0912345678")
    page.get_by_label("Thư điện tử", exact=True).fill("binh@example.vn")
    page.get_by_label("Tên giấy tờ 1").fill("Tờ khai đăng ký khai sinh")
    page.get_by_label("Đã nhận giấy tờ 1").check()
    choice = page.locator("#notify-choice")
    choice.get_by_label("Tin nhắn SMS").check()
    choice.get_by_label("Thư điện tử (email)").check()
    page.get_by_role("button", name="Tiếp nhận và cấp mã hồ sơ").click()
    page.wait_for_url("**/can-bo/tiep-nhan/bien-nhan/**")
    code = page.locator(".intake-code").inner_text()
    page.get_by_role("button", name="Mở hồ sơ").click()
    page.wait_for_url(f"**/can-bo/ho-so/{code}/")

    rows = page.locator("#dossier-notices tbody tr")
    rows.first.wait_for()
    assert rows.count() == 2
    sms, email = rows.nth(0), rows.nth(1)
    assert sms.get_attribute("data-channel") == "sms" and sms.get_attribute("data-status") == "sent"
    assert "Đã gửi" in sms.inner_text() and "*******678" in sms.inner_text()
    assert f"Hồ sơ {code} đã được tiếp nhận, trạng thái: Mới tiếp nhận." in sms.inner_text()
    assert email.get_attribute("data-channel") == "email" and "b***@example.vn" in email.inner_text()
    assert f"Hồ sơ {code} đã được tiếp nhận" in email.inner_text() and "Kính gửi ông/bà Nguyễn Văn Bình," in email.inner_text()
    # The history lists them after the receipt.
    history = page.locator(".timeline-list")
    assert history.locator('[data-verb="notice"]').count() == 2
    assert "Tin nhắn SMS gửi người nộp" in history.inner_text()

    dossier = Dossier.objects.get(code=code)
    assert (dossier.notify_sms, dossier.notify_email) == (True, True)
    assert [to for to, _ in ConsoleSmsSender.outbox] == ["0912345678"]
    assert [m.to for m in mail.outbox] == [["binh@example.vn"]]
