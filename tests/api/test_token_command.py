"""`motcua token create|revoke|list`: the token is printed once; revoked tokens stop working."""

import io

import pytest
from django.core.management import CommandError, call_command

from motcua.api.models import ApiToken
from motcua.api.tokens import hash_token
from tests.api.conftest import ApiClient

pytestmark = pytest.mark.django_db


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("token", *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue().strip()


def test_create_prints_the_token_once_and_stores_its_hash(world):
    token, notice = run("create", "--user", "motcua", "--name", "máy quầy 1")
    assert token.startswith("motcua_") and "\n" not in token
    assert "sẽ không được hiển thị lần nữa" in notice
    row = ApiToken.objects.get(name="máy quầy 1")
    assert row.user == world.officer and row.token_hash == hash_token(token)
    assert ApiClient(token).get("/api/me").json()["username"] == "motcua"


def test_revoke_stops_the_token(world):
    token, _ = run("create", "--user", "motcua", "--name", "kiosk")
    assert ApiClient(token).get("/api/me").status_code == 200
    out, _ = run("revoke", "--user", "motcua", "--name", "kiosk")
    assert out == "Đã thu hồi 1 mã truy cập của motcua."
    response = ApiClient(token).get("/api/me")
    assert response.status_code == 401
    assert ApiToken.objects.get(name="kiosk").revoked_at is not None
    # The fixture's own token of the same user still works.
    assert world.client["officer"].get("/api/me").status_code == 200


def test_revoke_all(world):
    run("create", "--user", "motcua", "--name", "kiosk")
    out, _ = run("revoke", "--user", "motcua", "--all")
    assert out == "Đã thu hồi 2 mã truy cập của motcua."
    assert world.client["officer"].get("/api/me").status_code == 401


def test_a_name_is_used_once_per_user_until_revoked(world):
    run("create", "--user", "motcua", "--name", "kiosk")
    with pytest.raises(CommandError, match="đã có mã truy cập tên «kiosk» chưa thu hồi"):
        run("create", "--user", "motcua", "--name", "kiosk")
    run("revoke", "--user", "motcua", "--name", "kiosk")
    run("create", "--user", "motcua", "--name", "kiosk")


def test_errors_are_in_vietnamese(world):
    with pytest.raises(CommandError, match="không có người dùng «ai»"):
        run("create", "--user", "ai", "--name", "x")
    with pytest.raises(CommandError, match="motcua không có mã truy cập tên «không có» đang hiệu lực"):
        run("revoke", "--user", "motcua", "--name", "không có")


def test_list_shows_no_token(world):
    token, _ = run("create", "--user", "motcua", "--name", "kiosk")
    out, _ = run("list", "--user", "motcua")
    assert "kiosk" in out and "hiệu lực" in out
    assert token not in out
