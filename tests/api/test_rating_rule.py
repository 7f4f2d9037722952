"""Ratings through the API: refused before the result (409), once per channel (422), nothing written when refused."""

import pytest

from motcua.dossiers.models import Rating
from tests.api.conftest import receive, row_counts

pytestmark = pytest.mark.django_db


def post(world, who, code, action, body=None):
    return world.client[who].post_json(f"/api/dossiers/{code}/actions/{action}", body)


def test_a_dossier_without_a_result_cannot_be_rated_at_all(world):
    code = receive(world)["code"]
    before = row_counts()
    for _ in range(3):
        response = post(world, "officer", code, "rate", {"value": "satisfied", "channel": "paper"})
        assert response.status_code == 409
        assert response.json()["code"] == "invalid_transition"
        assert "đang ở trạng thái «Mới tiếp nhận»" in response.json()["message"]
    assert row_counts() == before and Rating.objects.count() == 0


def test_one_rating_per_channel_once_decided(world):
    code = receive(world)["code"]
    assert post(world, "officer", code, "assign", {"assignee": "tuphap"}).status_code == 200
    assert post(world, "specialist", code, "start").status_code == 200
    assert post(world, "specialist", code, "submit-for-decision").status_code == 200
    assert post(world, "leader", code, "refuse", {"reasons": ["Không đủ điều kiện"]}).status_code == 200
    assert post(world, "officer", code, "rate", {"value": "unsatisfied", "channel": "kiosk"}).status_code == 200
    before = row_counts()
    again = post(world, "officer", code, "rate", {"value": "satisfied", "channel": "kiosk"})
    assert again.status_code == 422
    assert again.json() == {
        "code": "invalid_rating",
        "message": f"hồ sơ {code} đã có đánh giá qua máy đánh giá; mỗi hình thức chỉ đánh giá một lần",
        "details": {"dossier": code, "action": "rate"},
    }
    assert row_counts() == before
    assert post(world, "officer", code, "rate", {"value": "satisfied", "channel": "paper"}).status_code == 200
    assert sorted(Rating.objects.values_list("channel", flat=True)) == ["kiosk", "paper"]
