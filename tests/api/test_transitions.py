"""An action the dossier's status does not allow is 409 with the reason, and no event is written."""

import pytest

from motcua.dossiers.models import Dossier, DossierEvent
from tests.api.conftest import receive, row_counts

pytestmark = pytest.mark.django_db


def test_approving_a_dossier_not_submitted_is_a_conflict(world):
    code = receive(world)["code"]
    before, dossier = row_counts(), Dossier.objects.filter(code=code).values().get()
    response = world.client["leader"].post_json(f"/api/dossiers/{code}/actions/approve", {"note": "Đồng ý"})
    assert response.status_code == 409
    assert response.json() == {
        "code": "invalid_transition",
        "message": f"không thể phê duyệt: hồ sơ {code} đang ở trạng thái «Mới tiếp nhận»",
        "details": {"dossier": code, "action": "approve"},
    }
    assert row_counts() == before
    assert Dossier.objects.filter(code=code).values().get() == dossier
    assert list(DossierEvent.objects.filter(dossier__code=code).values_list("verb", flat=True)) == ["receive"]


def test_returning_a_result_twice_is_a_conflict(world):
    code = receive(world)["code"]
    officer = world.client["officer"]
    officer.post_json(f"/api/dossiers/{code}/actions/withdraw")
    response = officer.post_json(f"/api/dossiers/{code}/actions/withdraw")
    assert response.status_code == 409
    assert response.json()["message"] == f"không thể rút hồ sơ: hồ sơ {code} đang ở trạng thái «Đã rút hồ sơ»"


def test_transfer_of_a_one_stop_procedure_is_a_conflict(world):
    code = receive(world)["code"]
    world.client["officer"].post_json(f"/api/dossiers/{code}/actions/assign", {"assignee": "tuphap"})
    world.client["specialist"].post_json(f"/api/dossiers/{code}/actions/start")
    before = row_counts()
    response = world.client["specialist"].post_json(f"/api/dossiers/{code}/actions/transfer", {"to_agency": "Sở Tư pháp"})
    assert response.status_code == 409
    assert response.json()["code"] == "not_interlinked"
    assert response.json()["message"] == "thủ tục 1.001193 không giải quyết theo cơ chế liên thông"
    assert row_counts() == before


def test_apology_too_early_is_a_conflict(world):
    code = receive(world, received_at="2023-06-05T08:00:00+07:00")["code"]
    before = row_counts()
    body = {"new_due_at": "2023-06-12T17:00:00+07:00", "reason": "Chậm", "at": "2023-06-05T09:00:00+07:00"}
    response = world.client["officer"].post_json(f"/api/dossiers/{code}/actions/apologise", body)
    assert response.status_code == 409
    assert response.json()["code"] == "apology_not_due"
    assert "chưa cần xin lỗi và hẹn lại" in response.json()["message"]
    assert row_counts() == before


def test_action_before_the_last_event_is_refused(world):
    code = receive(world)["code"]
    before = row_counts()
    body = {"assignee": "tuphap", "at": "2023-06-04T08:00:00+07:00"}
    response = world.client["officer"].post_json(f"/api/dossiers/{code}/actions/assign", body)
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_time"
    assert response.json()["message"] == "thời điểm 08:00 04/06/2023 trước thao tác gần nhất của hồ sơ (08:00 05/06/2023)"
    assert row_counts() == before
