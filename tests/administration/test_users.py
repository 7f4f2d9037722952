"""User administration: scoped list, creation with password checks, role/unit changes, deactivation, password reset."""

from django.test import Client

from motcua.accounts.models import User
from motcua.administration.models import ChangeRecord
from tests.administration.conftest import errors_of


def new_user(env, **overrides):
    data = {
        "username": "tiepnhan2",
        "last_name": "Lê Thị",
        "first_name": "Mai",
        "unit": env.commune_b.pk,
        "role": "desk_officer",
        "password": "mot-cua-2026",
        "password_again": "mot-cua-2026",
    }
    data.update(overrides)
    return data


def users_state():
    return list(User.objects.order_by("pk").values("pk", "username", "unit_id", "role", "is_active", "password")), ChangeRecord.objects.count()


def test_list_shows_only_the_subtree(client, env):
    client.force_login(env.district_admin)
    names = [u.username for u in client.get("/quan-tri/nguoi-dung/").context["page"].object_list]
    assert sorted(names) == ["motcua", "quantri_huyen"]
    client.force_login(env.admin)
    names = [u.username for u in client.get("/quan-tri/nguoi-dung/", {"q": "hoang van"}).context["page"].object_list]
    assert names == ["quantri_tinh"]


def signs_in(username, password) -> bool:
    """Tell whether the login page lets `username` in with `password`."""
    return Client().post("/dang-nhap/", {"username": username, "password": password}).status_code == 302


def test_created_officer_can_sign_in(as_admin, env):
    response = as_admin.post("/quan-tri/nguoi-dung/them/", new_user(env))
    assert response.status_code == 302
    created = User.objects.get(username="tiepnhan2")
    assert (created.unit, created.role, created.last_name, created.first_name, created.is_active) == (env.commune_b, "desk_officer", "Lê Thị", "Mai", True)
    assert signs_in("tiepnhan2", password="mot-cua-2026")
    record = ChangeRecord.objects.get()
    assert (record.actor, record.unit, record.action) == (env.admin, env.commune_b, "tạo người dùng")
    assert record.details["name"] == "Lê Thị Mai"
    assert "mot-cua-2026" not in str(record.details)


def test_short_password_is_refused_on_its_field(as_admin, env):
    before = users_state()
    response = as_admin.post("/quan-tri/nguoi-dung/them/", new_user(env, password="abc", password_again="abc"))
    assert response.status_code == 200
    assert errors_of(response, "password") == ["Mật khẩu quá ngắn: cần ít nhất 10 ký tự. Mật khẩu quá phổ biến, dễ đoán."]
    response = as_admin.post("/quan-tri/nguoi-dung/them/", new_user(env, password_again="khac-mat-khau"))
    assert errors_of(response, "password_again") == ["Hai mật khẩu không giống nhau."]
    assert users_state() == before


def test_forged_unit_outside_the_subtree_is_refused(client, env):
    client.force_login(env.district_admin)
    before = users_state()
    for unit in (env.province, env.other_commune):
        response = client.post("/quan-tri/nguoi-dung/them/", new_user(env, unit=unit.pk))
        assert errors_of(response, "unit") == ["Đơn vị không thuộc phạm vi quản lý của bạn."]
    response = client.post("/quan-tri/nguoi-dung/them/", new_user(env, unit="abc"))
    assert errors_of(response, "unit") == ["Đơn vị không thuộc phạm vi quản lý của bạn."]
    assert users_state() == before


def test_duplicate_username_and_unknown_role_are_refused(as_admin, env):
    before = users_state()
    response = as_admin.post("/quan-tri/nguoi-dung/them/", new_user(env, username="MOTCUA"))
    assert errors_of(response, "username") == ["Tên đăng nhập «MOTCUA» đã có người dùng."]
    response = as_admin.post("/quan-tri/nguoi-dung/them/", new_user(env, role="superuser"))
    assert errors_of(response, "role")
    assert users_state() == before


def test_edit_role_and_unit(as_admin, env):
    url = f"/quan-tri/nguoi-dung/{env.officer.pk}/"
    data = {"form": "edit", "last_name": "Lê", "first_name": "Lan", "unit": env.commune_b.pk, "role": "specialist"}
    assert as_admin.post(url, data).status_code == 302
    env.officer.refresh_from_db()
    assert (env.officer.unit, env.officer.role) == (env.commune_b, "specialist")
    assert ChangeRecord.objects.get().details["role"] == ["desk_officer", "specialist"]
    before = users_state()
    response = as_admin.post(url, {**data, "unit": env.other_commune.pk})
    assert errors_of(response, "unit") == ["Đơn vị không thuộc phạm vi quản lý của bạn."]
    assert users_state() == before


def test_administrator_cannot_change_own_role(as_admin, env):
    before = users_state()
    url = f"/quan-tri/nguoi-dung/{env.admin.pk}/"
    response = as_admin.post(url, {"form": "edit", "last_name": "", "first_name": "Nam", "unit": env.province.pk, "role": "desk_officer"})
    assert errors_of(response, "role") == ["Bạn không thể tự đổi vai trò hoặc đơn vị của chính mình."]
    assert users_state() == before


def test_users_of_another_subtree_are_404(client, env):
    client.force_login(env.district_admin)
    for user in (env.officer_other, env.admin, env.province_officer):
        assert client.get(f"/quan-tri/nguoi-dung/{user.pk}/").status_code == 404
        assert client.post(f"/quan-tri/nguoi-dung/{user.pk}/trang-thai/", {"active": "0"}).status_code == 404
        assert client.post(f"/quan-tri/nguoi-dung/{user.pk}/", {"form": "password", "password": "mat-khau-moi-1", "password_again": "mat-khau-moi-1"}).status_code == 404
    assert User.objects.filter(is_active=False).count() == 0


def test_deactivate_and_reactivate(as_admin, env):
    url = f"/quan-tri/nguoi-dung/{env.officer.pk}/trang-thai/"
    assert as_admin.post(url, {"active": "0"}).status_code == 302
    assert not User.objects.get(pk=env.officer.pk).is_active
    assert not signs_in("motcua", password="x-test-pass")
    assert as_admin.post(url, {"active": "1"}).status_code == 302
    assert signs_in("motcua", password="x-test-pass")
    assert [r.action for r in ChangeRecord.objects.order_by("id")] == ["khóa tài khoản", "mở lại tài khoản"]


def test_administrator_cannot_deactivate_themselves(as_admin, env):
    response = as_admin.post(f"/quan-tri/nguoi-dung/{env.admin.pk}/trang-thai/", {"active": "0"}, follow=True)
    assert "Bạn không thể tự khóa tài khoản của chính mình." in response.content.decode()
    assert User.objects.get(pk=env.admin.pk).is_active
    assert not ChangeRecord.objects.exists()


def test_reset_password(as_admin, env):
    url = f"/quan-tri/nguoi-dung/{env.officer.pk}/"
    response = as_admin.post(url, {"form": "password", "password": "ngan", "password_again": "ngan"})
    assert response.context["password_form"].errors["password"] == ["Mật khẩu quá ngắn: cần ít nhất 10 ký tự."]
    assert signs_in("motcua", password="x-test-pass")
    assert as_admin.post(url, {"form": "password", "password": "mat-khau-moi-1", "password_again": "mat-khau-moi-1"}).status_code == 302
    assert signs_in("motcua", password="mat-khau-moi-1")
    assert not signs_in("motcua", password="x-test-pass")
