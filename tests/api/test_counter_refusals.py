"""POST /api/counter-refusals: papers refused at the counter leave a record but no dossier and no code."""

import pytest

from motcua.dossiers.models import CounterRefusal, DailySequence, Dossier
from tests.api.conftest import row_counts

pytestmark = pytest.mark.django_db

BODY = {
    "procedure": "1.001193",
    "kind": "refused",
    "applicant": {"name": "Lê Văn Cường", "id_number": "038090005678"},
    "reasons": ["Hồ sơ không thuộc thẩm quyền giải quyết của xã", "Thiếu giấy chứng sinh"],
    "at": "2023-06-05T09:00:00+07:00",
}


def test_refusal_is_recorded_without_a_dossier(world):
    response = world.client["officer"].post_json("/api/counter-refusals", BODY)
    assert response.status_code == 201, response.content.decode()
    r = response.json()
    assert (r["kind"], r["kind_label"], r["at"]) == ("refused", "Từ chối tiếp nhận", "2023-06-05T09:00:00+07:00")
    assert r["reasons"] == BODY["reasons"] and r["procedure"]["code"] == "1.001193"
    assert r["unit"]["code"] == "16003" and r["actor"]["username"] == "motcua"
    assert CounterRefusal.objects.count() == 1
    assert Dossier.objects.count() == DailySequence.objects.count() == 0


def test_instructions_without_procedure(world):
    body = {**BODY, "kind": "instructed", "procedure": None}
    r = world.client["officer"].post_json("/api/counter-refusals", body).json()
    assert (r["kind_label"], r["procedure"]) == ("Hướng dẫn bổ sung, hoàn thiện", None)


def test_refusal_needs_reasons_and_the_desk_role(world):
    before = row_counts()
    response = world.client["officer"].post_json("/api/counter-refusals", {**BODY, "reasons": ["  "]})
    assert response.status_code == 422
    assert response.json()["message"] == "cần ghi rõ lý do từ chối tiếp nhận hoặc nội dung hướng dẫn"
    response = world.client["specialist"].post_json("/api/counter-refusals", BODY)
    assert response.status_code == 403
    assert response.json()["message"] == "vai trò «Chuyên viên» không được từ chối tiếp nhận hồ sơ"
    response = world.client["officer"].post_json("/api/counter-refusals", {**BODY, "procedure": "0.0"})
    assert response.status_code == 422 and response.json()["code"] == "unknown_procedure"
    assert row_counts() == before
