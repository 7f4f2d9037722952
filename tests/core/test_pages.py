import pytest

pytestmark = pytest.mark.django_db


def test_home_page_is_vietnamese(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "Bộ phận Một cửa" in response.content.decode()


def test_health_check_answers(client):
    assert client.get("/healthz").json() == {"status": "ok"}


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
