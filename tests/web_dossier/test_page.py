"""The dossier page: what it shows, to whom, and which actions it offers."""

import re

import pytest
from django.test import Client

from motcua.catalog.models import Field, Procedure
from motcua.dossiers import actions as a
from tests.factories import level
from tests.web_dossier.conftest import client_for, receive, vn
from tests.web_dossier.test_actions import at_status

pytestmark = pytest.mark.django_db


def page(user, dossier):
    response = client_for(user).get(f"/can-bo/ho-so/{dossier.code}/")
    assert response.status_code == 200
    return response.content.decode()


def offered(html) -> list[str]:
    return re.findall(r'data-action="([a-z-]+)"', html)


def test_page_shows_the_dossier_header_applicant_components_and_forms(desk, clock):
    d = receive(desk, vn(2023, 6, 5, 8, 0), applicant={**dict(name="Nguyễn Văn A", id_number="038090001234", phone="0912345678"), "address": "Thôn 3"})
    html = page(desk.officer, d)
    assert d.code in html
    assert "Thủ tục đăng ký khai sinh" in html and "mã 1.001193" in html and "lĩnh vực Hộ tịch" in html
    assert "Xã Hoằng Lưu" in html and "Trực tiếp" in html
    assert "08:00 05/06/2023" in html and "08:00 08/06/2023" in html
    # Staff see the applicant in full.
    assert "038090001234" in html and "0912345678" in html and "Thôn 3" in html
    assert "Giấy chứng sinh" in html and "Bản sao" in html
    # Received in 2023: Thông tư 01/2018's forms, receipt and control sheet.
    assert f'href="/ho-so/{d.code}/bieu-mau/receipt.pdf"' in html
    assert f'href="/ho-so/{d.code}/bieu-mau/control_sheet.pdf"' in html
    assert "bieu-mau/refusal.pdf" not in html and "bieu-mau/apology.pdf" not in html


def test_remaining_working_time_is_counted_on_the_units_calendar(desk, clock):
    d = receive(desk, vn(2023, 6, 5, 8, 0))
    # Mon 09:00 → Thu 08:00: Mon 6 h, Tue 8 h, Wed 8 h, Thu 1 h = 23 h = 2 days 7 hours.
    assert "Còn 2 ngày 7 giờ làm việc" in page(desk.officer, d)
    clock.at = vn(2023, 6, 8, 10, 30)
    # Thu 08:00 → 10:30: 2.5 working hours late.
    assert "Quá hạn 2 giờ 30 phút làm việc" in page(desk.officer, d)


def test_planned_end_follows_the_reduced_duration_and_legal_end_the_law(desk, clock):
    field = Field.objects.get(code="ho-tich")
    procedure = Procedure.objects.create(
        code="1.000893",
        name="Đăng ký kết hôn",
        field=field,
        level=level("commune"),
        legal_duration_value=5,
        legal_duration_unit="working_day",
        reduced_duration_value=3,
        reduced_duration_unit="working_day",
    )
    d = receive(desk, vn(2023, 6, 5, 8, 0), procedure=procedure)
    html = page(desk.officer, d)
    planned = html.split("Hạn theo cam kết", 1)[1].split("</tr>", 1)[0]
    # 3 working days → Thu 08/06 08:00; the legal 5 working days → Mon 12/06 08:00.
    assert "08:00 08/06/2023" in planned and "đã cắt giảm" in planned
    assert "08:00 12/06/2023" in planned.split("Hạn theo quy định", 1)[1]


def test_steps_mark_the_current_one_and_who_holds_it(desk, clock):
    d = at_status(desk, "processing")
    a.do_hand_over_dossier(desk.specialist, d, desk.specialist2, "Chuyển thẩm định")
    html = page(desk.officer, d)
    current = html.split('aria-current="step"', 1)[1].split("</tr>", 1)[0]
    assert "Thẩm định, dự thảo kết quả" in current and "Đang thực hiện" in current and "diachinh" in current
    assert html.count('class="step-done"') == 1 and html.count('class="step-todo"') == 1
    # The hand-over is listed: who to whom, the steps, the result.
    handovers = html.split("Giao nhận hồ sơ", 1)[1]
    # Assigned, the dossier is at step 2 already: the colleague takes on that step.
    assert "Trần Văn Hùng" in handovers and "Thẩm định, dự thảo kết quả → Thẩm định, dự thảo kết quả" in handovers
    assert "Chuyển thẩm định" in handovers


def test_timeline_lists_each_event_with_who_when_and_what_changed(desk, clock):
    d = at_status(desk, "assigned")
    clock.at = vn(2023, 6, 5, 10, 15)
    a.do_request_supplement(desk.officer, d, "Thiếu giấy chứng sinh")
    html = page(desk.officer, d)
    timeline = html.split("Lịch sử xử lý", 1)[1]
    items = re.findall(r'<li class="timeline-item" data-verb="([a-z_]+)"', timeline)
    assert items == ["receive", "assign", "request_supplement"]
    assign = timeline.split('data-verb="assign"', 1)[1].split("</li>", 1)[0]
    assert "Lê Thị Lan" in assign and "09:00 05/06/2023" in assign
    assert "Mới tiếp nhận → Đã phân công" in assign and "Người xử lý: — → Trần Văn Hùng" in assign
    supplement = timeline.split('data-verb="request_supplement"', 1)[1].split("</li>", 1)[0]
    assert "10:15 05/06/2023" in supplement and "Lý do, ghi chú: Thiếu giấy chứng sinh" in supplement
    # The clock is stopped; the supplement request form (Mẫu 02) can be printed.
    assert "Tạm dừng chờ bổ sung từ 10:15 05/06/2023" in html
    assert "bieu-mau/supplement_request.pdf" in html


def test_only_the_allowed_actions_are_offered(desk, clock):
    d = at_status(desk, "received")
    assert offered(page(desk.officer, d)) == [
        "assign", "request-supplement", "apologise", "withdraw", "stop", "attach", "exempt-paper", "correct-applicant"
    ]
    assert offered(page(desk.leader, d)) == ["assign", "request-supplement", "apologise", "correct-applicant"]
    assert offered(page(desk.specialist, d)) == ["request-supplement", "attach", "exempt-paper"]
    d = at_status(desk, "awaiting_decision")
    assert offered(page(desk.leader, d)) == [
        "request-supplement", "send-back", "approve", "refuse", "apologise", "correct-applicant"
    ]
    assert offered(page(desk.specialist, d)) == ["request-supplement", "attach", "exempt-paper"]


def test_destructive_actions_ask_for_confirmation(desk, clock):
    d = at_status(desk, "awaiting_decision")
    html = page(desk.leader, d)
    refuse = html.split('data-action="refuse"', 1)[1].split("</details>", 1)[0]
    assert 'hx-confirm="Từ chối giải quyết hồ sơ này?' in refuse
    approve = html.split('data-action="approve"', 1)[1].split("</details>", 1)[0]
    assert "hx-confirm" not in approve


def test_oversight_of_the_district_reads_the_page_without_actions(desk, clock):
    d = receive(desk, vn(2023, 6, 5, 8, 0))
    html = page(desk.oversight, d)
    assert offered(html) == []
    assert "Không có thao tác nào" in html


def test_another_units_dossier_and_an_unknown_code_are_404(desk, clock):
    d = receive(desk, vn(2023, 6, 5, 8, 0))
    assert client_for(desk.officer_b).get(f"/can-bo/ho-so/{d.code}/").status_code == 404
    assert client_for(desk.leader_other).get(f"/can-bo/ho-so/{d.code}/").status_code == 404
    assert client_for(desk.officer).get("/can-bo/ho-so/H56.20.03-230605-9999/").status_code == 404


def test_anonymous_visitor_is_sent_to_the_login_page(desk, clock):
    d = receive(desk, vn(2023, 6, 5, 8, 0))
    response = Client().get(f"/can-bo/ho-so/{d.code}/")
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")
