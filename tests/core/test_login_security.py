"""Sign-in lockout (django-axes), the password validators, "Đổi mật khẩu", and API tokens ending with the password."""

import pytest
from django.test import Client

from motcua.accounts.models import Role
from motcua.api.models import ApiToken
from motcua.api.tokens import create_token
from tests.factories import make_tree, make_user

pytestmark = pytest.mark.django_db

PASSWORD = "x-test-pass"  # tests/factories.make_user's password
NEW_PASSWORD = "Lúa-chín-vàng-đồng-2026"


@pytest.fixture
def officer():
    _, _, commune, *_ = make_tree()
    return make_user("tiepnhan", commune, Role.DESK_OFFICER, first_name="Lan", last_name="Lê Thị")


def sign_in(client, username, password):
    return client.post("/dang-nhap/", {"username": username, "password": password})


def test_five_wrong_passwords_lock_the_name_from_that_address(officer, settings):
    guesser = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(settings.MOTCUA_LOGIN_FAILURE_LIMIT - 1):
        response = sign_in(guesser, "tiepnhan", "doan-sai-mat-khau")
        assert response.status_code == 200 and "_auth_user_id" not in guesser.session
    # The fifth failure locks; the right password from that address is refused as well.
    assert sign_in(guesser, "tiepnhan", "doan-sai-mat-khau").status_code == 429
    response = sign_in(guesser, "tiepnhan", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in guesser.session
    page = response.content.decode()
    assert "Tạm khóa đăng nhập" in page and "5 lần" in page and "15 phút" in page
    assert response["Retry-After"] == "900"


def test_a_strangers_guesses_do_not_lock_the_owner_out(officer, settings):
    stranger = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(settings.MOTCUA_LOGIN_FAILURE_LIMIT + 3):
        sign_in(stranger, "tiepnhan", "doan-sai-mat-khau")
    owner = Client(REMOTE_ADDR="198.51.100.20")
    response = sign_in(owner, "tiepnhan", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/can-bo/"


def test_a_success_clears_the_failures(officer, settings):
    client = Client(REMOTE_ADDR="198.51.100.20")
    for _ in range(settings.MOTCUA_LOGIN_FAILURE_LIMIT - 1):
        sign_in(client, "tiepnhan", "go-nham-mat-khau")
    assert sign_in(client, "tiepnhan", PASSWORD).status_code == 302
    client.post("/dang-xuat/")
    for _ in range(settings.MOTCUA_LOGIN_FAILURE_LIMIT - 1):
        sign_in(client, "tiepnhan", "go-nham-mat-khau")
    assert sign_in(client, "tiepnhan", PASSWORD).status_code == 302


def test_the_lockout_is_kept_in_the_database_for_every_worker(officer, settings):
    from axes.models import AccessAttempt

    guesser = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(settings.MOTCUA_LOGIN_FAILURE_LIMIT):
        sign_in(guesser, "tiepnhan", "doan-sai-mat-khau")
    attempt = AccessAttempt.objects.get()
    assert (attempt.username, attempt.ip_address, attempt.failures_since_start) == (
        "tiepnhan", "203.0.113.7", settings.MOTCUA_LOGIN_FAILURE_LIMIT
    )
    # Another client (another worker would read the same row) from that address is locked too.
    assert sign_in(Client(REMOTE_ADDR="203.0.113.7"), "tiepnhan", PASSWORD).status_code == 429


def change_password(client, old, new, again=None):
    return client.post(
        "/doi-mat-khau/", {"old_password": old, "new_password1": new, "new_password2": new if again is None else again}
    )


@pytest.mark.parametrize(
    "new, fragment",
    [
        ("ngan-qua", "Mật khẩu quá ngắn: cần ít nhất 10 ký tự."),
        ("12345678901234", "Mật khẩu không được chỉ gồm chữ số."),
        ("password1234", "Mật khẩu quá phổ biến, dễ đoán."),
        ("tiepnhan-2026", "Mật khẩu quá giống thông tin của tài khoản."),
    ],
)
def test_a_weak_new_password_is_refused_by_django_validators(officer, client, new, fragment):
    client.force_login(officer)
    response = change_password(client, PASSWORD, new)
    assert response.status_code == 200
    assert fragment in response.content.decode()
    officer.refresh_from_db()
    assert officer.check_password(PASSWORD)


def test_the_old_password_must_be_right(officer, client):
    client.force_login(officer)
    response = change_password(client, "khong-phai-mat-khau", NEW_PASSWORD)
    assert response.status_code == 200 and "Mật khẩu cũ không chính xác" in response.content.decode()


def test_every_staff_user_finds_the_page_in_the_menu(officer, client):
    client.force_login(officer)
    page = client.get("/can-bo/").content.decode()
    assert 'href="/doi-mat-khau/"' in page
    form = client.get("/doi-mat-khau/").content.decode()
    assert "<h1>Đổi mật khẩu</h1>" in form and "ít nhất 10 ký tự" in form
    assert client.logout() is None and Client().get("/doi-mat-khau/").status_code == 302


def test_changing_the_password_keeps_the_session_and_ends_the_api_tokens(officer, client):
    _, raw = create_token(officer, "máy quầy")
    api = Client(headers={"Authorization": f"Bearer {raw}"})
    assert api.get("/api/me").status_code == 200
    client.force_login(officer)
    response = change_password(client, PASSWORD, NEW_PASSWORD)
    assert response.status_code == 302
    assert client.get("/can-bo/").status_code == 200  # still signed in
    assert api.get("/api/me").status_code == 401
    assert ApiToken.objects.get().revoked
    # A token made under the new password works.
    _, fresh = create_token(officer, "máy quầy mới")
    assert Client(headers={"Authorization": f"Bearer {fresh}"}).get("/api/me").status_code == 200
    assert sign_in(Client(), "tiepnhan", NEW_PASSWORD).status_code == 302


def test_an_administrators_reset_ends_the_tokens_too(officer):
    from motcua.administration.users import do_reset_password

    admin = make_user("quantri", officer.unit, Role.ADMINISTRATOR)
    _, raw = create_token(officer, "máy quầy")
    api = Client(headers={"Authorization": f"Bearer {raw}"})
    assert api.get("/api/me").status_code == 200
    do_reset_password(admin, officer, NEW_PASSWORD)
    assert api.get("/api/me").status_code == 401


def test_the_pages_in_english(officer, settings):
    from tests.english import vietnamese_finder

    vietnamese_left = vietnamese_finder(["Tiếng Việt"])
    client = Client(REMOTE_ADDR="203.0.113.7")
    client.cookies["django_language"] = "en"
    for _ in range(settings.MOTCUA_LOGIN_FAILURE_LIMIT):
        locked = sign_in(client, "tiepnhan", "doan-sai-mat-khau")
    assert locked.status_code == 429 and "Sign-in paused" in locked.content.decode()
    assert vietnamese_left(locked) == []
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(officer)
    page = client.get("/doi-mat-khau/")
    assert "Change password" in page.content.decode()
    assert vietnamese_left(page, data=["Lê Thị Lan", "Xã Hoằng Lưu"]) == []
    refused = change_password(client, PASSWORD, "ngan-qua")
    assert "too short" in refused.content.decode()
    assert vietnamese_left(refused, data=["Lê Thị Lan", "Xã Hoằng Lưu"]) == []
