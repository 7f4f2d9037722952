"""Mẫu 02, 03, 04 and 06 for dossiers, and Mẫu 02/03 printed at the counter without a dossier code."""

import re

import pytest

from motcua.dossiers import actions as a
from motcua.dossiers.models import CounterRefusalKind
from motcua.forms import available_forms, render_form
from motcua.forms.render import FormNotAvailable, render_html
from tests.forms.conftest import full_history, pdf_table_rows, pdf_text, receive, vn

pytestmark = pytest.mark.django_db


def flat(pdf: bytes) -> str:
    return pdf_text(pdf).replace("\n", " ")


def test_full_history_offers_its_forms(desk):
    d = full_history(desk, vn(2023, 6, 5, 8, 0))
    assert available_forms(d) == ["receipt", "supplement_request", "apology", "control_sheet"]
    with pytest.raises(FormNotAvailable):
        render_form(d, "refusal")
    with pytest.raises(FormNotAvailable):
        render_form(d, "stop_notice")
    with pytest.raises(FormNotAvailable):
        render_form(d, "no_such_form")


def test_supplement_request_lists_what_is_missing(desk):
    d = full_history(desk, vn(2023, 6, 5, 8, 0))
    text = flat(render_form(d, "supplement_request"))
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text
    assert d.code in text and "Nguyễn Văn A" in text and "Thủ tục đăng ký khai sinh" in text
    assert "1. Bản sao Giấy chứng nhận kết hôn của cha, mẹ" in text
    assert "2. Tờ khai ghi thiếu nơi sinh của người được khai sinh" in text
    assert "10 giờ 00 phút, ngày 05/06/2023" in text
    assert "Hoằng Lưu, ngày 05 tháng 6 năm 2023" in text
    assert "Mẫu số 02 ban hành kèm theo Thông tư số 01/2018/TT-VPCP" in text


def test_apology_states_reason_and_new_date(desk):
    d = full_history(desk, vn(2023, 6, 5, 8, 0))
    text = flat(render_form(d, "apology"))
    assert "Chờ xác minh thông tin nơi sinh" in text
    # The due time in force (moved by the supplement), then the new appointment.
    assert "16 giờ 00 phút, ngày 08/06/2023" in text
    assert "17 giờ 00 phút, ngày 09/06/2023" in text
    assert "ỦY BAN NHÂN DÂN" in text and "TM. ỦY BAN NHÂN DÂN" in text and "CHỦ TỊCH" in text
    assert "Nơi nhận:" in text


def test_refused_dossier_prints_mau_03_with_its_code_and_reasons(desk):
    d = receive(desk, vn(2023, 6, 5, 8, 0))
    d = a.do_assign_dossier(desk.officer, d, desk.specialist, at=vn(2023, 6, 5, 8, 30))
    d = a.do_start_processing(desk.specialist, d, at=vn(2023, 6, 5, 9, 0))
    d = a.do_submit_for_decision(desk.specialist, d, at=vn(2023, 6, 5, 10, 0))
    d = a.do_refuse_dossier(desk.leader, d, ["Trẻ đã được đăng ký khai sinh tại nơi khác"], at=vn(2023, 6, 6, 9, 0))
    assert "refusal" in available_forms(d)
    text = flat(render_form(d, "refusal"))
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text
    assert d.code in text
    assert "1. Trẻ đã được đăng ký khai sinh tại nơi khác" in text
    assert "Hoằng Lưu, ngày 06 tháng 6 năm 2023" in text
    # The receiver is the desk officer who took it in, the leader signs as the one who decided (issue 13:
    # the leader was printed as "người tiếp nhận"); the applicant came to the counter and signs.
    receiver = html_text(d, "refusal").split("Người tiếp nhận hồ sơ", 1)[1]
    assert receiver.split("Người có thẩm quyền giải quyết", 1)[0].count("Lê Thị Lan") == 1
    assert "chutich" not in receiver.split("Người có thẩm quyền giải quyết", 1)[0]
    assert "chutich" in receiver.split("Người có thẩm quyền giải quyết", 1)[1]
    assert "Người nộp hồ sơ" in html_text(d, "refusal")


def html_text(d, form) -> str:
    """The form's HTML as plain text, in reading order (a PDF's table columns extract interleaved)."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", render_html(d, form)))


def test_refused_online_dossier_asks_no_signature_of_the_applicant(desk):
    d = receive(desk, vn(2023, 6, 5, 8, 0), channel="online_full")
    d = a.do_assign_dossier(desk.officer, d, desk.specialist, at=vn(2023, 6, 5, 8, 30))
    d = a.do_start_processing(desk.specialist, d, at=vn(2023, 6, 5, 9, 0))
    d = a.do_submit_for_decision(desk.specialist, d, at=vn(2023, 6, 5, 10, 0))
    d = a.do_refuse_dossier(desk.leader, d, ["Trẻ đã được đăng ký khai sinh tại nơi khác"], at=vn(2023, 6, 6, 9, 0))
    text = html_text(d, "refusal")
    # Filed online: nobody came to sign; the applicant's name appears once, as the one the notice is for.
    assert "Người nộp hồ sơ" not in text
    assert text.count("Nguyễn Văn A") == 1
    assert "Người có thẩm quyền giải quyết" in text


def test_counter_refusal_prints_mau_03_without_a_code(desk):
    refusal = a.do_refuse_at_counter(
        desk.officer,
        desk.unit,
        desk.procedure,
        {"name": "Trần Thị B", "id_number": "038190001235"},
        ["Không thuộc thẩm quyền giải quyết của UBND xã", "Thiếu Giấy chứng sinh"],
        at=vn(2025, 8, 4, 9, 0),
    )
    assert available_forms(refusal) == ["refusal"]
    text = flat(render_form(refusal, "refusal"))
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text
    assert "Mã hồ sơ" not in text
    assert "Trần Thị B" in text and "Thủ tục đăng ký khai sinh" in text
    assert "1. Không thuộc thẩm quyền giải quyết của UBND xã" in text
    assert "2. Thiếu Giấy chứng sinh" in text
    assert "Hoằng Lưu, ngày 04 tháng 8 năm 2025" in text
    assert "Thông tư số 03/2025/TT-VPCP" in text
    assert "038190001235" not in text


def test_counter_instructions_print_mau_02_without_a_code(desk):
    refusal = a.do_refuse_at_counter(
        desk.officer,
        desk.unit,
        desk.procedure,
        {"name": "Trần Thị B"},
        ["Bổ sung bản sao Giấy chứng nhận kết hôn"],
        kind=CounterRefusalKind.INSTRUCTED,
        at=vn(2023, 6, 5, 9, 0),
    )
    assert available_forms(refusal) == ["supplement_request"]
    text = flat(render_form(refusal, "supplement_request"))
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text
    assert "Mã hồ sơ" not in text
    assert "1. Bổ sung bản sao Giấy chứng nhận kết hôn" in text
    assert "Thông tư số 01/2018/TT-VPCP" in text


def test_control_sheet_follows_handovers_events_and_steps(desk):
    d = full_history(desk, vn(2023, 6, 5, 8, 0))
    pdf = render_form(d, "control_sheet")
    text = flat(pdf)
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text
    assert d.code in text.replace(" ", "") and "Nguyễn Văn A" in text
    rows = pdf_table_rows(pdf)
    steps_header = next(n for n, r in enumerate(rows) if r[0] == "Bước")
    moves = [r for r in rows[:steps_header] if r[0].isdigit() and len(r) == 7]
    assert [r[2] for r in moves] == [
        "Tiếp nhận hồ sơ",
        "Phân công xử lý",
        "Bắt đầu xử lý",
        "Yêu cầu bổ sung hồ sơ",
        "Nhận hồ sơ bổ sung",
        "Chuyển bước xử lý",
        "Xin lỗi và hẹn lại",
        "Chuyển bước xử lý",
        "Phê duyệt",
        "Trả kết quả",
    ]
    # Who gave and who received, in Vietnamese name order (họ, đệm, tên).
    assert moves[0][1:5] == ["08 giờ 00 phút, ngày 05/06/2023", "Tiếp nhận hồ sơ", "Tổ chức, cá nhân", "Lê Thị Lan"]
    assert moves[1][3:5] == ["Lê Thị Lan", "Trần Văn Hùng"]
    assert "Dự thảo trích lục khai sinh" in moves[7][6]
    # Decided Fri 09/06 10:00 after the due time Thu 08/06 16:00: late, apology or not.
    assert moves[8][5] == "Quá hạn"
    # Section II follows the events (motcua.dossiers.trail): step, name, who, hours, started, ended, timeliness.
    steps = [r for r in rows[steps_header:] if r[0].isdigit() and len(r) == 7]
    assert [(r[1], r[2], r[3]) for r in steps] == [
        ("Tiếp nhận, chuyển hồ sơ", "Lê Thị Lan", "2"),
        # Handed within the step to diachinh, who handed it to the leader.
        ("Thẩm định, dự thảo kết quả", "diachinh", "12"),
        ("Ký duyệt kết quả", "chutich", "4"),
    ]
    # Step 1 ended with the assignment Mon 08:30: 0.5 h of 2 h. Step 2 Mon 08:30 → Fri 09:00 less the
    # wait for papers (Mon 10:00 → Tue 08:00): 1.5 + 7 + 8 + 8 + 2 = 26.5 h of 12 h. Step 3 Fri 09:00–10:00 of 4 h.
    assert [r[4] for r in steps] == [
        "08 giờ 00 phút, ngày 05/06/2023", "08 giờ 30 phút, ngày 05/06/2023", "09 giờ 00 phút, ngày 09/06/2023"
    ]
    assert [r[6] for r in steps] == ["Đúng hạn", "Quá hạn", "Đúng hạn"]
    assert steps[0][5] == "08 giờ 30 phút, ngày 05/06/2023"
    assert steps[2][5] == "10 giờ 00 phút, ngày 09/06/2023"
