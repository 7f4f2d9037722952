"""Who may call: bearer tokens and Django sessions (CSRF on POST); anyone else gets 401."""

import hashlib

import pytest
from django.test import Client

from motcua.api.main import api
from motcua.api.models import ApiToken
from motcua.api.tokens import create_token
from tests.api.conftest import ApiClient, intake_body, receive, row_counts

pytestmark = pytest.mark.django_db

UNAUTHENTICATED = {
    "code": "unauthenticated",
    "message": "cần đăng nhập, hoặc gửi mã truy cập hợp lệ (Authorization: Bearer …)",
    "details": {},
}


# Open to anyone by design (exchange.md): the public statistics.
PUBLIC = {("GET", "/api/public/statistics")}


def operations(public: bool = False):
    """Yield (method, path) of every documented operation that needs a login (or, with `public`, that does not)."""
    for path, methods in api.get_openapi_schema()["paths"].items():
        for method, operation in methods.items():
            if bool(operation.get("security")) != public:
                yield method.upper(), path.replace("{code}", "H56.20.03-230605-0001")


def test_only_the_public_statistics_need_no_login():
    assert set(operations(public=True)) == PUBLIC


@pytest.mark.parametrize("method, path", list(operations()))
def test_anonymous_gets_401_everywhere(world, anonymous, method, path):
    receive(world)
    before = row_counts()
    response = anonymous.generic(method, path, "{}", content_type="application/json")
    assert response.status_code == 401
    assert response.json() == UNAUTHENTICATED
    assert response["WWW-Authenticate"] == "Bearer"
    assert row_counts() == before


@pytest.mark.parametrize("header", ["Bearer motcua_not-a-token", "Bearer ", "Token abc", "Basic dXNlcjpwYXNz", "Bearer " + "x" * 500])
def test_wrong_tokens_get_401(world, header):
    response = Client(headers={"Authorization": header}).get("/api/me")
    assert response.status_code == 401 and response.json() == UNAUTHENTICATED


def test_token_identifies_the_user(world):
    me = world.client["leader"].get("/api/me").json()
    assert me == {
        "username": "chutich",
        "full_name": "Phạm Văn Minh",
        "email": "",
        "role": "leader",
        "role_label": "Lãnh đạo",
        "unit": {"code": "16003", "name": "Xã Hoằng Lưu", "agency_id": "H56.20.03"},
    }


def test_only_the_sha256_of_a_token_is_stored(world):
    token, raw = create_token(world.officer, "máy quầy 2")
    assert token.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw.startswith("motcua_") and raw.startswith(token.prefix)
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert raw not in [str(v) for v in stored.values()]


def test_use_is_noted(world):
    token = ApiToken.objects.get(user=world.officer)
    assert token.last_used_at is None
    world.client["officer"].get("/api/me")
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_revoked_token_gets_401(world):
    assert world.client["officer"].get("/api/me").status_code == 200
    ApiToken.objects.filter(user=world.officer).update(revoked=True)
    response = world.client["officer"].get("/api/me")
    assert response.status_code == 401 and response.json() == UNAUTHENTICATED


def test_token_of_a_locked_account_gets_401(world):
    world.officer.is_active = False
    world.officer.save()
    assert world.client["officer"].get("/api/me").status_code == 401


def test_session_reads_without_csrf(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.officer)
    response = client.get("/api/me")
    assert response.status_code == 200 and response.json()["username"] == "motcua"


def test_session_post_needs_the_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.officer)
    before = row_counts()
    response = client.post("/api/dossiers", intake_body(), content_type="application/json")
    assert response.status_code == 403
    assert response.json()["code"] == "csrf_failed"
    assert row_counts() == before

    client.get("/admin/login/")  # any page that sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    response = client.post("/api/dossiers", intake_body(), content_type="application/json", headers={"X-CSRFToken": token})
    assert response.status_code == 201, response.content.decode()
    assert response.json()["code"] == "H56.20.03-230605-0001"


def test_bearer_post_needs_no_csrf(world):
    client = ApiClient(world.tokens["officer"], enforce_csrf_checks=True)
    assert client.post_json("/api/dossiers", intake_body()).status_code == 201


def test_openapi_and_docs_are_public(anonymous, db):
    schema = anonymous.get("/api/openapi.json")
    assert schema.status_code == 200
    assert schema.json()["openapi"].startswith("3.")
    assert {"BearerTokenAuth", "SessionAuth"} <= set(schema.json()["components"]["securitySchemes"])
    docs = anonymous.get("/api/docs")
    assert docs.status_code == 200 and b"swagger" in docs.content.lower()
