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
