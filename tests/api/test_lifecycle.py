"""Every action of the desk through HTTP, in full lifecycles: decision, interlinked refusal, withdrawal."""

import pytest

from motcua.dossiers.models import Dossier, DossierEvent
from tests.api.conftest import receive
from tests.desk.conftest import make_procedure

pytestmark = pytest.mark.django_db


def act(world, who, code, action, body=None, status=200):
    """POST one action as `who`; return the dossier JSON."""
    response = world.client[who].post_json(f"/api/dossiers/{code}/actions/{action}", body)
    assert response.status_code == status, response.content.decode()
    assert response["ETag"] == f'"{response.json()["version"]}"'
    return response.json()


def at(day, hour, minute=0):
    return f"2023-06-{day:02d}T{hour:02d}:{minute:02d}:00+07:00"


def test_decided_dossier_from_receipt_to_rating(world):
    code = receive(world)["code"]  # Mon 05/06/2023 08:00, due Thu 08/06 08:00

    d = act(world, "officer", code, "assign", {"assignee": "tuphap", "note": "Giao anh Hùng", "at": at(5, 8, 30)})
    assert (d["status"], d["assignee"]["username"]) == ("assigned", "tuphap")
    assert "start" in world.client["specialist"].get(f"/api/dossiers/{code}").json()["allowed_actions"]

    d = act(world, "specialist", code, "start", {"at": at(5, 9)})
    assert d["status"] == "processing"

    reason = "Bổ sung bản sao giấy chứng nhận kết hôn của cha mẹ"
    d = act(world, "specialist", code, "request-supplement", {"reason": reason, "at": at(6, 8)})
    assert (d["status"], d["paused_since"]) == ("awaiting_supplement", at(6, 8))
    assert d["supplements"] == [{"requested_at": at(6, 8), "received_at": None, "reason": reason}]

    # Waited Tue 08:00 → Wed 08:00 = 8 working hours: the due time moves from Thu 08:00 to Fri 09/06 08:00.
    d = act(world, "officer", code, "receive-supplement", {"note": "Đã nhận đủ", "at": at(7, 8)})
    assert (d["status"], d["due_at"]) == ("processing", at(9, 8))
    assert d["supplements"][0]["received_at"] == at(7, 8)

    d = act(world, "specialist", code, "hand-over", {"to_user": "diachinh", "result": "Đã kiểm tra", "at": at(7, 9)})
    assert (d["assignee"]["username"], d["current_step"]["position"]) == ("diachinh", 2)

    d = act(world, "specialist2", code, "submit-for-decision", {"note": "Trình ký", "at": at(7, 10)})
    assert d["status"] == "awaiting_decision"

    d = act(world, "leader", code, "send-back", {"reason": "Kiểm tra lại họ tên người cha", "at": at(7, 11)})
    assert (d["status"], d["assignee"]["username"]) == ("processing", "diachinh")

    d = act(world, "specialist2", code, "hand-over", {"to_user": "chutich", "at": at(7, 14)})
    assert (d["status"], d["current_step"]["role"]) == ("awaiting_decision", "leader")

    # Thu 14:00: 4 working hours left, less than the one day's notice an apology needs.
    apology = {"new_due_at": "2023-06-12T17:00:00+07:00", "reason": "Chờ xác minh thông tin hộ tịch", "at": at(8, 14)}
    d = act(world, "officer", code, "apologise", apology)
    assert d["new_due_at"] == "2023-06-12T17:00:00+07:00" and d["due_at"] == at(9, 8)
    assert d["apologies"][0]["reason"] == "Chờ xác minh thông tin hộ tịch"

    d = act(world, "leader", code, "approve", {"note": "Đồng ý", "at": at(9, 9)})
    assert (d["status"], d["outcome"], d["resolved_at"]) == ("approved", "approved", at(9, 9))
    # Resolved after the due time in force: late, apology or not.
    assert d["timeliness"] == "late"

    d = act(world, "officer", code, "return-result", {"at": at(9, 10)})
    assert (d["status"], d["return_channel"], d["returned_at"]) == ("returned", "counter", at(9, 10))

    d = act(world, "officer", code, "publish", {"portal": True, "website": True, "at": at(9, 10, 30)})
    assert (d["published_portal"], d["published_website"]) == (True, True)

    d = act(world, "officer", code, "rate", {"value": "very_satisfied", "channel": "paper", "at": at(9, 10, 45)})
    assert d["ratings"] == [{"at": at(9, 10, 45), "value": "very_satisfied", "value_label": "Rất hài lòng", "channel": "paper"}]

    verbs = [e["verb"] for e in world.client["officer"].get(f"/api/dossiers/{code}/events").json()]
    assert verbs == [
        "receive",
        "assign",
        "start_processing",
        "request_supplement",
        "receive_supplement",
        "hand_over",
        "submit_for_decision",
        "send_back",
        "hand_over",
        "issue_apology",
        "approve",
        "return_result",
        "publish_result",
        "record_rating",
    ]
    assert d["version"] == 14
    assert [h["to_step_name"] for h in d["handovers"]][:1] == ["Thẩm định, dự thảo kết quả"]
    assert Dossier.objects.get(code=code).status == "returned"


def test_interlinked_dossier_transferred_back_refused_and_returned_by_post(world):
    make_procedure("2.000100", mechanism="interlinked_across_levels")
    code = receive(world, procedure="2.000100", received_at=at(5, 9))["code"]
    act(world, "officer", code, "assign", {"assignee": "tuphap", "at": at(5, 9, 30)})
    d = act(world, "specialist", code, "start", {"at": at(5, 10)})
    assert "transfer" in d["allowed_actions"]

    d = act(world, "specialist", code, "transfer", {"to_agency": "Phòng Tư pháp huyện Hoằng Hóa", "note": "Xin ý kiến", "at": at(5, 10, 30)})
    assert d["status"] == "transferred" and d["handovers"][-1]["to_agency"] == "Phòng Tư pháp huyện Hoằng Hóa"

    d = act(world, "specialist", code, "receive-back", {"result": "Đã có ý kiến", "at": at(6, 8)})
    assert d["status"] == "processing" and d["handovers"][-1]["from_agency"] == "Phòng Tư pháp huyện Hoằng Hóa"

    act(world, "specialist", code, "submit-for-decision", {"at": at(6, 9)})
    reasons = ["Người được đăng ký không cư trú tại xã", "Thiếu giấy tờ chứng minh nơi sinh"]
    d = act(world, "leader", code, "refuse", {"reasons": reasons, "at": at(6, 10)})
    assert (d["status"], d["outcome"], d["timeliness"]) == ("refused", "refused", "early")
    assert d["events"][-1]["reason"] == "; ".join(reasons)

    d = act(world, "officer", code, "return-result", {"channel": "postal", "at": at(6, 11)})
    assert (d["status"], d["return_channel"]) == ("returned", "postal")


def test_withdrawn_dossier_ends_with_its_reason(world):
    code = receive(world)["code"]
    d = act(world, "officer", code, "withdraw", {"reason": "Người nộp xin rút hồ sơ", "at": at(5, 10)})
    assert (d["status"], d["outcome"], d["timeliness"]) == ("withdrawn", "withdrawn", None)
    assert d["allowed_actions"] == []  # no result to rate
    assert DossierEvent.objects.filter(dossier__code=code, verb="withdraw").get().reason == "Người nộp xin rút hồ sơ"


def test_actions_with_nothing_to_say_accept_an_empty_body(world):
    code = receive(world)["code"]
    act(world, "officer", code, "assign", {"assignee": "tuphap"})
    # No body at all, as `curl -X POST` sends.
    response = world.client["specialist"].generic("POST", f"/api/dossiers/{code}/actions/start")
    assert response.status_code == 200 and response.json()["status"] == "processing"
