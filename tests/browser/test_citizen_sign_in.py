"""A citizen signs in through a real OpenID Connect provider (django-oidc-provider, run locally) and sees their own dossiers."""

import pytest

from tests.desk.conftest import APPLICANT, desk, receive, vn  # noqa: F401
from tests.oidc_provider.run import running_provider

OTHER = "038195012345"


@pytest.fixture
def provider(live_server, settings, tmp_path):
    """The provider, its client registered for this live server's callback; the site configured to use it."""
    users = [
        (APPLICANT["id_number"], "mat-khau-vneid", "Nguyễn Văn An"),
        # The desk officer's user name (tests/desk/conftest.py), for staff sign-in.
        ("motcua", "mat-khau-can-bo", "Lê Thị Lan"),
    ]
    with running_provider(tmp_path, f"{live_server.url}/oidc/callback/", users) as running:
        for name, value in running.settings().items():
            setattr(settings, name, value)
        yield running


def test_a_citizen_signs_in_with_the_provider_and_sees_only_their_dossiers(page, desk, provider):
    mine = [receive(desk, vn(2023, 6, 5, 8, n)) for n in range(2)]
    theirs = receive(desk, vn(2023, 6, 5, 9, 0), applicant={**APPLICANT, "name": "Lê Thị Mai", "id_number": OTHER})

    page.goto("/cong-dan/dang-nhap/")
    page.get_by_role("button", name="Đăng nhập bằng VNeID").click()
    # The provider's own login page, on its own port.
    sign_in_at_provider(page, provider, APPLICANT["id_number"], "mat-khau-vneid")
    page.wait_for_url("**/cong-dan/ho-so/")

    listing = page.locator("#ho-so-cua-toi").inner_text()
    assert "Xin chào Nguyễn Văn An" in page.locator("main").inner_text()
    assert all(d.code in listing for d in mine)
    assert theirs.code not in listing

    # Opened without the 4-digit check: the applicant's (masked) details at once.
    page.get_by_role("link", name=mine[0].code).click()
    page.wait_for_url(f"**/cong-dan/ho-so/{mine[0].code}/")
    assert "Nguyễn V** A" in page.locator("article.verified").inner_text()
    assert page.locator("#so_cuoi").count() == 0
    # Another citizen's dossier is not found, even by its code.
    response = page.goto(f"/cong-dan/ho-so/{theirs.code}/")
    assert response.status == 404

    # Signed in as a citizen is not signed in as staff.
    page.goto("/can-bo/")
    assert "/dang-nhap/" in page.url
    assert page.goto("/api/dossiers").status == 401

    page.goto("/cong-dan/ho-so/")
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url("**/cong-dan/dang-nhap/")
    page.goto("/cong-dan/ho-so/")
    assert page.url.endswith("/cong-dan/dang-nhap/")


def sign_in_at_provider(page, provider, username, password):
    page.wait_for_url(f"{provider.url.rsplit('/', 1)[0]}/login/**")
    page.get_by_label("Số định danh").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def test_staff_sign_in_through_the_provider_only_when_allowed_and_never_for_a_citizen(page, desk, provider, settings):
    from motcua.accounts.models import User

    # Off by default: no button, no entry point.
    page.goto("/dang-nhap/")
    assert page.locator("#dang-nhap-dinh-danh").count() == 0
    assert page.goto("/oidc/can-bo/").status == 404

    settings.MOTCUA_OIDC_STAFF = True
    page.goto("/dang-nhap/")
    page.get_by_role("button", name="Đăng nhập bằng tài khoản định danh").click()
    sign_in_at_provider(page, provider, "motcua", "mat-khau-can-bo")
    page.wait_for_url("**/can-bo/")
    assert page.get_by_role("link", name="Tiếp nhận").count() >= 1

    # A citizen through the staff entry: no staff account has that name, none is made.
    page.context.clear_cookies()
    page.goto("/dang-nhap/")
    page.get_by_role("button", name="Đăng nhập bằng tài khoản định danh").click()
    sign_in_at_provider(page, provider, APPLICANT["id_number"], "mat-khau-vneid")
    page.wait_for_url("**/cong-dan/dang-nhap/?loi=1")
    assert "Đăng nhập không thành công" in page.locator("main").inner_text()
    assert not User.objects.filter(username=APPLICANT["id_number"]).exists()
    page.goto("/can-bo/")
    assert "/dang-nhap/" in page.url

    # The staff account through the citizens' entry: its subject is no ID number, so no citizen either.
    page.context.clear_cookies()
    page.goto("/cong-dan/dang-nhap/")
    page.get_by_role("button", name="Đăng nhập bằng VNeID").click()
    sign_in_at_provider(page, provider, "motcua", "mat-khau-can-bo")
    page.wait_for_url("**/cong-dan/dang-nhap/?loi=1")
    page.goto("/can-bo/")
    assert "/dang-nhap/" in page.url
