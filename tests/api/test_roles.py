"""A role that may not do an action gets 403 with the reason in Vietnamese, and nothing is written."""

import pytest

from tests.api.conftest import intake_body, receive, row_counts

pytestmark = pytest.mark.django_db


def test_specialist_may_not_receive_dossiers(world):
    before = row_counts()
    response = world.client["specialist"].post_json("/api/dossiers", intake_body())
    assert response.status_code == 403
    assert response.json() == {
        "code": "forbidden_role",
        "message": "vai trò «Chuyên viên» không được tiếp nhận hồ sơ",
        "details": {},
    }
    assert row_counts() == before


def test_desk_officer_may_not_approve(world):
    code = receive(world)["code"]
    before = row_counts()
    response = world.client["officer"].post_json(f"/api/dossiers/{code}/actions/approve", {"note": "Đồng ý"})
    assert response.status_code == 403
    assert response.json() == {
        "code": "forbidden_role",
        "message": "vai trò «Cán bộ một cửa» không được phê duyệt",
        "details": {"dossier": code, "action": "approve"},
    }
    assert row_counts() == before


def test_only_the_holder_starts_the_dossier(world):
    code = receive(world)["code"]
    world.client["officer"].post_json(f"/api/dossiers/{code}/actions/assign", {"assignee": "tuphap"})
    before = row_counts()
    response = world.client["specialist2"].post_json(f"/api/dossiers/{code}/actions/start")
    assert response.status_code == 403
    assert response.json()["code"] == "not_assignee"
    assert response.json()["message"] == f"hồ sơ {code} đang do Trần Văn Hùng xử lý"
    assert row_counts() == before
