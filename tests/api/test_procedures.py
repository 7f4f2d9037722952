"""GET /api/procedures: accent-insensitive search by code or name, limited to procedures of the caller's units."""

import pytest

from motcua.catalog.models import Procedure
from tests.desk.conftest import make_procedure

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog(world):
    marriage = make_procedure("1.000894", steps=False)
    Procedure.objects.filter(pk=marriage.pk).update(name="Đăng ký kết hôn")
    copy = make_procedure("2.000815", steps=False)
    Procedure.objects.filter(pk=copy.pk).update(name="Chứng thực bản sao từ bản chính giấy tờ, văn bản")
    only_b = make_procedure("9.000001", steps=False)
    Procedure.objects.filter(pk=only_b.pk).update(name="Thủ tục riêng của xã Hoằng Phụ")
    only_b.units.add(world.unit_b)


def found(world, query, who="officer"):
    response = world.client[who].get(f"/api/procedures?{query}")
    assert response.status_code == 200, response.content.decode()
    return [p["code"] for p in response.json()["items"]]


@pytest.mark.parametrize("q", ["dang ky", "Đăng ký", "DANG KY", "đăng KÝ"])
def test_search_ignores_diacritics_and_case(world, catalog, q):
    assert found(world, f"q={q}") == ["1.000894", "1.001193"]


def test_every_word_must_match(world, catalog):
    assert found(world, "q=dang ky khai sinh") == ["1.001193"]
    assert found(world, "q=chung thuc ban sao") == ["2.000815"]
    assert found(world, "q=dang ky chung thuc") == []


def test_search_by_code(world, catalog):
    assert found(world, "q=1.000894") == ["1.000894"]
    assert found(world, "q=000894") == ["1.000894"]


def test_procedures_of_other_units_are_not_listed(world, catalog):
    assert "9.000001" not in found(world, "")
    assert "9.000001" in found(world, "", who="officer_b")
    assert world.client["officer"].get("/api/procedures/9.000001").status_code == 404
    assert world.client["officer_b"].get("/api/procedures/9.000001").status_code == 200


def test_detail_has_durations_and_steps(world, catalog):
    response = world.client["officer"].get("/api/procedures/1.001193")
    assert response.status_code == 200
    p = response.json()
    assert p["legal_duration"] == {"value": 3, "unit": "working_day", "label": "3 ngày làm việc"}
    assert p["committed_duration"] == p["legal_duration"] and p["reduced_duration"] is None
    assert [(s["position"], s["role"], s["working_hours"]) for s in p["steps"]] == [
        (1, "desk_officer", 2.0),
        (2, "specialist", 12.0),
        (3, "leader", 4.0),
    ]
    assert (p["field"], p["in_force"]) == ({"code": "ho-tich", "name": "Hộ tịch"}, True)


def test_unknown_code_is_404_in_vietnamese(world, catalog):
    response = world.client["officer"].get("/api/procedures/0.000000")
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "không có thủ tục mã 0.000000", "details": {}}


def test_in_force_filter(world, catalog):
    Procedure.objects.filter(code="2.000815").update(abolished_on="2020-01-01")
    assert found(world, "in_force=false") == ["2.000815"]
    assert "2.000815" not in found(world, "in_force=true")
