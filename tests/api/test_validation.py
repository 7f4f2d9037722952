"""Bad input: malformed JSON is 400, invalid fields and unknown procedures 422, in Vietnamese; nothing is written."""

import pytest

from tests.api.conftest import intake_body, receive, row_counts

pytestmark = pytest.mark.django_db


def post_raw(world, path, raw, who="officer"):
    return world.client[who].post(path, raw, content_type="application/json")


def test_unknown_procedure_is_422(world):
    before = row_counts()
    response = world.client["officer"].post_json("/api/dossiers", intake_body(procedure="9.999999"))
    assert response.status_code == 422
    assert response.json() == {
        "code": "unknown_procedure",
        "message": "không có thủ tục mã 9.999999",
        "details": {"procedure": "9.999999"},
    }
    assert row_counts() == before


@pytest.mark.parametrize("raw", ['{"procedure": "1.001193",', "not json", b"\xff\xfe{}", '{"a": 1}}'])
def test_malformed_json_is_400(world, raw):
    before = row_counts()
    response = post_raw(world, "/api/dossiers", raw)
    assert response.status_code == 400
    assert response.json() == {"code": "malformed_json", "message": "nội dung yêu cầu không phải JSON hợp lệ", "details": {}}
    assert row_counts() == before


def test_malformed_json_on_an_action_is_400(world):
    code = receive(world)["code"]
    before = row_counts()
    response = post_raw(world, f"/api/dossiers/{code}/actions/assign", '{"assignee": ')
    assert response.status_code == 400 and response.json()["code"] == "malformed_json"
    assert row_counts() == before


def errors_of(response):
    assert response.status_code == 422, response.content.decode()
    body = response.json()
    assert body["code"] == "validation_error"
    return body["message"], {e["field"]: e["message"] for e in body["details"]["errors"]}


@pytest.mark.parametrize(
    "change, field, message",
    [
        (lambda b: b.pop("procedure"), "procedure", "thiếu trường «procedure»"),
        (lambda b: b.update(channel="fax"), "channel", "«channel» phải là một trong các giá trị: 'counter', 'postal', 'online_partial', 'online_full'"),
        (lambda b: b["applicant"].update(name=""), "applicant.name", "«applicant.name» không được để trống"),
        (lambda b: b["applicant"].update(name="A" * 301), "applicant.name", "«applicant.name» dài quá 300 ký tự"),
        (lambda b: b["applicant"].update(name="An\x00"), "applicant.name", "«applicant.name»: không được chứa ký tự NUL"),
        (lambda b: b["applicant"].update(name="An\x01"), "applicant.name", "«applicant.name»: chứa ký tự điều khiển (U+0001), không được phép"),
        (lambda b: b["applicant"].update(name="\u202eAn"), "applicant.name", "«applicant.name»: chứa ký tự điều khiển hướng chữ (U+202E), không được phép"),
        (lambda b: b["applicant"].update(phone="0912\n345"), "applicant.phone", "«applicant.phone»: chứa ký tự xuống dòng hoặc tab (U+000A), không được phép"),
        (lambda b: b["components"][1].update(quantity=0), "components[1].quantity", "«components[1].quantity» phải lớn hơn hoặc bằng 1"),
        (lambda b: b["components"][0].update(quantity="hai"), "components[0].quantity", "«components[0].quantity» phải là số nguyên"),
        (lambda b: b.update(received_at="2023-06-05T08:00:00"), "received_at", "«received_at» phải ghi múi giờ, ví dụ 2024-08-23T08:00:00+07:00"),
        (lambda b: b.update(received_at="hôm qua"), "received_at", "«received_at»: phải viết theo ISO 8601, ví dụ 2024-08-23 hoặc 2024-08-23T08:00:00+07:00"),
        (lambda b: b.update(received_at=0), "received_at", "«received_at»: phải viết theo ISO 8601, ví dụ 2024-08-23 hoặc 2024-08-23T08:00:00+07:00"),
        (lambda b: b.update(received_at="0001-01-01T00:00:00+07:00"), "received_at", "«received_at»: phải trong khoảng năm 1900–2200"),
        (lambda b: b.update(color="đỏ"), "color", "trường «color» không được chấp nhận"),
        (lambda b: b.update(components="giấy tờ"), "components", "«components» phải là một danh sách"),
    ],
)
def test_invalid_fields_are_422_naming_the_field(world, change, field, message):
    body = intake_body()
    change(body)
    before = row_counts()
    summary, errors = errors_of(world.client["officer"].post_json("/api/dossiers", body))
    assert errors == {field: message}
    assert summary == message
    assert row_counts() == before


def test_several_errors_are_all_listed(world):
    body = intake_body(channel="fax", result_delivery="pigeon")
    summary, errors = errors_of(world.client["officer"].post_json("/api/dossiers", body))
    assert set(errors) == {"channel", "result_delivery"}
    assert summary.endswith("(và 1 lỗi khác)")


@pytest.mark.parametrize("raw", ["[1, 2]", '"hồ sơ"', "42"])
def test_json_that_is_not_an_object_is_422(world, raw):
    response = post_raw(world, "/api/dossiers", raw)
    message, _ = errors_of(response)
    assert message == "nội dung yêu cầu phải là một đối tượng JSON"


def test_missing_body_is_422(world):
    response = world.client["officer"].generic("POST", "/api/dossiers")
    message, _ = errors_of(response)
    assert message == "thiếu nội dung yêu cầu (JSON)"


def test_action_body_is_validated(world):
    code = receive(world)["code"]
    before = row_counts()
    message, errors = errors_of(world.client["leader"].post_json(f"/api/dossiers/{code}/actions/refuse", {"reasons": []}))
    assert errors == {"reasons": "«reasons» phải có ít nhất 1 phần tử"}
    message, errors = errors_of(world.client["officer"].post_json(f"/api/dossiers/{code}/actions/assign", {}))
    assert errors == {"assignee": "thiếu trường «assignee»"}
    assert row_counts() == before


def test_invalid_query_parameters_are_422(world):
    message, errors = errors_of(world.client["officer"].get("/api/dossiers?page_size=101"))
    assert errors == {"page_size": "«page_size» phải nhỏ hơn hoặc bằng 100"}
    message, errors = errors_of(world.client["officer"].get("/api/dossiers?status=lost"))
    assert list(errors) == ["status[0]"]
    message, errors = errors_of(world.client["officer"].get("/api/dossiers?received_from=0"))
    assert list(errors) == ["received_from"]
    message, errors = errors_of(world.client["officer"].get("/api/dossiers?ordering=applicant_name"))
    assert list(errors) == ["ordering"]


def test_unknown_path_under_api_is_json_404(world):
    response = world.client["officer"].get("/api/dossiers/X/actions/fly")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert world.client["officer"].post_json("/api/dossiers/X/actions/fly", {}).status_code == 404


def test_zero_width_characters_are_dropped_and_a_note_may_have_several_lines(world):
    body = intake_body()
    body["applicant"]["name"] = "Nguy\u200bễn Văn\ufeff A"
    created = world.client["officer"].post_json("/api/dossiers", body)
    assert created.status_code == 201, created.content.decode()
    assert created.json()["applicant"]["name"] == "Nguyễn Văn A"
    code = created.json()["code"]
    response = world.client["officer"].post_json(
        f"/api/dossiers/{code}/actions/assign", {"assignee": "tuphap", "note": "Dòng 1\nDòng 2"}
    )
    assert response.status_code == 200, response.content.decode()
