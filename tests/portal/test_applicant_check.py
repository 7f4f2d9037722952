"""The 4-digit check on the status page: right digits of the phone or ID show the applicant masked, nothing else does."""

import pytest
from django.test import Client

from motcua.dossiers import actions as a
from tests.portal.conftest import APPLICANT, receive, vn

pytestmark = pytest.mark.django_db

# APPLICANT: "Nguyễn Văn A", ID 038090001234, phone 0912345678.
MASKED = {"name": "Nguyễn V** A", "id": "********1234", "phone": "*******678"}


@pytest.fixture
def dossier(desk):
    return receive(desk, vn(2023, 6, 5, 8, 0))


def check(client, dossier, digits):
    return client.post(f"/tra-cuu/{dossier.code}/", {"so_cuoi": digits})


def assert_no_full_data(page):
    for secret in [APPLICANT["name"], APPLICANT["id_number"], APPLICANT["phone"], "038090", "0912"]:
        assert secret not in page, secret


@pytest.mark.parametrize("digits", ["5678", "1234"], ids=["phone", "id-number"])
def test_right_digits_show_the_applicant_masked(client, dossier, digits):
    response = check(client, dossier, digits)
    assert response.status_code == 200
    page = response.content.decode()
    for shown in MASKED.values():
        assert shown in page, shown
    assert_no_full_data(page)
    assert "no-cache" in response["Cache-Control"] and response["X-Robots-Tag"] == "noindex, nofollow"


@pytest.mark.parametrize("digits", ["0000", "9012", "3456", "0900"], ids=["none", "id-middle", "phone-middle", "id-head"])
def test_wrong_digits_say_so_and_show_nothing(client, dossier, digits):
    page = check(client, dossier, digits).content.decode()
    assert "không khớp" in page
    assert 'aria-invalid="true"' in page
    assert MASKED["name"] not in page and MASKED["id"] not in page
    assert_no_full_data(page)


@pytest.mark.parametrize("digits", ["", "56a8", "678", "45678", "５６７８"])
def test_digits_must_be_four_ascii_digits(client, dossier, digits):
    page = check(client, dossier, digits).content.decode()
    assert "Xin nhập đúng 4 chữ số" in page
    assert MASKED["name"] not in page


def test_digits_in_the_url_reveal_nothing(client, dossier):
    page = client.get(f"/tra-cuu/{dossier.code}/?so_cuoi=5678").content.decode()
    assert MASKED["name"] not in page and MASKED["phone"] not in page


def test_the_check_needs_the_csrf_token(dossier):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(f"/tra-cuu/{dossier.code}/", {"so_cuoi": "5678"}).status_code == 403
    page = strict.get(f"/tra-cuu/{dossier.code}/").content.decode()
    assert 'name="csrfmiddlewaretoken"' in page


def test_attempts_count_toward_the_rate_limit(client, settings, dossier):
    settings.MOTCUA_PUBLIC_RATE_LIMIT = "3/minute"
    for digits in ["0000", "1111", "2222"]:
        assert check(client, dossier, digits).status_code == 200
    response = check(client, dossier, "5678")
    assert response.status_code == 429
    assert "Quá nhiều yêu cầu" in response.content.decode()
    assert MASKED["name"] not in response.content.decode()


def test_steps_and_apology_are_public_but_not_their_reasons(client, desk, dossier):
    d = a.do_assign_dossier(desk.officer, dossier, desk.specialist, at=vn(2023, 6, 5, 8, 30))
    d = a.do_start_processing(desk.specialist, d, at=vn(2023, 6, 5, 9, 0))
    d = a.do_request_supplement(desk.specialist, d, "Thiếu giấy chứng sinh bản chính", at=vn(2023, 6, 5, 10, 0))
    page = client.get(f"/tra-cuu/{d.code}/").content.decode()
    for label, at in [
        ("Tiếp nhận hồ sơ", "08:00 05/06/2023"),
        ("Phân công xử lý", "08:30 05/06/2023"),
        ("Bắt đầu xử lý", "09:00 05/06/2023"),
        ("Yêu cầu bổ sung hồ sơ", "10:00 05/06/2023"),
    ]:
        assert f"{at}</span> — {label}" in page, label
    assert "Thiếu giấy chứng sinh" not in page
    d = a.do_receive_supplement(desk.specialist, d, at=vn(2023, 6, 6, 8, 0))
    d = a.do_issue_apology(desk.leader, d, vn(2023, 6, 12, 17, 0), "Chờ xác minh của công an", at=vn(2023, 6, 8, 8, 0))
    page = client.get(f"/tra-cuu/{d.code}/").content.decode()
    assert "Xin lỗi và hẹn lại" in page and "17:00 12/06/2023" in page
    assert "Chờ xác minh" not in page
    assert "Lê Thị" not in page and "Trần Văn" not in page  # staff names stay inside


def test_a_strangers_wrong_answers_lock_the_stranger_not_the_owner(client, settings, desk, dossier):
    settings.MOTCUA_PUBLIC_CHECK_LIMIT = "3/hour"
    stranger = "203.0.113.7"
    for digits in ["0000", "1111", "2222"]:
        page = client.post(f"/tra-cuu/{dossier.code}/", {"so_cuoi": digits}, REMOTE_ADDR=stranger).content.decode()
        assert "không khớp" in page
    # The stranger, even with the right answer, now waits for the window to pass.
    page = client.post(f"/tra-cuu/{dossier.code}/", {"so_cuoi": "5678"}, REMOTE_ADDR=stranger).content.decode()
    assert "Bạn đã nhập sai quá nhiều lần" in page and MASKED["name"] not in page
    # The owner, from their own address, gets in.
    page = client.post(f"/tra-cuu/{dossier.code}/", {"so_cuoi": "5678"}, REMOTE_ADDR="198.51.100.20").content.decode()
    assert MASKED["name"] in page


def test_one_address_guessing_across_dossiers_is_capped_in_all(client, settings, desk, dossier):
    settings.MOTCUA_PUBLIC_CHECK_LIMIT = "3/hour"
    settings.MOTCUA_PUBLIC_CHECK_CLIENT_LIMIT = "5/hour"
    others = [receive(desk, vn(2023, 6, 5, 9, n)) for n in range(3)]
    guesses = [(others[0], "0000"), (others[0], "1111"), (others[1], "0000"), (others[1], "1111"), (others[2], "0000")]
    for target, digits in guesses:
        assert "không khớp" in check(client, target, digits).content.decode()
    # Five wrong answers in all: no dossier may be tried from this address any more, the right answer neither.
    page = check(client, dossier, "5678").content.decode()
    assert "Bạn đã nhập sai quá nhiều lần" in page and MASKED["name"] not in page
    assert MASKED["name"] in client.post(f"/tra-cuu/{dossier.code}/", {"so_cuoi": "5678"}, REMOTE_ADDR="198.51.100.20").content.decode()
