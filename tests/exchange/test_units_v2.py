"""units.jsonl version 2: stable ids, a code handed from one unit to another, history; v1 unchanged; export round trip."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from motcua.dossiers.models import Dossier
from motcua.exchange.loading import load_jsonl
from motcua.exchange.units import export_units
from motcua.units.models import Unit, UnitDesignation, find_unit

from .conftest import FULL_DOSSIER, UNITS, dossier, lines

pytestmark = pytest.mark.django_db

LUU = {"format": 2, "id": "16003", "code": "16003", "name": "Xã Hoằng Lưu", "level": "commune", "parent": "388",
       "agency_id": "H56.20.03", "valid_to": "2025-06-30", "successors": ["16003-2025"]}
CHAU = {"format": 2, "id": "16003-2025", "code": "16003", "name": "Xã Hoằng Châu", "level": "commune", "parent": "38",
        "agency_id": "H56.83", "valid_from": "2025-07-01"}
HANDOVER = [UNITS[0], UNITS[1], LUU, UNITS[3], UNITS[4], UNITS[5], CHAU]


def load(*objs):
    return load_jsonl("units", lines(*objs))


def exported() -> str:
    out = io.StringIO()
    export_units(out)
    return out.getvalue()


def empty_database():
    """Remove every unit, deepest first (parents are protected)."""
    for unit in sorted(Unit.objects.all(), key=lambda u: -u.path.count("/")):
        unit.delete()


def test_version_1_lines_load_as_before_with_their_code_as_id():
    report = load(*UNITS)
    assert report.summary() == "đã nạp 6 đơn vị mới, 0 cập nhật, 0 không đổi"
    luu = Unit.objects.get(code="16003")
    assert (luu.uid, luu.path) == ("16003", "38/388/16003/")
    assert list(luu.designations.values_list("code", "name", "valid_from", "valid_to")) == [("16003", "Xã Hoằng Lưu", None, None)]


def test_a_code_handed_over_loads_as_two_units():
    report = load(*HANDOVER)
    assert report.ok, report.error_lines()
    assert report.summary() == "đã nạp 7 đơn vị mới, 0 cập nhật, 0 không đổi"
    luu, chau = Unit.objects.get(uid="16003"), Unit.objects.get(uid="16003-2025")
    assert (luu.name, luu.path, chau.name, chau.path) == ("Xã Hoằng Lưu", "38/388/16003/", "Xã Hoằng Châu", "38/16003-2025/")
    assert list(luu.successors.all()) == [chau]
    assert find_unit("16003", dt.date(2023, 6, 30)) == luu and find_unit("16003", dt.date(2025, 7, 1)) == chau
    assert load(*HANDOVER).summary() == "đã nạp 0 đơn vị mới, 0 cập nhật, 7 không đổi"


def test_dossiers_go_to_the_holder_of_their_code_on_the_day_of_receipt():
    from .conftest import PROCEDURES

    assert load(*HANDOVER).ok
    assert load_jsonl("procedures", lines(*PROCEDURES)).ok
    later = dossier(code="H56.83-250801-0001", received_at="2025-08-01T08:30:00+07:00",
                    due_at="2025-08-01T16:30:00+07:00", resolved_at=None, returned_at=None, outcome=None,
                    return_channel=None, supplements=[], apologies=[], ratings=[])
    report = load_jsonl("dossiers", lines(FULL_DOSSIER, later), today=dt.date(2026, 1, 1))
    assert report.ok, report.error_lines()
    assert dict(Dossier.objects.values_list("code", "unit__uid")) == {
        "H56.20.03-230412-0001": "16003", "H56.83-250801-0001": "16003-2025"
    }
    # The dossier code's agency id is checked against the holder on that day.
    wrong = dossier(later, code="H56.20.03-250801-0001")
    assert load_jsonl("dossiers", lines(wrong), today=dt.date(2026, 1, 1)).errors


def test_overlapping_holders_in_a_file_are_refused_and_nothing_is_written():
    overlapping = dict(CHAU, valid_from="2025-01-01")
    report = load(*HANDOVER[:-1], overlapping)
    assert report.error_lines() == [
        "line 3: mã đơn vị 16003 của Xã Hoằng Châu (từ 01/01/2025) trùng thời gian với Xã Hoằng Lưu (đến 30/06/2025): "
        "mỗi mã chỉ thuộc một đơn vị tại một thời điểm",
        "line 7: mã đơn vị 16003 của Xã Hoằng Châu (từ 01/01/2025) trùng thời gian với Xã Hoằng Lưu (đến 30/06/2025): "
        "mỗi mã chỉ thuộc một đơn vị tại một thời điểm",
    ]
    assert Unit.objects.count() == 0


def test_bad_version_2_lines():
    report = load(
        dict(CHAU, format=3),  # 1 unknown version
        {k: v for k, v in CHAU.items() if k != "id"},  # 2 no id
        dict(CHAU, id="a/b"),  # 3 slash
        dict(CHAU, id="X", history=[{"code": "16010", "name": "Xã khác", "valid_from": "2025-07-01"}]),  # 4 not latest
        dict(CHAU, id="Y", history=[{"code": "16003", "name": "Xã Hoằng Châu", "since": "2025"}]),  # 5 unknown key
        dict(CHAU, id="Z", parent="Z"),  # 6 own parent
    )
    assert report.error_lines() == [
        'line 1: trường "format" có giá trị không hợp lệ 3 (cho phép: 2)',
        'line 2: thiếu trường bắt buộc "id"',
        'line 3: trường "id" không được chứa ký tự "/": "a/b"',
        'line 4: "code" và "name" phải là mã và tên mới nhất trong "history" ("16010", "Xã khác")',
        'line 5: trường không xác định "history[0].since"',
        'line 6: trường "parent" không được là chính đơn vị "Z"',
    ]


def test_history_of_codes_and_names_loads_and_is_exported():
    renamed = dict(CHAU, code="16010", name="Phường Hoằng Châu", history=[
        {"code": "16003", "name": "Xã Hoằng Châu", "valid_from": "2025-07-01", "valid_to": "2027-12-31"},
        {"code": "16010", "name": "Phường Hoằng Châu", "valid_from": "2028-01-01", "valid_to": None},
    ])
    assert load(*HANDOVER[:-1], renamed).ok
    chau = Unit.objects.get(uid="16003-2025")
    assert (chau.code, chau.name) == ("16010", "Phường Hoằng Châu")
    assert find_unit("16003", dt.date(2026, 1, 1)) == chau and find_unit("16010", dt.date(2028, 1, 1)) == chau
    line = [json.loads(x) for x in exported().splitlines() if '"16003-2025"' in x and '"history"' in x]
    assert line[0]["history"] == renamed["history"]


def test_export_writes_version_1_when_it_says_everything_and_round_trips():
    assert load(*UNITS).ok
    first = exported()
    assert first.splitlines()[0] == json.dumps(
        {"code": "38", "name": "Tỉnh Thanh Hóa", "level": "province", "parent": None, "agency_id": "H56",
         "valid_from": None, "valid_to": None, "successors": []}, ensure_ascii=False)
    assert '"format"' not in first
    empty_database()
    assert load_jsonl("units", first.splitlines()).summary() == "đã nạp 6 đơn vị mới, 0 cập nhật, 0 không đổi"
    assert exported() == first


def test_export_writes_version_2_for_a_handed_over_code_and_round_trips():
    assert load(*HANDOVER).ok
    first = exported()
    objs = [json.loads(x) for x in first.splitlines()]
    assert all(o["format"] == 2 for o in objs)
    assert [o for o in objs if o["id"] == "16003-2025"] == [dict(CHAU, successors=[], valid_to=None)]
    empty_database()
    assert load_jsonl("units", first.splitlines()).ok
    assert exported() == first
    assert UnitDesignation.objects.count() == 7


def test_export_units_command(tmp_path):
    assert load(*HANDOVER).ok
    target = tmp_path / "units.jsonl"
    out = io.StringIO()
    call_command("export", "units", "-o", str(target), stdout=out)
    assert out.getvalue().strip() == f"đã xuất 7 đơn vị vào {target}"
    assert target.read_text(encoding="utf-8") == exported()


def test_export_dossiers_names_the_holder_of_the_code_at_the_period_end():
    from .conftest import PROCEDURES

    assert load(*HANDOVER).ok and load_jsonl("procedures", lines(*PROCEDURES)).ok
    later = dossier(code="H56.83-250801-0001", received_at="2025-08-01T08:30:00+07:00",
                    due_at="2025-08-01T16:30:00+07:00", resolved_at=None, returned_at=None, outcome=None,
                    return_channel=None, supplements=[], apologies=[], ratings=[])
    assert load_jsonl("dossiers", lines(FULL_DOSSIER, later), today=dt.date(2026, 1, 1)).ok
    for label, code in (("2023-Q2", "H56.20.03-230412-0001"), ("2025-Q3", "H56.83-250801-0001")):
        out = io.StringIO()
        call_command("export", "dossiers", "--unit", "16003", "--period", label, stdout=out)
        assert [json.loads(x)["code"] for x in out.getvalue().splitlines()] == [code], label


def test_a_dossier_keeps_the_code_its_unit_held_on_the_day_of_receipt():
    from motcua.exchange.exporting import export_dossiers

    from .conftest import PROCEDURES

    renamed = dict(CHAU, code="16010", name="Phường Hoằng Châu", history=[
        {"code": "16003", "name": "Xã Hoằng Châu", "valid_from": "2025-07-01", "valid_to": "2027-12-31"},
        {"code": "16010", "name": "Phường Hoằng Châu", "valid_from": "2028-01-01", "valid_to": None},
    ])
    assert load(*HANDOVER[:-1], renamed).ok and load_jsonl("procedures", lines(*PROCEDURES)).ok
    received = dossier(code="H56.83-250801-0001", received_at="2025-08-01T08:30:00+07:00",
                       due_at="2025-08-01T16:30:00+07:00", resolved_at=None, returned_at=None, outcome=None,
                       return_channel=None, supplements=[], apologies=[], ratings=[])
    assert load_jsonl("dossiers", lines(received), today=dt.date(2026, 1, 1)).ok
    out = io.StringIO()
    export_dossiers(Unit.objects.get(uid="16003-2025"), out=out)
    assert json.loads(out.getvalue())["unit"] == "16003"
    again = load_jsonl("dossiers", out.getvalue().splitlines(), today=dt.date(2026, 1, 1))
    assert (again.ok, again.unchanged) == (True, 1)
