"""Every validation rule of dossiers.jsonl: a bad line is reported with its number and reason."""

import pytest

from .conftest import FULL_DOSSIER, MIN_DOSSIER, counts, dossier, lines
from motcua.exchange.loading import load_jsonl


def check(bad, expected):
    """Load a good line, a blank line and `bad` (line 3): exactly line 3 is reported, with `expected` in it."""
    report = load_jsonl("dossiers", lines(MIN_DOSSIER, "", bad))
    assert report.errors, "the bad line was accepted"
    assert {n for n, _ in report.errors} == {3}, report.error_lines()
    text = "\n".join(report.error_lines())
    assert expected in text, text
    assert counts() == (0, 0, 0, 0)
    return report


CASES = [
    # required fields
    (dossier(drop=["code"]), 'line 3: thiếu trường bắt buộc "code"'),
    (dossier(drop=["unit"]), 'thiếu trường bắt buộc "unit"'),
    (dossier(drop=["procedure"]), 'thiếu trường bắt buộc "procedure"'),
    (dossier(drop=["channel"]), 'thiếu trường bắt buộc "channel"'),
    (dossier(drop=["received_at"]), 'thiếu trường bắt buộc "received_at"'),
    (dossier(drop=["due_at"]), 'thiếu trường bắt buộc "due_at"'),
    (dossier(code=None), 'trường "code" không được để trống (null)'),
    # unknown fields, at the top and inside objects
    (dossier(fax="0123"), 'trường không xác định "fax"'),
    (dossier(applicant={**FULL_DOSSIER["applicant"], "age": 30}), 'trường không xác định "applicant.age"'),
    (dossier(ratings=[{"value": "satisfied", "stars": 5}]), 'trường không xác định "ratings[0].stars"'),
    # types
    (dossier(code=123), 'trường "code" phải là chuỗi, nhận được số 123'),
    (dossier(published={"portal": "yes"}), 'trường "published.portal" phải là true/false, nhận được chuỗi "yes"'),
    (dossier(digitized=[True]), 'trường "digitized" phải là đối tượng'),
    (dossier(supplements={"requested_at": "x"}), 'trường "supplements" phải là danh sách'),
    (dossier(applicant="Nguyễn Văn A"), 'trường "applicant" phải là đối tượng'),
    # enumerations
    (
        dossier(channel="fax"),
        'line 3: trường "channel" có giá trị không hợp lệ "fax" (cho phép: counter, postal, online_partial, online_full)',
    ),
    (dossier(outcome="maybe"), 'trường "outcome" có giá trị không hợp lệ "maybe" (cho phép: approved, refused, withdrawn, stopped)'),
    (dossier(return_channel="email"), 'trường "return_channel" có giá trị không hợp lệ "email" (cho phép: counter, postal, online)'),
    (
        dossier(ratings=[{"value": "ok"}]),
        'trường "ratings[0].value" có giá trị không hợp lệ "ok" (cho phép: very_satisfied, satisfied, unsatisfied)',
    ),
    (
        dossier(ratings=[{"value": "satisfied", "channel": "sms"}]),
        'trường "ratings[0].channel" có giá trị không hợp lệ "sms" (cho phép: online, paper, kiosk)',
    ),
    (
        dossier(ratings=[{"value": "satisfied", "channel": "paper"}, {"value": "unsatisfied", "channel": "paper"}]),
        'trường "ratings[1].channel": hồ sơ đã có đánh giá "paper" (mỗi hình thức một đánh giá)',
    ),
    (
        dossier(applicant={"kind": "robot", "name": "R2"}),
        'trường "applicant.kind" có giá trị không hợp lệ "robot" (cho phép: citizen, organisation)',
    ),
    # times: ISO 8601 with an offset
    (dossier(received_at="2023-04-12T08:30:00"), 'trường "received_at" thiếu độ lệch múi giờ'),
    (dossier(due_at="12/04/2023 16:30"), 'trường "due_at" không phải thời điểm ISO 8601 hợp lệ'),
    (dossier(resolved_at="2023-02-30T15:10:00+07:00"), 'trường "resolved_at" không phải thời điểm ISO 8601 hợp lệ'),
    (dossier(received_at="2023-04-12"), 'trường "received_at" không phải thời điểm ISO 8601 hợp lệ'),
    # times in order
    (dossier(due_at="2023-04-12T08:00:00+07:00"), 'trường "due_at" (2023-04-12T08:00:00+07:00) sớm hơn "received_at" (2023-04-12T08:30:00+07:00)'),
    (dossier(resolved_at="2023-04-12T08:00:00+07:00"), 'trường "resolved_at" (2023-04-12T08:00:00+07:00) sớm hơn "received_at"'),
    (dossier(returned_at="2023-04-12T15:00:00+07:00"), 'trường "returned_at" (2023-04-12T15:00:00+07:00) sớm hơn "resolved_at"'),
    (dossier(drop=["resolved_at", "outcome"]), 'trường "returned_at" chỉ được có khi có "resolved_at"'),
    (dossier(drop=["outcome"]), 'thiếu trường "outcome" (bắt buộc khi có "resolved_at")'),
    (dossier(MIN_DOSSIER, outcome="approved"), 'trường "outcome" ("approved") chỉ được có khi có "resolved_at"'),
    (
        dossier(supplements=[{"requested_at": "2023-04-12T08:00:00+07:00"}]),
        'trường "supplements[0].requested_at" (2023-04-12T08:00:00+07:00) sớm hơn "received_at"',
    ),
    (
        dossier(supplements=[{"requested_at": "2023-04-12T09:00:00+07:00", "received_at": "2023-04-12T08:59:00+07:00"}]),
        'trường "supplements[0].received_at" (2023-04-12T08:59:00+07:00) sớm hơn "supplements[0].requested_at"',
    ),
    (dossier(supplements=[{"received_at": "2023-04-12T10:00:00+07:00"}]), 'thiếu trường bắt buộc "supplements[0].requested_at"'),
    (
        dossier(apologies=[{"issued_at": "2023-04-11T11:00:00+07:00"}]),
        'trường "apologies[0].issued_at" (2023-04-11T11:00:00+07:00) sớm hơn "received_at"',
    ),
    # citizen identity number
    (
        dossier(applicant={"kind": "citizen", "name": "Nguyễn Văn A", "id_number": "999090001234"}),
        'trường "applicant.id_number" không hợp lệ "999090001234": mã tỉnh nơi đăng ký khai sinh 999',
    ),
    (
        dossier(applicant={"kind": "citizen", "name": "Nguyễn Văn A", "id_number": "03809000123"}),
        "số định danh phải gồm đúng 12 chữ số",
    ),
    (dossier(applicant={"kind": "citizen", "id_number": "038090001234"}), 'thiếu trường bắt buộc "applicant.name"'),
    # control, bidi and zero-width characters, named with the field (multi-line only where a reason is)
    (
        dossier(applicant={"kind": "citizen", "name": "Nguyễn\u0001 Văn A"}),
        'line 3: trường "applicant.name" chứa ký tự điều khiển (U+0001), không được phép: "Nguyễn\\u0001 Văn A"',
    ),
    (
        dossier(applicant={"kind": "citizen", "name": "\u202eNguyễn Văn A"}),
        'trường "applicant.name" chứa ký tự điều khiển hướng chữ (U+202E), không được phép',
    ),
    (
        dossier(applicant={"kind": "citizen", "name": "Nguyễn\u200b Văn A"}),
        'trường "applicant.name" chứa ký tự vô hình (U+200B), không được phép',
    ),
    (
        dossier(applicant={"kind": "citizen", "name": "Nguyễn\nVăn A"}),
        'trường "applicant.name" chứa ký tự xuống dòng hoặc tab (U+000A), không được phép',
    ),
    (
        dossier(apologies=[{"issued_at": "2023-04-12T11:00:00+07:00", "reason": "Thiếu\u0007 giấy"}]),
        'trường "apologies[0].reason" chứa ký tự điều khiển (U+0007), không được phép',
    ),
    # the dossier code: {agency_id}-{yymmdd}-{seq:04d}
    (dossier(code="H56.20.04-230412-0001"), 'cần bắt đầu bằng "H56.20.03-230412-"'),
    (dossier(code="H56.20.03-230413-0001"), 'cần bắt đầu bằng "H56.20.03-230412-"'),
    (dossier(code="H56.20.03-230412-0000"), "số thứ tự từ 0001"),
    (dossier(code="H56.20.03-230412-1"), "không đúng dạng"),
    (dossier(code="H56.20.03-230412-00001"), "không đúng dạng"),
    # known unit and procedure
    (dossier(unit="99999"), 'trường "unit" tham chiếu đơn vị không có trong hệ thống "99999"'),
    (dossier(procedure="9.999999"), 'trường "procedure" tham chiếu thủ tục không có trong hệ thống "9.999999"'),
]


@pytest.mark.django_db
@pytest.mark.parametrize("bad,expected", CASES, ids=[c[1][:60] for c in CASES])
def test_bad_line_is_reported(catalog, bad, expected):
    check(bad, expected)


@pytest.mark.django_db
def test_organisation_id_number_is_not_a_cccd(catalog):
    line = dossier(applicant={"kind": "organisation", "name": "Công ty TNHH A", "id_number": "2800123456"})
    report = load_jsonl("dossiers", lines(line))
    assert report.ok, report.error_lines()


@pytest.mark.django_db
def test_several_reasons_of_one_line_are_each_reported(catalog):
    bad = dossier(channel="fax", outcome="maybe", extra=1)
    report = load_jsonl("dossiers", lines(bad))
    assert report.error_lines() == [
        'line 1: trường không xác định "extra"',
        'line 1: trường "channel" có giá trị không hợp lệ "fax" (cho phép: counter, postal, online_partial, online_full)',
        'line 1: trường "outcome" có giá trị không hợp lệ "maybe" (cho phép: approved, refused, withdrawn, stopped)',
    ]


@pytest.mark.django_db
def test_duplicate_code_names_the_first_line(catalog):
    report = load_jsonl("dossiers", lines(FULL_DOSSIER, MIN_DOSSIER, "", FULL_DOSSIER))
    assert report.error_lines() == ['line 4: mã hồ sơ "H56.20.03-230412-0001" trùng với dòng 1']
    assert counts() == (0, 0, 0, 0)


@pytest.mark.django_db
def test_same_day_code_with_offset_time_is_accepted(catalog):
    # 23:30 in Việt Nam, written with a UTC offset: still the 12th locally.
    line = dossier(MIN_DOSSIER, received_at="2023-04-12T16:30:00+00:00", due_at="2023-04-13T16:30:00Z")
    report = load_jsonl("dossiers", lines(line))
    assert report.ok, report.error_lines()
