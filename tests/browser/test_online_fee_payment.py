"""Issue 14's citizen path in Chromium: file online for a fee-bearing procedure, pay through the payment
simulator (a real `motcua payment-sim` process), be notified by SMS and e-mail, and later open the receipt
again from another browser with the code and the 4 digits."""

import re

import pytest
from django.core import mail

from motcua.dossiers.models import Dossier, Status
from motcua.payments.models import Payment
from motcua.portal.senders import ConsoleSmsSender
from tests.browser.test_portal_public import prove
from tests.desk.conftest import desk  # noqa: F401
from tests.jobs.work import IMMEDIATE
from tests.payments.test_online_gateway import SECRET, simulator  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)

PAPERS = [{"name": "Bản chính giấy tờ cần chứng thực", "form": "original", "quantity": 1}]
PER_PAGE = [{"name": "Lệ phí chứng thực bản sao", "amount": 2000, "per": "page"}]


def test_citizen_files_pays_is_notified_and_reopens_the_receipt(page, browser, live_server, desk, simulator, tmp_path, settings):  # noqa: F811
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = IMMEDIATE
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MOTCUA_PAYMENT_GATEWAY_URL = simulator
    settings.MOTCUA_PAYMENT_GATEWAY_SECRET = SECRET
    settings.MOTCUA_PUBLIC_URL = live_server.url
    desk.procedure.online = "full"
    desk.procedure.components = PAPERS
    desk.procedure.fees = PER_PAGE
    desk.procedure.save()
    scan = tmp_path / "ban-chinh.pdf"
    scan.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

    prove(page)
    page.get_by_label("Cơ quan tiếp nhận hồ sơ").select_option(label="Xã Hoằng Lưu — Huyện Hoằng Hóa")
    page.get_by_role("button", name="Tiếp tục").click()
    page.wait_for_load_state()
    page.get_by_label("Thủ tục hành chính").select_option(index=1)
    page.get_by_role("button", name="Xem giấy tờ cần nộp").click()
    page.wait_for_selector("#thanh-phan")
    # 3 pages × 2 copies × 2.000 đ: the quote follows the numbers as they are typed.
    page.get_by_label("Số bản").fill("2")
    page.get_by_label("Số trang mỗi bản").fill("3")
    page.wait_for_function("document.querySelector('[data-testid=fee-total]').textContent.startsWith('12.000')")
    page.get_by_label("Họ và tên người nộp").fill("Trần Thị Bích")
    page.get_by_label("Số định danh cá nhân (CCCD)").fill("038190004321")
    page.get_by_label("Thư điện tử (không bắt buộc)").fill("bich@example.vn")
    page.get_by_label(re.compile("^Bản chính giấy tờ cần chứng thực")).set_input_files(str(scan))
    choice = page.locator("#notify-choice")
    choice.get_by_label("Tin nhắn SMS").check()
    choice.get_by_label("Thư điện tử (email)").check()
    page.get_by_label(re.compile("Tôi cam đoan")).check()
    ConsoleSmsSender.outbox.clear()
    page.get_by_role("button", name="Nộp hồ sơ").click()

    # Off to the payment gateway (the simulator's page), which shows the amount.
    page.wait_for_url(f"{simulator}/pay/**")
    assert "12.000 đ" in page.content()
    dossier = Dossier.objects.get()
    assert dossier.status == Status.AWAITING_PAYMENT
    page.get_by_role("button", name="Xác nhận thanh toán").click()
    page.wait_for_url("**/thanh-toan/ket-qua/**")
    assert "Đã thanh toán thành công" in page.locator("main").inner_text()
    dossier.refresh_from_db()
    assert dossier.status == Status.RECEIVED
    assert [(p.amount, p.method) for p in Payment.objects.filter(dossier=dossier)] == [(12000, "province_gateway")]

    # Notified of the receipt by SMS (the code and status, nothing personal) and by e-mail.
    texts = [text for to, text in ConsoleSmsSender.outbox if to == "0987654321" and dossier.code in text]
    assert texts and all("Trần" not in t and "038190004321" not in t for t in texts)
    assert any(dossier.code in m.body and m.to == ["bich@example.vn"] for m in mail.outbox)

    # Another browser, later: the receipt again with the code and the 4 digits.
    other = browser.new_context(base_url=live_server.url, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    other.set_default_timeout(15_000)
    try:
        tab = other.new_page()
        tab.goto(f"/nop-truc-tuyen/da-nop/{dossier.code}/")
        tab.get_by_label("4 chữ số cuối số CCCD hoặc số điện thoại").fill("4321")
        tab.get_by_role("button", name="Xem giấy tiếp nhận").click()
        tab.wait_for_selector("#ma-ho-so")
        assert tab.locator("#ma-ho-so").inner_text() == dossier.code
        assert "12.000" in tab.locator('[data-testid="receipt-fee"]').inner_text()
        pdf = tab.request.get(tab.locator("#tai-giay-tiep-nhan").get_attribute("href"))
        assert pdf.status == 200 and pdf.body().startswith(b"%PDF")
    finally:
        other.close()
