"""The public portal in Chromium: look-up with the 4-digit check, rating, feedback answered by staff, statistics (online submission: test_online_form.py)."""

import re

import pytest

from motcua.dossiers import actions as a
from motcua.dossiers.models import Dossier
from motcua.feedback.models import Feedback
from motcua.portal.senders import ConsoleSmsSender
from tests.desk.conftest import desk, receive, vn  # noqa: F401
from tests.portal.conftest import last_code
from tests.portal.test_public_lists import make

pytestmark = pytest.mark.django_db(transaction=True)


def test_lookup_without_and_with_the_four_digits(page, desk):
    dossier = receive(desk, vn(2023, 6, 5, 8, 0))
    page.goto("/tra-cuu/")
    page.get_by_label("Mã hồ sơ").fill(dossier.code.lower())
    page.get_by_role("button", name="Tra cứu").click()
    page.wait_for_load_state()
    body = page.locator("main").inner_text()
    assert dossier.code in body and "Mới tiếp nhận" in body and "08:00 08/06/2023" in body
    assert "Nguyễn" not in body and "038090001234" not in body
    # The procedure (a birth here, a death or an adoption elsewhere) waits for the check.
    assert "khai sinh" not in body
    field = page.get_by_label("4 chữ số cuối số điện thoại hoặc CCCD")
    field.fill("0000")
    page.get_by_role("button", name="Xem thông tin").click()
    page.wait_for_load_state()
    assert "không khớp" in page.locator(".field-error").inner_text()
    assert page.get_by_label("4 chữ số cuối số điện thoại hoặc CCCD").get_attribute("aria-invalid") == "true"
    page.get_by_label("4 chữ số cuối số điện thoại hoặc CCCD").fill("1234")
    page.get_by_role("button", name="Xem thông tin").click()
    page.wait_for_load_state()
    verified = page.locator("article.verified").inner_text()
    assert "Nguyễn V** A" in verified and "********1234" in verified and "*******678" in verified
    assert "Thủ tục đăng ký khai sinh" in page.locator("main").inner_text()
    assert "Nguyễn Văn A" not in page.content() and "0912345678" not in page.content()
    # The digits went in the body of a POST, never in the address.
    assert "1234" not in page.url.replace(dossier.code, "")


def prove(page, phone="0987 654 321"):
    """The proof step: a code to the applicant's phone, read from the console SMS sender's outbox."""
    ConsoleSmsSender.outbox.clear()
    page.goto("/nop-truc-tuyen/")
    page.wait_for_url("**/nop-truc-tuyen/xac-minh/")
    page.get_by_label("Số điện thoại hoặc thư điện tử").fill(phone)
    page.get_by_role("button", name="Gửi mã xác minh").click()
    page.wait_for_load_state()
    assert "0987654321" in page.locator("main").inner_text()
    page.get_by_label("Mã xác minh (6 chữ số)").fill(last_code("0987654321"))
    page.get_by_role("button", name="Xác minh").click()
    page.wait_for_url("**/nop-truc-tuyen/")


def test_rating_after_the_result(page, desk):
    d = receive(desk, vn(2023, 6, 5, 8, 0))
    d = a.do_assign_dossier(desk.officer, d, desk.specialist, at=vn(2023, 6, 5, 8, 30))
    d = a.do_start_processing(desk.specialist, d, at=vn(2023, 6, 5, 9, 0))
    d = a.do_submit_for_decision(desk.specialist, d, at=vn(2023, 6, 6, 9, 0))
    d = a.do_approve_dossier(desk.leader, d, at=vn(2023, 6, 6, 10, 0))
    page.goto(f"/tra-cuu/{d.code}/")
    page.get_by_role("button", name="Đánh giá mức độ hài lòng").click()
    page.wait_for_load_state()
    page.get_by_label("Hài lòng", exact=True).check()
    page.get_by_label("4 chữ số cuối số điện thoại hoặc CCCD của người nộp").fill("5678")
    page.get_by_role("button", name="Gửi đánh giá").click()
    page.wait_for_url("**/da-gui/")
    assert "Cảm ơn bạn đã đánh giá" in page.locator("h1").inner_text()
    rating = d.ratings.get()
    assert (rating.value, rating.channel) == ("satisfied", "online")
    page.goto(f"/danh-gia/{d.code}/")
    assert "chỉ được đánh giá một lần" in page.locator("main").inner_text()


def test_feedback_answered_by_the_unit(page, login, desk):
    page.goto("/phan-anh/")
    page.get_by_label("Cơ quan, đơn vị nhận").select_option(label="Xã Hoằng Lưu — Huyện Hoằng Hóa")
    page.get_by_label("Kiến nghị").check()
    page.get_by_label("Tiêu đề").fill("Mở thêm quầy chiều thứ Bảy")
    page.get_by_label("Nội dung").fill("Đề nghị xã bố trí tiếp nhận hồ sơ chiều thứ Bảy.")
    page.get_by_label("Họ và tên").fill("Phạm Thị Hằng")
    page.get_by_label("Số điện thoại").fill("0977111222")
    page.get_by_role("button", name="Gửi phản ánh, kiến nghị").click()
    page.wait_for_url("**/phan-anh/KN-**")
    tracking = page.locator("#ma-theo-doi").inner_text()
    assert re.match(r"^KN-\d{4}-[A-Z2-9]{6}$", tracking)
    assert page.locator("#tinh-trang").inner_text() == "Đã tiếp nhận"
    assert "Phạm Thị Hằng" not in page.content() and "0977111222" not in page.content()

    login(desk.officer)
    page.goto("/can-bo/phan-anh/")
    page.get_by_role("link", name=tracking).click()
    page.wait_for_load_state()
    assert "0977111222" in page.locator("main").inner_text()
    page.get_by_role("button", name="Tiếp nhận xử lý").click()
    page.wait_for_load_state()
    page.get_by_label(re.compile("Nội dung trả lời")).fill("Từ tháng 12, xã tiếp nhận hồ sơ cả sáng thứ Bảy.")
    page.get_by_role("button", name="Gửi trả lời").click()
    page.wait_for_load_state()
    assert Feedback.objects.get().status == "answered"

    page.goto(f"/phan-anh/{tracking}/")
    assert page.locator("#tinh-trang").inner_text() == "Đã trả lời"
    assert "xã tiếp nhận hồ sơ cả sáng thứ Bảy" in page.locator("#tra-loi").inner_text()


def test_changing_the_unit_reloads_its_procedures(page, desk):
    desk.procedure.online = "partial"
    desk.procedure.save()
    desk.procedure.units.add(desk.unit)  # offered at commune A only
    prove(page)
    page.goto(f"/nop-truc-tuyen/?unit={desk.unit.pk}")
    assert page.locator("#id_procedure option").count() == 2
    with page.expect_response("**/nop-truc-tuyen/thu-tuc/**"):
        page.get_by_label("Cơ quan tiếp nhận", exact=True).select_option(label="Xã Hoằng Phụ — Huyện Hoằng Hóa")
    page.wait_for_function("document.querySelectorAll('#id_procedure option').length === 1")
    with page.expect_response("**/nop-truc-tuyen/thu-tuc/**"):
        page.get_by_label("Cơ quan tiếp nhận", exact=True).select_option(label="Xã Hoằng Lưu — Huyện Hoằng Hóa")
    page.wait_for_function("document.querySelectorAll('#id_procedure option').length === 2")


def test_public_statistics_page_states_the_apis_figures(page, desk):
    # Commune A: decided on 7 Jun a day before its due day (early), decided late, and withdrawn
    # before its due time — a withdrawal is no decision, so the page and the API say 2 resolved, 50 %.
    make(desk, "D1", desk.unit, "counter", vn(2023, 6, 5, 8), vn(2023, 6, 8, 8), vn(2023, 6, 7, 9))
    make(desk, "D2", desk.unit, "online_full", vn(2023, 6, 6, 8), vn(2023, 6, 9, 8), vn(2023, 6, 12, 9), seq=2)
    withdrawn = make(desk, "D6", desk.unit, "counter", vn(2023, 6, 12, 8), vn(2023, 6, 15, 17), vn(2023, 6, 14, 9), seq=3)
    Dossier.objects.filter(pk=withdrawn.pk).update(outcome="withdrawn", status="withdrawn")
    page.goto("/thong-ke/")
    page.get_by_label("Đơn vị").select_option(desk.district.code)
    page.get_by_label("Năm").select_option("2023")
    page.get_by_label("Kỳ").select_option("Q2")
    page.get_by_role("button", name="Xem thống kê").click()
    page.wait_for_load_state()
    assert page.locator("#so-tiep-nhan").inner_text() == "3"
    assert page.locator("#so-giai-quyet").inner_text() == "2"
    assert page.locator("#giai-quyet-chi-tiet").inner_text() == "trước hạn: 1, đúng hạn: 0, trễ hạn: 1"
    assert page.locator("#ty-le-dung-han").inner_text() == "50\u00a0%"
    api = page.request.get(f"/api/public/statistics?unit={desk.district.code}&period=2023-Q2").json()
    assert (api["received"], api["resolved"], api["resolved_early"], api["resolved_late"], api["on_time_percent"]) == (
        3, 2, 1, 1, 50.0
    )
