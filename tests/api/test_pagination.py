"""GET /api/dossiers pages: count, page and page_size (at most 100), stable ordering."""

import pytest

from tests.api.conftest import receive

pytestmark = pytest.mark.django_db


@pytest.fixture
def codes(world):
    # 25 dossiers on Mon 05/06/2023, one a minute from 08:00.
    return [receive(world, received_at=f"2023-06-05T08:{n:02d}:00+07:00")["code"] for n in range(25)]


def page(world, query):
    response = world.client["officer"].get(f"/api/dossiers?{query}")
    assert response.status_code == 200, response.content.decode()
    return response.json()


def test_pages_cover_every_dossier_once_newest_first(world, codes):
    first, second, third = (page(world, f"page={n}&page_size=10") for n in (1, 2, 3))
    assert (first["count"], first["page"], first["page_size"]) == (25, 1, 10)
    assert [len(p["items"]) for p in (first, second, third)] == [10, 10, 5]
    seen = [d["code"] for p in (first, second, third) for d in p["items"]]
    assert seen == list(reversed(codes))


def test_default_page_size_is_20_and_past_the_end_is_empty(world, codes):
    assert len(page(world, "")["items"]) == 20
    beyond = page(world, "page=4&page_size=10")
    assert (beyond["items"], beyond["count"]) == ([], 25)


def test_page_size_up_to_100(world, codes):
    assert len(page(world, "page_size=100")["items"]) == 25
    assert world.client["officer"].get("/api/dossiers?page_size=101").status_code == 422
    assert world.client["officer"].get("/api/dossiers?page=0").status_code == 422


def test_ordering(world, codes):
    assert [d["code"] for d in page(world, "ordering=code&page_size=3")["items"]] == codes[:3]
    assert [d["code"] for d in page(world, "ordering=-code&page_size=3")["items"]] == codes[::-1][:3]
    by_due = [d["due_at"] for d in page(world, "ordering=due_at&page_size=100")["items"]]
    assert by_due == sorted(by_due)
