"""Fixtures of the API tests: two communes of one district, their staff with tokens, a birth-registration procedure."""

import json
from types import SimpleNamespace

import pytest
from django.test import Client

from motcua.accounts.models import Role
from motcua.api.tokens import create_token
from motcua.dossiers.models import (
    Apology,
    CounterRefusal,
    DailySequence,
    Dossier,
    DossierEvent,
    Handover,
    Rating,
    Supplement,
)
from tests.desk.conftest import make_procedure, vn
from tests.factories import make_tree, make_user

APPLICANT = {
    "kind": "citizen",
    "name": "Nguyễn Văn An",
    "id_number": "038090001234",
    "phone": "0912345678",
    "email": "an@example.vn",
    "address": "Thôn 3, xã Hoằng Lưu",
}
COMPONENTS = [
    {"name": "Tờ khai đăng ký khai sinh", "form": "original", "quantity": 1},
    {"name": "Giấy chứng sinh", "form": "original"},
    {"name": "Căn cước công dân của người đi đăng ký", "form": "copy"},
]


class ApiClient(Client):
    """A test client that sends JSON and a bearer token (or none)."""

    def __init__(self, token=None, **kwargs):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        super().__init__(headers=headers, **kwargs)

    def post_json(self, path, data=None, **kwargs):
        body = "" if data is None else json.dumps(data)
        return self.post(path, body, content_type="application/json", **kwargs)


def intake_body(**overrides) -> dict:
    body = {
        "procedure": "1.001193",
        "channel": "counter",
        "applicant": dict(APPLICANT),
        "components": [dict(c) for c in COMPONENTS],
        "result_delivery": "counter",
        # Mon 05/06/2023 08:00, Việt Nam time.
        "received_at": "2023-06-05T08:00:00+07:00",
        # Earlier than now: a backdated receipt says why.
        "reason": "Nhập lại hồ sơ tiếp nhận trên giấy",
    }
    body.update(overrides)
    return body


def row_counts() -> dict:
    """Count every table an API call may write, to show that a refused call wrote nothing."""
    models = [Dossier, DossierEvent, Supplement, Apology, Handover, Rating, CounterRefusal, DailySequence]
    return {m.__name__: m.objects.count() for m in models}


@pytest.fixture
def world(db):
    province, district, commune, commune_b, other_province, other_commune = make_tree()
    people = SimpleNamespace(
        officer=make_user("motcua", commune, Role.DESK_OFFICER, first_name="Lan", last_name="Lê Thị"),
        specialist=make_user("tuphap", commune, Role.SPECIALIST, first_name="Hùng", last_name="Trần Văn"),
        specialist2=make_user("diachinh", commune, Role.SPECIALIST),
        leader=make_user("chutich", commune, Role.LEADER, first_name="Minh", last_name="Phạm Văn"),
        officer_b=make_user("motcua_b", commune_b, Role.DESK_OFFICER),
        specialist_b=make_user("tuphap_b", commune_b, Role.SPECIALIST),
        oversight=make_user("huyen", district, Role.OVERSIGHT),
    )
    w = SimpleNamespace(
        province=province,
        district=district,
        unit=commune,
        unit_b=commune_b,
        other_commune=other_commune,
        procedure=make_procedure(),
        **vars(people),
    )
    w.tokens = {name: create_token(user, "tests")[1] for name, user in vars(people).items()}
    w.client = {name: ApiClient(token) for name, token in w.tokens.items()}
    return w


@pytest.fixture
def anonymous():
    return ApiClient()


def receive(world, client="officer", **overrides):
    """Receive a dossier through the API; return the response JSON, asserting 201."""
    response = world.client[client].post_json("/api/dossiers", intake_body(**overrides))
    assert response.status_code == 201, response.content.decode()
    return response.json()


__all__ = ["APPLICANT", "COMPONENTS", "ApiClient", "intake_body", "receive", "row_counts", "vn"]
