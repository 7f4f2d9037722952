"""Signing in through the real login page."""

import pytest

from tests.factories import make_tree, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_wrong_password_is_refused_in_vietnamese(page, login):
    _, _, commune, *_ = make_tree()
    officer = make_user("tiepnhan", commune, "desk_officer")
    login(officer, password="sai-mat-khau")
    assert page.url.endswith("/dang-nhap/")
    assert "mật khẩu" in page.locator(".errorlist").inner_text()


def test_officer_signs_in_and_out(page, login):
    _, _, commune, *_ = make_tree()
    officer = make_user("tiepnhan", commune, "desk_officer", first_name="Lan")
    login(officer)
    assert "/can-bo/" in page.url
    assert "Xã Hoằng Lưu" in page.locator("header").inner_text()
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url("**/dang-nhap/")
    page.goto("/can-bo/")
    assert "/dang-nhap/" in page.url


def test_repeated_wrong_passwords_pause_sign_in_in_vietnamese(page, login, settings):
    _, _, commune, *_ = make_tree()
    officer = make_user("tiepnhan", commune, "desk_officer")
    for _ in range(settings.MOTCUA_LOGIN_FAILURE_LIMIT):
        login(officer, password="sai-mat-khau")
    assert "Tạm khóa đăng nhập" in page.locator("main").inner_text()
    login(officer)  # the right password waits for the pause too
    assert "Tạm khóa đăng nhập" in page.locator("main").inner_text()
    assert "/can-bo/" not in page.url


def test_officer_changes_their_own_password(page, login):
    _, _, commune, *_ = make_tree()
    officer = make_user("tiepnhan", commune, "desk_officer")
    login(officer)
    page.get_by_role("link", name="Đổi mật khẩu").click()
    page.wait_for_url("**/doi-mat-khau/")
    page.get_by_label("Mật khẩu cũ").fill("x-test-pass")
    page.get_by_label("Mật khẩu mới", exact=True).fill("12345678901234")
    page.get_by_label("Xác nhận mật khẩu mới").fill("12345678901234")
    page.get_by_role("button", name="Đổi mật khẩu").click()
    page.wait_for_load_state()
    assert "Mật khẩu không được chỉ gồm chữ số." in page.locator(".field-error").inner_text()
    page.get_by_label("Mật khẩu cũ").fill("x-test-pass")
    page.get_by_label("Mật khẩu mới", exact=True).fill("Lúa-chín-vàng-đồng-2026")
    page.get_by_label("Xác nhận mật khẩu mới").fill("Lúa-chín-vàng-đồng-2026")
    page.get_by_role("button", name="Đổi mật khẩu").click()
    page.wait_for_load_state()
    assert "Đã đổi mật khẩu" in page.locator("main").inner_text()
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url("**/dang-nhap/")
    login(officer, password="Lúa-chín-vàng-đồng-2026")
    assert "/can-bo/" in page.url
