"""Only administrators reach /quan-tri/; each sees counts of their own subtree."""

from motcua.administration.models import ChangeRecord


def test_anonymous_visitor_is_sent_to_login(client, env):
    response = client.get("/quan-tri/")
    assert response.status_code == 302
    assert response["Location"].startswith("/dang-nhap/")


def test_desk_officer_is_refused(client, env):
    client.force_login(env.officer)
    assert client.get("/quan-tri/").status_code == 403
    assert client.get("/quan-tri/nguoi-dung/").status_code == 403
    response = client.post("/quan-tri/lich/khai-bao/", {"date": "2026-06-08", "kind": "day_off", "province": env.province.pk})
    assert response.status_code == 403


def test_index_counts_the_subtree(as_admin, env):
    response = as_admin.get("/quan-tri/")
    assert response.status_code == 200
    counts = response.context["counts"]
    # Province 38: itself, the district, two communes; users: admin, district admin, officer, province oversight.
    assert counts["units"] == 4
    assert counts["users"] == 4
    assert counts["procedures"] == 1
    body = response.content.decode()
    assert "Danh mục thủ tục" in body and "Lịch làm việc" in body and "Người dùng" in body
    # Data loads are for superusers only.
    assert "/quan-tri/nap-du-lieu/" not in body


def test_history_shows_only_the_subtree(client, env):
    ChangeRecord.objects.create(actor=env.other_admin, unit=env.other_province, object_kind="x", object_id="1", object_repr="Nghệ An", action="sửa")
    ChangeRecord.objects.create(actor=env.admin, unit=env.commune_a, object_kind="x", object_id="2", object_repr="Hoằng Lưu", action="sửa")
    client.force_login(env.admin)
    body = client.get("/quan-tri/lich-su/").content.decode()
    assert "Hoằng Lưu" in body
    assert "Nghệ An" not in body


def test_post_without_csrf_token_is_refused(env):
    from django.test import Client

    from motcua.workdays.models import DeclaredDay

    client = Client(enforce_csrf_checks=True)
    client.force_login(env.admin)
    response = client.post("/quan-tri/lich/khai-bao/", {"date": "2026-06-08", "kind": "day_off", "province": env.province.pk})
    assert response.status_code == 403
    assert not DeclaredDay.objects.exists()
