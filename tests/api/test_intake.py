"""POST /api/dossiers: the receipt gets its code, its due time worked out by hand, and a first event."""

import re

import pytest

from tests.api.conftest import intake_body, receive, row_counts
from tests.desk.conftest import make_procedure

pytestmark = pytest.mark.django_db

CODE = re.compile(r"^H56\.20\.03-\d{6}-\d{4}$")


def test_intake_issues_code_due_time_and_receipt_event(world):
    response = world.client["officer"].post_json("/api/dossiers", intake_body())
    assert response.status_code == 201
    d = response.json()
    assert CODE.match(d["code"]) and d["code"] == "H56.20.03-230605-0001"
    # Mon 05/06/2023 08:00 + 3 working days = Thu 08/06/2023 08:00.
    assert d["received_at"] == "2023-06-05T08:00:00+07:00"
    assert d["due_at"] == "2023-06-08T08:00:00+07:00"
    assert (d["status"], d["status_label"], d["version"]) == ("received", "Mới tiếp nhận", 1)
    assert d["unit"] == {"code": "16003", "name": "Xã Hoằng Lưu", "agency_id": "H56.20.03"}
    assert d["procedure"]["code"] == "1.001193"
    assert d["applicant"]["name"] == "Nguyễn Văn An" and d["applicant"]["id_number"] == "038090001234"
    assert d["components"][1] == {"name": "Giấy chứng sinh", "form": "original", "quantity": 1}
    assert d["current_step"] == {"position": 1, "name": "Tiếp nhận, chuyển hồ sơ", "role": "desk_officer"}
    assert [e["verb"] for e in d["events"]] == ["receive"]
    assert d["events"][0]["actor"] == {"username": "motcua", "full_name": "Lê Thị Lan"}
    assert "assign" in d["allowed_actions"] and "approve" not in d["allowed_actions"]
    assert response["ETag"] == '"1"'
    assert response["Location"] == "/api/dossiers/H56.20.03-230605-0001"
    assert response["Content-Type"].startswith("application/json")


def test_codes_follow_each_other_within_a_day_and_restart_the_next(world):
    codes = [receive(world, received_at=t)["code"] for t in ("2023-06-05T08:00:00+07:00", "2023-06-05T09:00:00+07:00")]
    codes.append(receive(world, received_at="2023-06-06T08:00:00+07:00")["code"])
    assert codes == ["H56.20.03-230605-0001", "H56.20.03-230605-0002", "H56.20.03-230606-0001"]


def test_due_time_skips_the_reunification_and_labour_day_holidays(world):
    # rules.md: received Thu 27/04/2023 09:00 with 3 working days → due Fri 05/05/2023 09:00 (29/4 – 3/5 off).
    d = receive(world, received_at="2023-04-27T09:00:00+07:00")
    assert (d["code"], d["due_at"]) == ("H56.20.03-230427-0001", "2023-05-05T09:00:00+07:00")


def test_same_day_procedure_received_after_15h_is_due_next_working_day(world):
    make_procedure("2.000002", value=None, unit="same_day", steps=False)
    early = receive(world, procedure="2.000002", received_at="2023-06-05T14:00:00+07:00")
    late = receive(world, procedure="2.000002", received_at="2023-06-05T15:30:00+07:00")
    assert early["due_at"] == "2023-06-05T17:00:00+07:00"
    assert late["due_at"] == "2023-06-06T17:00:00+07:00"
    assert late["current_step"] is None


def test_received_at_in_utc_is_the_same_instant(world):
    d = receive(world, received_at="2023-06-05T01:00:00Z")
    assert (d["code"], d["received_at"]) == ("H56.20.03-230605-0001", "2023-06-05T08:00:00+07:00")


def test_defaults_unit_from_the_user_and_time_now(world):
    body = intake_body(components=[])
    del body["received_at"]
    response = world.client["officer"].post_json("/api/dossiers", body)
    assert response.status_code == 201
    d = response.json()
    assert d["unit"]["code"] == "16003" and d["components"] == []
    assert d["status"] == "received"


def test_explicit_unit_must_be_one_of_the_users(world):
    before = row_counts()
    ok = world.client["officer"].post_json("/api/dossiers", intake_body(unit="16003"))
    assert ok.status_code == 201
    before = row_counts()
    response = world.client["officer"].post_json("/api/dossiers", intake_body(unit="16004"))
    assert response.status_code == 422
    assert response.json() == {
        "code": "unknown_unit",
        "message": "không có đơn vị mã 16004 trong phạm vi của bạn",
        "details": {"unit": "16004"},
    }
    assert row_counts() == before


def test_organisation_needs_no_citizen_id(world):
    d = receive(world, applicant={"kind": "organisation", "name": "Công ty TNHH Hoằng Lưu"})
    assert d["applicant"]["kind"] == "organisation" and d["applicant"]["id_number"] == ""


def test_invalid_citizen_id_is_refused_in_vietnamese_and_writes_nothing(world):
    before = row_counts()
    body = intake_body(applicant={**intake_body()["applicant"], "id_number": "12345"})
    response = world.client["officer"].post_json("/api/dossiers", body)
    assert response.status_code == 422
    error = response.json()
    assert error["code"] == "invalid_id_number"
    assert error["message"].startswith("số định danh cá nhân không hợp lệ")
    assert row_counts() == before


def test_a_backdated_receipt_needs_a_reason(world):
    # 05/06/2023 is long before now: without a reason the API refuses it and writes nothing.
    before = row_counts()
    response = world.client["officer"].post_json("/api/dossiers", intake_body(reason=None))
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "reason_required"
    assert body["message"].startswith("thời điểm tiếp nhận 08:00 05/06/2023 sớm hơn hiện tại quá 10 phút: cần ghi lý do")
    assert row_counts() == before
    d = receive(world, reason="Hệ thống gián đoạn, nhận trên giấy")
    receipt = [e for e in d["events"] if e["verb"] == "receive"][0]
    assert receipt["reason"] == "Hệ thống gián đoạn, nhận trên giấy"
