"""The API's procedures carry their papers (thành phần hồ sơ) in the catalog's order."""

import pytest

from tests.api.conftest import world  # noqa: F401 - the fixture is used by name

pytestmark = pytest.mark.django_db

PAPERS = [
    {"name": "Tờ khai đăng ký khai sinh theo mẫu", "form": "original", "quantity": 1},
    {"name": "Giấy chứng sinh", "form": "certified_copy", "quantity": 2},
]


def test_detail_and_list_give_the_papers_with_their_labels(world):  # noqa: F811
    world.procedure.components = PAPERS
    world.procedure.save(update_fields=["components"])
    expected = [
        {"name": "Tờ khai đăng ký khai sinh theo mẫu", "form": "original", "form_label": "Bản chính", "quantity": 1},
        {"name": "Giấy chứng sinh", "form": "certified_copy", "form_label": "Bản sao chứng thực", "quantity": 2},
    ]
    detail = world.client["officer"].get("/api/procedures/1.001193")
    assert detail.status_code == 200
    assert detail.json()["components"] == expected
    listed = world.client["officer"].get("/api/procedures?q=khai sinh").json()["items"]
    assert [p["components"] for p in listed] == [expected]


def test_a_procedure_without_papers_gives_an_empty_list(world):  # noqa: F811
    assert world.client["officer"].get("/api/procedures/1.001193").json()["components"] == []


def test_the_openapi_document_describes_the_papers(world):  # noqa: F811
    schema = world.client["officer"].get("/api/openapi.json").json()
    paper = schema["components"]["schemas"]["PaperOut"]
    assert set(paper["properties"]) == {"name", "form", "form_label", "quantity"}
