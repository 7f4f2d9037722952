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
