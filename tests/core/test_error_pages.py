"""Error pages speak Vietnamese (and English when chosen), and say that nothing changed."""

import pytest
from django.test import Client

from tests.factories import make_tree, make_user

pytestmark = pytest.mark.django_db


def test_unknown_page_is_a_vietnamese_404(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_404_in_english_when_chosen(client):
    client.cookies["django_language"] = "en"
    response = client.get("/khong-co-trang-nay/")
    assert "Page not found" in response.content.decode()


def test_another_units_dossier_is_the_same_404_page(client):
    _, _, commune_a, commune_b, *_ = make_tree()
    client.force_login(make_user("a", commune_a, "desk_officer"))
    response = client.get("/can-bo/ho-so/H56.20.04-230605-0001/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_forged_post_without_csrf_token_gets_the_vietnamese_403(db):
    _, _, commune, *_ = make_tree()
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(make_user("lanhdao", commune, "leader"))
    response = strict.post("/i18n/setlang/", {"language": "en"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Phiên làm việc đã hết hạn" in page and "Không có dữ liệu nào bị thay đổi" in page


def test_server_error_page_renders_without_context():
    from django.template.loader import get_template

    html = get_template("500.html").render({})
    assert "Lỗi hệ thống" in html
