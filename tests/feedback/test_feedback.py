"""Feedback (phản ánh, kiến nghị): sent on the portal, followed by its tracking code, answered by the unit's staff."""

import re

import pytest
from django.test import Client

from motcua.feedback.actions import FeedbackActionError, do_answer_feedback, do_submit_feedback, do_take_up_feedback
from motcua.feedback.models import Feedback, FeedbackEvent
from tests.desk.conftest import receive, vn
from tests.feedback.conftest import SENDER, post

pytestmark = pytest.mark.django_db

TRACKING = re.compile(r"^PA-\d{4}-[2-9A-HJKMNP-Z]{6}$")


def staff_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_sending_gives_a_tracking_code_and_a_page_without_personal_data(client, desk):
    response = post(client, desk)
    feedback = Feedback.objects.get()
    assert TRACKING.match(feedback.tracking_code), feedback.tracking_code
    assert response.status_code == 302 and response["Location"] == f"/phan-anh/{feedback.tracking_code}/"
    assert (feedback.sender_name, feedback.sender_phone, feedback.sender_email) == (SENDER["name"], SENDER["phone"], SENDER["email"])
    page = client.get(response["Location"]).content.decode()
    assert "Đã gửi thành công" in page and feedback.tracking_code in page
    assert "Đã tiếp nhận" in page and "Hẹn trả kết quả bị trễ" in page
    for secret in [*SENDER.values(), "Phạm", "0977", "khai sinh ngày 5/6"]:
        assert secret not in page, secret
    # Shown once: a reload is a plain tracking page.
    assert "Đã gửi thành công" not in client.get(response["Location"]).content.decode()
    assert list(FeedbackEvent.objects.values_list("verb", "actor", "to_status")) == [("submit", None, "received")]


def test_tracking_codes_are_random(desk):
    codes = {
        do_submit_feedback(desk.unit, "proposal", "Kiến nghị", "Nội dung", SENDER, at=vn(2026, 11, 2, 9)).tracking_code
        for _ in range(20)
    }
    assert len(codes) == 20
    assert all(re.match(r"^KN-2611-[2-9A-HJKMNP-Z]{6}$", code) for code in codes)


def test_the_answer_deadline_is_stored_on_receipt(desk):
    # Monday 2 Nov 2026 09:00 + 10 working days (two weeks of Monday–Friday, no holiday) = Monday 16 Nov 09:00.
    item = do_submit_feedback(desk.unit, "proposal", "Kiến nghị", "Nội dung", SENDER, at=vn(2026, 11, 2, 9))
    item.refresh_from_db()
    assert item.due_at == vn(2026, 11, 16, 9)


BAD = [
    ("no-unit", {"unit": ""}, "unit", "Xin chọn cơ quan"),
    ("unknown-unit", {"unit": "99999"}, "unit", "Xin chọn cơ quan"),
    ("forged-kind", {"kind": "khieu-nai"}, "kind", "Xin chọn phản ánh hoặc kiến nghị"),
    ("no-subject", {"subject": " "}, "subject", "Cần ghi tiêu đề"),
    ("long-subject", {"subject": "x" * 201}, "subject", "dài quá 200 ký tự"),
    ("no-content", {"content": ""}, "content", "Cần ghi nội dung"),
    ("no-name", {"sender_name": ""}, "sender_name", "Cần ghi họ tên người gửi"),
    ("bad-phone", {"sender_phone": "số tôi"}, "sender_phone", "Số điện thoại chỉ gồm chữ số"),
    ("bad-email", {"sender_email": "hang@"}, "sender_email", "thư điện tử không hợp lệ"),
    ("no-contact", {"sender_phone": "", "sender_email": ""}, "sender_phone", "cần số điện thoại hoặc thư điện tử"),
    ("unknown-dossier", {"dossier_code": "H56.20.03-230605-9999"}, "dossier_code", "không có hồ sơ mã"),
    ("control-in-name", {"sender_name": "Hằng\x01"}, "sender_name", "Họ tên người gửi chứa ký tự điều khiển (U+0001)"),
    ("bidi-in-subject", {"subject": "\u202eđường hỏng"}, "subject", "Tiêu đề chứa ký tự điều khiển hướng chữ (U+202E)"),
    ("line-break-in-subject", {"subject": "đường\nhỏng"}, "subject", "Tiêu đề chứa ký tự xuống dòng hoặc tab (U+000A)"),
]


@pytest.mark.parametrize("overrides,field,message", [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_input_is_refused_next_to_its_field(client, desk, overrides, field, message):
    response = post(client, desk, **overrides)
    assert response.status_code == 200
    page = response.content.decode()
    assert message.lower() in page.lower()
    error_at = page.lower().index(message.lower())
    input_at = page.rindex(f'name="{field}"', 0, error_at)
    assert 'aria-invalid="true"' in page[input_at:error_at]
    assert Feedback.objects.count() == 0 and FeedbackEvent.objects.count() == 0


def test_a_dossier_of_the_unit_may_be_named(client, desk):
    dossier = receive(desk, vn(2023, 6, 5, 8, 0))
    post(client, desk, dossier_code=dossier.code.lower())
    assert Feedback.objects.get().dossier_code == dossier.code
    # Another unit's dossier is not this unit's business.
    post(client, desk, unit=desk.unit_b.code, dossier_code=dossier.code)
    assert Feedback.objects.count() == 1


def test_lifecycle_take_up_answer_and_the_public_answer(client, desk):
    post(client, desk)
    feedback = Feedback.objects.get()
    officer, leader = staff_client(desk.officer), staff_client(desk.leader)
    listing = officer.get("/can-bo/phan-anh/").content.decode()
    assert feedback.tracking_code in listing
    detail = officer.get(f"/can-bo/phan-anh/{feedback.pk}/").content.decode()
    assert SENDER["phone"] in detail  # staff may call the sender back
    assert officer.post(f"/can-bo/phan-anh/{feedback.pk}/tiep-nhan/", {"version": 1}).status_code == 302
    feedback.refresh_from_db()
    assert (feedback.status, feedback.handler, feedback.version) == ("processing", desk.officer, 2)
    assert "Đang xử lý" in client.get(f"/phan-anh/{feedback.tracking_code}/").content.decode()
    empty = leader.post(f"/can-bo/phan-anh/{feedback.pk}/tra-loi/", {"version": 2, "answer": "  "})
    assert empty.status_code == 400 and "Cần ghi nội dung trả lời" in empty.content.decode()
    answer = "UBND xã đã trả kết quả ngày 9/6/2023. Xin lỗi ông/bà vì sự chậm trễ."
    assert leader.post(f"/can-bo/phan-anh/{feedback.pk}/tra-loi/", {"version": 2, "answer": answer}).status_code == 302
    feedback.refresh_from_db()
    assert (feedback.status, feedback.answer, feedback.answered_by) == ("answered", answer, desk.leader)
    public = client.get(f"/phan-anh/{feedback.tracking_code}/").content.decode()
    assert "Đã trả lời" in public and "UBND xã đã trả kết quả ngày 9/6/2023" in public
    assert SENDER["name"] not in public and "chutich" not in public
    assert list(FeedbackEvent.objects.order_by("id").values_list("verb", "to_status")) == [
        ("submit", "received"),
        ("take_up", "processing"),
        ("answer", "answered"),
    ]
    # Answered is final.
    assert leader.post(f"/can-bo/phan-anh/{feedback.pk}/tra-loi/", {"version": 3, "answer": "Lần hai"}).status_code == 400
    with pytest.raises(FeedbackActionError, match="đang ở trạng thái «Đã trả lời»"):
        do_take_up_feedback(desk.officer, feedback)
    answered = officer.get("/can-bo/phan-anh/?trang-thai=answered").content.decode()
    waiting = officer.get("/can-bo/phan-anh/?trang-thai=received").content.decode()
    assert feedback.tracking_code in answered and feedback.tracking_code not in waiting


def test_history_is_append_only(desk):
    feedback = do_submit_feedback(desk.unit, "complaint", "Tiêu đề", "Nội dung", SENDER)
    event = FeedbackEvent.objects.get()
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        FeedbackEvent.objects.filter(feedback=feedback).update(to_status="answered")
    with pytest.raises(PermissionError):
        FeedbackEvent.objects.all().delete()


def test_another_units_feedback_is_404(desk):
    feedback = do_submit_feedback(desk.unit, "complaint", "Tiêu đề", "Nội dung", SENDER)
    other = staff_client(desk.officer_b)
    assert feedback.tracking_code not in other.get("/can-bo/phan-anh/").content.decode()
    assert other.get(f"/can-bo/phan-anh/{feedback.pk}/").status_code == 404
    assert other.post(f"/can-bo/phan-anh/{feedback.pk}/tiep-nhan/").status_code == 404
    assert other.post(f"/can-bo/phan-anh/{feedback.pk}/tra-loi/", {"answer": "x"}).status_code == 404
    with pytest.raises(FeedbackActionError, match="không thuộc phạm vi"):
        do_answer_feedback(desk.officer_b, feedback, "Trả lời")
    feedback.refresh_from_db()
    assert feedback.status == "received" and FeedbackEvent.objects.count() == 1


def test_only_handlers_and_signed_in_staff(client, desk):
    feedback = do_submit_feedback(desk.unit, "complaint", "Tiêu đề", "Nội dung", SENDER)
    assert client.get("/can-bo/phan-anh/").status_code == 302  # to the login page
    assert staff_client(desk.specialist).get("/can-bo/phan-anh/").status_code == 403
    with pytest.raises(FeedbackActionError, match="Vai trò của bạn không được"):
        do_take_up_feedback(desk.specialist, feedback)
    # The district's oversight sees nothing to answer for the commune.
    with pytest.raises(FeedbackActionError):
        do_answer_feedback(desk.oversight, feedback, "Trả lời")


def test_stale_version_and_csrf(desk):
    feedback = do_submit_feedback(desk.unit, "complaint", "Tiêu đề", "Nội dung", SENDER)
    do_take_up_feedback(desk.officer, feedback)
    with pytest.raises(FeedbackActionError, match="người khác thay đổi"):
        do_answer_feedback(desk.leader, feedback, "Trả lời", expected_version=1)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(desk.leader)
    assert strict.post(f"/can-bo/phan-anh/{feedback.pk}/tra-loi/", {"version": 2, "answer": "x"}).status_code == 403
    assert Client(enforce_csrf_checks=True).post("/phan-anh/", {"unit": desk.unit.code}).status_code == 403


def test_unknown_tracking_code_and_rate_limit(client, settings, desk):
    assert client.get("/phan-anh/PA-2611-XXXXXX/").status_code == 404
    assert client.get("/phan-anh/theo-doi/?ma=<script>").status_code == 404
    settings.MOTCUA_PUBLIC_RATE_LIMIT = "4/minute"
    post(client, desk)  # the two look-ups above spent 2 of the 4
    post(client, desk)
    response = post(client, desk)
    assert response.status_code == 429 and "Quá nhiều yêu cầu" in response.content.decode()
    assert Feedback.objects.count() == 2
