"""A citizen files online in Chromium: the procedure's papers one upload each, the due date before submitting,
the result-delivery choice; then, from a new browser, the receipt again with the code and the 4 digits."""

import datetime as dt
import hashlib
import re

import django.utils.timezone
import pytest

from motcua.dossiers.models import Dossier
from tests.browser.test_portal_public import prove
from tests.desk.conftest import desk, vn  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)

PAPERS = [
    {"name": "Tờ khai đăng ký khai sinh", "form": "original", "quantity": 1},
    {"name": "Giấy chứng sinh", "form": "original", "quantity": 1},
    {"name": "Văn bản ủy quyền (trường hợp ủy quyền)", "form": "certified_copy", "quantity": 1},
]
# Friday 9 June 2023, 15:00 in Hà Nội, for the page and the dossier alike (the live server runs in this process).
FRIDAY_3PM = vn(2023, 6, 9, 15, 0)


def scan(tmp_path, name: str, n: int):
    path = tmp_path / name
    path.write_bytes(b"%PDF-1.4\n" + f"% giấy tờ {n}\n".encode() + b"1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    return path


def attach_papers(page, files):
    for paper, file in zip(PAPERS, files):
        page.get_by_label(re.compile("^" + re.escape(paper["name"]))).set_input_files(str(file))


def test_a_citizen_files_online_and_opens_the_receipt_from_another_browser(page, browser, live_server, desk, tmp_path, settings, monkeypatch):
    monkeypatch.setattr(django.utils.timezone, "now", lambda: FRIDAY_3PM.astimezone(dt.timezone.utc))
    settings.MEDIA_ROOT = tmp_path / "media"
    desk.procedure.online = "full"
    desk.procedure.components = PAPERS
    desk.procedure.save()
    files = [scan(tmp_path, f"giay-to-{n}.pdf", n) for n in (1, 2, 3)]

    prove(page)
    page.get_by_label("Cơ quan tiếp nhận hồ sơ").select_option(label="Xã Hoằng Lưu — Huyện Hoằng Hóa")
    page.get_by_role("button", name="Tiếp tục").click()
    page.wait_for_load_state()
    page.get_by_label("Thủ tục hành chính").select_option(label="Thủ tục đăng ký khai sinh (Trực tuyến toàn trình (mức độ 4))")
    page.get_by_role("button", name="Xem giấy tờ cần nộp").click()
    page.wait_for_selector("#thanh-phan")
    papers = page.locator("#thanh-phan").inner_text()
    for paper in PAPERS:
        assert paper["name"] in papers
    assert papers.count("(bắt buộc)") == 2 and papers.count("(nộp nếu thuộc trường hợp này)") == 1
    # 3 working days of 8 h from Friday 15:00: Friday 2 h, Monday and Tuesday 8 h each, Wednesday 6 h → 15:00 14/06/2023.
    assert page.locator("#han-du-kien").inner_text() == "15:00 14/06/2023"

    page.get_by_label("Họ và tên người nộp").fill("Trần Thị Bích")
    page.get_by_label("Số định danh cá nhân (CCCD)").fill("038190004321")
    assert page.get_by_label("Số điện thoại", exact=True).input_value() == "0987654321"
    attach_papers(page, files)
    page.get_by_label("Nhận trực tiếp tại Bộ phận Một cửa").check()
    # Forgetting the consent: refused next to it, nothing saved.
    page.get_by_role("button", name="Nộp hồ sơ").click()
    page.wait_for_selector("#id_consent_error")
    assert "Cần đánh dấu cam đoan" in page.locator("#id_consent_error").inner_text()
    assert Dossier.objects.count() == 0
    # The browser forgets the chosen files: choose them again.
    attach_papers(page, files)
    page.get_by_label(re.compile("Tôi cam đoan")).check()
    page.get_by_role("button", name="Nộp hồ sơ").click()
    page.wait_for_url("**/nop-truc-tuyen/da-nop/**")
    code = page.locator("#ma-ho-so").inner_text()
    receipt_url = page.url
    dossier = Dossier.objects.get()
    assert code == dossier.code and dossier.result_delivery == "counter"
    assert dossier.due_at == vn(2023, 6, 14, 15, 0) and page.locator("#hen-tra").inner_text() == "15:00 14/06/2023"
    assert [p["sha256"] for p in dossier.components] == [hashlib.sha256(f.read_bytes()).hexdigest() for f in files]
    assert page.locator(".qr svg").count() == 1

    # Another browser: no cookie of the first one.
    other = browser.new_context(base_url=live_server.url, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    other.set_default_timeout(15_000)
    try:
        tab = other.new_page()
        tab.goto(receipt_url)
        assert "Trần T** B***" not in tab.locator("main").inner_text()
        assert not tab.request.get(f"/nop-truc-tuyen/da-nop/{code}/giay-tiep-nhan.pdf").body().startswith(b"%PDF")
        tab.get_by_label("4 chữ số cuối số CCCD hoặc số điện thoại").fill("9999")
        tab.get_by_role("button", name="Xem giấy tiếp nhận").click()
        tab.wait_for_selector("#so_cuoi-error")
        assert "không khớp" in tab.locator("#so_cuoi-error").inner_text()
        tab.get_by_label("4 chữ số cuối số CCCD hoặc số điện thoại").fill("4321")
        tab.get_by_role("button", name="Xem giấy tiếp nhận").click()
        tab.wait_for_selector("#ma-ho-so")
        assert tab.locator("#ma-ho-so").inner_text() == code
        assert "Trần T** B***" in tab.locator("main").inner_text() and "Mới tiếp nhận" in tab.locator("main").inner_text()
        href = tab.locator("#tai-giay-tiep-nhan").get_attribute("href")
        pdf = tab.request.get(href)
        assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf" and pdf.body().startswith(b"%PDF")
        tab.get_by_role("button", name="Xem tình trạng hồ sơ").click()
        tab.wait_for_url(f"**/tra-cuu/{code}/")
        assert "Trực tuyến toàn trình" in tab.locator("main").inner_text()
    finally:
        other.close()
