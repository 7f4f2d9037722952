"""Another unit's dossier does not exist for the caller: 404 everywhere, absent from lists."""

import pytest

from motcua.dossiers.models import DossierEvent
from tests.api.conftest import receive, row_counts

pytestmark = pytest.mark.django_db


@pytest.fixture
def codes(world):
    a = receive(world)["code"]
    b = receive(world, client="officer_b")["code"]
    return a, b


def test_officer_of_another_commune_gets_404_for_the_dossier(world, codes):
    a, _ = codes
    for path in (f"/api/dossiers/{a}", f"/api/dossiers/{a}/events"):
        response = world.client["officer_b"].get(path)
        assert response.status_code == 404
        assert response.json() == {"code": "not_found", "message": f"không tìm thấy hồ sơ {a}", "details": {}}


def test_same_404_as_a_code_that_does_not_exist(world, codes):
    a, _ = codes
    foreign = world.client["officer_b"].get(f"/api/dossiers/{a}").json()
    missing = world.client["officer_b"].get("/api/dossiers/H56.20.04-990101-0001").json()
    assert foreign["code"] == missing["code"] == "not_found"


def test_actions_on_another_communes_dossier_are_404_and_write_nothing(world, codes):
    a, _ = codes
    before = row_counts()
    response = world.client["officer_b"].post_json(f"/api/dossiers/{a}/actions/withdraw", {"reason": "thử"})
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    response = world.client["specialist_b"].post_json(f"/api/dossiers/{a}/actions/start")
    assert response.status_code == 404
    assert row_counts() == before
    assert DossierEvent.objects.filter(dossier__code=a).count() == 1


def test_lists_show_only_the_callers_units(world, codes):
    a, b = codes
    assert [d["code"] for d in world.client["officer"].get("/api/dossiers").json()["items"]] == [a]
    assert [d["code"] for d in world.client["officer_b"].get("/api/dossiers").json()["items"]] == [b]
    # Filtering on another unit's code, or searching its dossier's code, finds nothing.
    assert world.client["officer"].get("/api/dossiers?unit=16004").json() == {"items": [], "count": 0, "page": 1, "page_size": 20}
    assert world.client["officer"].get(f"/api/dossiers?q={b}").json()["count"] == 0


def test_district_oversight_sees_both_communes_but_cannot_act(world, codes):
    a, b = codes
    seen = world.client["oversight"].get("/api/dossiers").json()
    assert sorted(d["code"] for d in seen["items"]) == sorted([a, b])
    only_b = world.client["oversight"].get("/api/dossiers?unit=16004").json()
    assert [d["code"] for d in only_b["items"]] == [b]
    detail = world.client["oversight"].get(f"/api/dossiers/{a}").json()
    assert detail["allowed_actions"] == []
    response = world.client["oversight"].post_json(f"/api/dossiers/{a}/actions/assign", {"assignee": "tuphap"})
    assert response.status_code == 403
    assert response.json()["message"] == "vai trò «Cán bộ theo dõi (huyện/tỉnh)» không được phân công xử lý"


def test_units_lists_what_the_caller_sees(world):
    assert [u["code"] for u in world.client["officer"].get("/api/units").json()] == ["16003"]
    assert [u["code"] for u in world.client["oversight"].get("/api/units").json()] == ["388", "16003", "16004"]


def test_assignee_must_belong_to_the_dossiers_unit(world, codes):
    a, _ = codes
    before = row_counts()
    response = world.client["officer"].post_json(f"/api/dossiers/{a}/actions/assign", {"assignee": "tuphap_b"})
    assert response.status_code == 422
    assert response.json()["code"] == "unknown_user"
    assert response.json()["message"] == "không có người dùng «tuphap_b» đang hoạt động tại Xã Hoằng Lưu"
    assert row_counts() == before
