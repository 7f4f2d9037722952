"""The public status page: procedure, status and dates for anyone holding the code, and no personal data."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from motcua.dossiers import actions as a
from motcua.portal.ratelimit import parse_rate
from tests.portal.conftest import APPLICANT, receive, vn

pytestmark = pytest.mark.django_db

PERSONAL = [APPLICANT["name"], APPLICANT["id_number"], APPLICANT["phone"], "Nguyễn", "0912", "038090"]


@pytest.fixture
def dossier(desk):
    applicant = {**APPLICANT, "email": "nguyenvana@example.vn", "address": "Thôn 3, xã Hoằng Lưu"}
    return receive(desk, vn(2023, 6, 5, 8, 0), applicant=applicant)


def assert_no_personal_data(response):
    page = response.content.decode()
    for secret in [*PERSONAL, "nguyenvana@example.vn", "Thôn 3", "Lê Thị", "Lan"]:
        assert secret not in page, secret


def test_status_page_shows_status_and_dates_but_not_the_procedure(client, dossier):
    response = client.get(f"/tra-cuu/{dossier.code}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert dossier.code in page
    assert "Thủ tục đăng ký khai sinh" not in page and "1.001193" not in page
    assert "Mới tiếp nhận" in page
    assert "08:00 05/06/2023" in page  # received
    assert "08:00 08/06/2023" in page  # due
    assert "Xã Hoằng Lưu" in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-cache" in response["Cache-Control"]
    assert_no_personal_data(response)


def test_status_page_follows_the_dossier_to_its_result(client, desk, dossier):
    d = a.do_assign_dossier(desk.officer, dossier, desk.specialist, at=vn(2023, 6, 5, 8, 30))
    d = a.do_start_processing(desk.specialist, d, at=vn(2023, 6, 5, 9, 0))
    d = a.do_issue_apology(desk.leader, d, vn(2023, 6, 9, 17, 0), "Chờ xác minh", at=vn(2023, 6, 7, 16, 0))
    d = a.do_submit_for_decision(desk.specialist, d, at=vn(2023, 6, 9, 9, 0))
    d = a.do_approve_dossier(desk.leader, d, at=vn(2023, 6, 9, 10, 0))
    d = a.do_return_result(desk.officer, d, at=vn(2023, 6, 9, 14, 0))
    response = client.get(f"/tra-cuu/?ma={d.code}")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Đã trả kết quả" in page
    assert "Hẹn lại" in page and "17:00 09/06/2023" in page
    assert "Ngày có kết quả" in page and "10:00 09/06/2023" in page
    assert "Ngày trả kết quả" in page and "14:00 09/06/2023" in page
    # The apology's reason and the staff stay inside the office.
    assert "Chờ xác minh" not in page
    assert_no_personal_data(response)


def test_look_up_form_and_lower_case_codes(client, dossier):
    response = client.get("/tra-cuu/")
    assert response.status_code == 200
    assert "Tra cứu tình trạng hồ sơ" in response.content.decode()
    assert client.get(f"/tra-cuu/?ma={dossier.code.lower()}").status_code == 200
    assert client.get(f"/tra-cuu/?ma=%20{dossier.code}%20").status_code == 200


def test_unknown_code_is_a_vietnamese_404(client, dossier):
    for url in ["/tra-cuu/H56.20.03-230605-9999/", "/tra-cuu/?ma=H56.20.03-230605-9999", "/tra-cuu/?ma=<script>"]:
        response = client.get(url)
        assert response.status_code == 404, url
        page = response.content.decode()
        assert "Không tìm thấy hồ sơ" in page
        assert "<script>" not in page


def test_only_get_head_and_the_digits_post(client, dossier):
    # POST carries the 4-digit check (test_applicant_check.py); nothing else changes a dossier here.
    assert client.put(f"/tra-cuu/{dossier.code}/").status_code == 405
    assert client.delete(f"/tra-cuu/{dossier.code}/").status_code == 405
    assert client.post("/tra-cuu/").status_code == 405


def test_rate_limit_answers_429_in_vietnamese(client, settings, dossier):
    settings.MOTCUA_PUBLIC_RATE_LIMIT = "3/minute"
    for _ in range(3):
        assert client.get(f"/tra-cuu/{dossier.code}/").status_code == 200
    response = client.get(f"/tra-cuu/{dossier.code}/")
    assert response.status_code == 429
    assert "Quá nhiều yêu cầu" in response.content.decode()
    assert 1 <= int(response["Retry-After"]) <= 60
    # Unknown codes and the look-up form count too: guessing codes is what the limit is for.
    assert client.get("/tra-cuu/?ma=H56.20.03-230605-9999").status_code == 429
    # Another address has its own budget.
    assert client.get(f"/tra-cuu/{dossier.code}/", REMOTE_ADDR="10.0.0.2").status_code == 200


def test_rate_limit_window_expires(client, settings, dossier, monkeypatch):
    settings.MOTCUA_PUBLIC_RATE_LIMIT = "2/minute"
    clock = [1_000_000_000.0]
    # The windows' clock only: the cache keeps its own (real) time for expiry.
    monkeypatch.setattr("motcua.portal.ratelimit.clock", lambda: clock[0])
    for _ in range(2):
        assert client.get(f"/tra-cuu/{dossier.code}/").status_code == 200
    assert client.get(f"/tra-cuu/{dossier.code}/").status_code == 429
    clock[0] += 60
    assert client.get(f"/tra-cuu/{dossier.code}/").status_code == 200


def test_rate_setting():
    assert parse_rate("30/minute") == (30, 60)
    assert parse_rate("500/hour") == (500, 3600)
    assert parse_rate("5/10s") == (5, 10)
    assert parse_rate("100/days") == (100, 86400)
    assert parse_rate(None) is None and parse_rate("") is None
    for bad in ["30", "0/minute", "30/fortnight", "x/minute"]:
        with pytest.raises(ImproperlyConfigured):
            parse_rate(bad)


def test_rate_limit_can_be_switched_off(client, settings, dossier):
    settings.MOTCUA_PUBLIC_RATE_LIMIT = None
    for _ in range(40):
        assert client.get(f"/tra-cuu/{dossier.code}/").status_code == 200


def test_public_pages_share_the_public_menu(client, dossier):
    for url, current in [
        ("/tra-cuu/", "Tra cứu hồ sơ"),
        (f"/tra-cuu/{dossier.code}/", "Tra cứu hồ sơ"),
        ("/nop-truc-tuyen/xac-minh/", "Nộp hồ sơ trực tuyến"),
        ("/phan-anh/", "Phản ánh, kiến nghị"),
        ("/cong-khai/", "Kết quả giải quyết"),
        ("/thong-ke/", "Thống kê"),
    ]:
        page = client.get(url).content.decode()
        for label in ["Tra cứu hồ sơ", "Nộp hồ sơ trực tuyến", "Phản ánh, kiến nghị", "Kết quả giải quyết", "Thống kê"]:
            assert f">{label}</a>" in page, (url, label)
        assert f' aria-current="page">{current}</a>' in page, url
        assert page.count('aria-current="page"') == 1, url
        assert '<meta name="robots" content="noindex, nofollow">' in page


def test_a_death_registration_is_not_told_by_its_code_alone(client, desk):
    from motcua.catalog.models import Procedure

    Procedure.objects.filter(pk=desk.procedure.pk).update(name="Thủ tục đăng ký khai tử")
    d = receive(desk, vn(2023, 6, 5, 8, 0))
    for response in (client.get(f"/tra-cuu/{d.code}/"), client.get(f"/tra-cuu/?ma={d.code}"), client.get(f"/danh-gia/{d.code}/")):
        page = response.content.decode()
        assert d.code in page
        assert "khai tử" not in page and desk.procedure.code not in page
    # Once the 4 digits match, the applicant sees their procedure.
    page = client.post(f"/tra-cuu/{d.code}/", {"so_cuoi": "5678"}).content.decode()
    assert "Thủ tục đăng ký khai tử" in page and desk.procedure.code in page
