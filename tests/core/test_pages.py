import pytest

pytestmark = pytest.mark.django_db


def test_home_page_is_vietnamese(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "Bộ phận Một cửa" in response.content.decode()


def test_admin_login_page_is_vietnamese(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "Đăng nhập" in response.content.decode()


def test_vietnamese_even_when_the_browser_asks_for_english(client):
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Đăng nhập" in response.content.decode()
    assert response.headers["Content-Language"] == "vi"


def test_english_when_the_user_chose_it(client):
    client.cookies["django_language"] = "en"
    response = client.get("/admin/login/")
    assert "Log in" in response.content.decode()


def test_language_switch_turns_the_pages_english_and_back(client):
    # The switch posts to Django's set_language, which sets the language cookie.
    client.get("/")
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/dang-nhap/"})
    assert response.status_code == 302
    page = client.get("/dang-nhap/").content.decode()
    assert "Staff sign-in" in page and "Username" in page
    assert '<html lang="en">' in page
    assert "Tiếng Việt" in page  # the way back
    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    page = client.get("/dang-nhap/").content.decode()
    assert "Đăng nhập cán bộ" in page and "Tên đăng nhập" in page
    assert '<html lang="vi">' in page


def test_staff_menu_is_translated(client):
    from tests.factories import make_tree, make_user

    _, _, commune, *_ = make_tree()
    client.force_login(make_user("lanhdao", commune, "leader"))
    client.cookies["django_language"] = "en"
    page = client.get("/").content.decode()
    assert "Awaiting decision" in page and "Reports" in page
    assert "Chờ phê duyệt" not in page
