"""Citizens' feedback (phản ánh, kiến nghị) for the demo commune: some answered, some in hand, some new."""

from __future__ import annotations

import datetime as dt

from motcua.demo.generate import LOCAL_TZ

# (days before now, kind, subject, content, sender, answer or None = not answered, taken up?)
_FEEDBACK = [
    (
        41,
        "proposal",
        "Đề nghị bố trí thêm ghế chờ tại Bộ phận Một cửa",
        "Sáng thứ Hai hằng tuần người dân đến làm chứng thực rất đông, nhiều người cao tuổi phải đứng chờ. "
        "Đề nghị UBND xã bố trí thêm ghế chờ và nước uống.",
        {"name": "Lê Thị Hằng", "phone": "0915263748"},
        "UBND xã đã bổ sung 10 ghế chờ và bình nước uống tại Bộ phận Một cửa từ ngày 20 tháng này. "
        "Cảm ơn bà đã góp ý.",
        True,
    ),
    (
        33,
        "complaint",
        "Hồ sơ chứng thực trả chậm so với giấy hẹn",
        "Tôi nộp hồ sơ chứng thực chữ ký, giấy hẹn trả trong ngày nhưng đến hôm sau mới nhận được kết quả.",
        {"name": "Nguyễn Văn Tùng", "phone": "0983112233"},
        "Qua kiểm tra, hồ sơ của ông bị trả chậm 1 ngày do công chức tư pháp đi công tác. UBND xã đã gửi "
        "văn bản xin lỗi, nhắc nhở bộ phận liên quan và bố trí người thay thế khi vắng.",
        True,
    ),
    (
        12,
        "proposal",
        "Đề nghị hướng dẫn nộp hồ sơ trực tuyến cho người cao tuổi",
        "Nhiều người trong thôn không biết cách nộp hồ sơ khai sinh trực tuyến. Đề nghị xã tổ chức hướng dẫn tại nhà văn hóa thôn.",
        {"name": "Trịnh Văn Sơn", "email": "trinhson@example.vn"},
        None,
        True,
    ),
    (
        3,
        "complaint",
        "Niêm yết thủ tục tại Bộ phận Một cửa chưa cập nhật",
        "Bảng niêm yết thủ tục đăng ký kết hôn vẫn ghi lệ phí cũ, không khớp với mức thu thực tế.",
        {"name": "Phạm Thị Mai", "phone": "0904556677"},
        None,
        False,
    ),
]


def load_feedback(unit, leader, now: dt.datetime) -> int:
    """Record the demo feedback for `unit` unless it already has some; return how many were added."""
    from motcua.feedback.actions import do_answer_feedback, do_submit_feedback, do_take_up_feedback
    from motcua.feedback.models import Feedback

    if unit is None or Feedback.objects.filter(unit=unit).exists():
        return 0
    now = now.astimezone(LOCAL_TZ)
    for days, kind, subject, content, sender, answer, taken_up in _FEEDBACK:
        sent = (now - dt.timedelta(days=days)).replace(hour=8, minute=15, second=0, microsecond=0)
        feedback = do_submit_feedback(unit, kind, subject, content, sender, at=sent)
        if taken_up and leader is not None:
            feedback = do_take_up_feedback(leader, feedback, at=sent + dt.timedelta(hours=2))
            if answer:
                do_answer_feedback(leader, feedback, answer, at=sent + dt.timedelta(days=2))
    return len(_FEEDBACK)
