"""procedures.jsonl: fields, durations, internal steps (our extension), units, upsert."""

from decimal import Decimal

import pytest

from .conftest import PROCEDURES, load_procedures, procedure
from motcua.catalog.models import Field, Procedure, ProcedureStep

STEPS = [
    {"name": "Tiếp nhận, kiểm tra hồ sơ", "role": "one_stop", "working_hours": 0.5},
    {"name": "Thẩm định", "role": "officer", "working_hours": 2},
    {"name": "Ký duyệt", "role": "leader", "working_hours": 1.5},
]


@pytest.mark.django_db
def test_a_procedure_is_stored_with_all_its_fields(units):
    report = load_procedures(procedure(internal_process={"approved": True, "electronic": False, "steps": STEPS}), PROCEDURES[1])
    assert report.ok, report.error_lines()
    assert report.summary() == "đã nạp 2 thủ tục mới, 0 cập nhật, 0 không đổi"
    p = Procedure.objects.get(code="1.001193")
    assert (p.name, p.field.code, p.field.name, p.field.kind, p.level.code) == (
        "Thủ tục đăng ký khai sinh", "ho_tich", "Hộ tịch", "", "commune",
    )
    assert (p.legal_duration_value, p.legal_duration_unit, p.reduced_duration_value, p.reduced_duration_unit) == (
        1, "working_day", 4, "working_hour",
    )
    assert (p.mechanism, p.online, p.online_payment, p.boundary_free) == ("one_stop", "full", True, False)
    assert (p.process_approved, p.process_electronic, str(p.announced_on), p.abolished_on) == (True, False, "2023-05-10", None)
    assert sorted(u.code for u in p.units.all()) == ["16003", "16004"]
    assert [(s.position, s.name, s.role, s.working_hours) for s in p.steps.all()] == [
        (1, "Tiếp nhận, kiểm tra hồ sơ", "one_stop", Decimal("0.50")),
        (2, "Thẩm định", "officer", Decimal("2.00")),
        (3, "Ký duyệt", "leader", Decimal("1.50")),
    ]
    same_day = Procedure.objects.get(code="1.004227")
    assert (same_day.legal_duration_value, same_day.legal_duration_unit, same_day.reduced_duration_unit) == (None, "same_day", "")
    assert (same_day.mechanism, same_day.online) == ("one_stop", "none")


@pytest.mark.django_db
def test_land_and_construction_fields_carry_their_kind(units):
    report = load_procedures(procedure(code="1.000001", field={"code": "dat_dai", "name": "Đất đai", "kind": "land"}))
    assert report.ok, report.error_lines()
    assert Field.objects.get(code="dat_dai").kind == "land"


@pytest.mark.django_db
def test_bad_procedure_lines(units):
    report = load_procedures(
        procedure(),  # 1 good
        procedure(code="2", legal_duration={"value": 3, "unit": "week"}),  # 2
        procedure(code="3", legal_duration={"value": 2, "unit": "same_day"}),  # 3
        procedure(code="4", mechanism="alone"),  # 4
        procedure(code="5", online="level4"),  # 5
        procedure(code="6", units=["16003", "99999"]),  # 6
        procedure(code="7", level="ward"),  # 7
        procedure(code="8", field={"code": "ho_tich", "name": "Hộ tịch", "kind": "forest"}),  # 8
        procedure(code="9", internal_process={"approved": True, "steps": [{"name": "Ký", "role": "leader"}]}),  # 9
        procedure(code="10", online_payment="yes"),  # 10
        procedure(code="11", legal_duration={"value": 0, "unit": "working_day"}),  # 11
        procedure(code="1.001193"),  # 12 duplicate
        procedure(code="13", field={"code": "ho_tich", "name": "Hộ tịch (khác)"}),  # 13 field conflict
        procedure(code="14", announced_on="2023-05-10", abolished_on="2023-01-01"),  # 14
        procedure(code="15", legal_duration=None),  # 15
    )
    assert report.error_lines() == [
        'line 2: trường "legal_duration.unit" có giá trị không hợp lệ "week" (cho phép: working_hour, working_day, calendar_day, same_day)',
        'line 3: trường "legal_duration.value" của thời hạn "same_day" chỉ được là null, 0 hoặc 1, nhận được 2',
        'line 4: trường "mechanism" có giá trị không hợp lệ "alone" (cho phép: one_stop, interlinked_same_level, interlinked_across_levels)',
        'line 5: trường "online" có giá trị không hợp lệ "level4" (cho phép: none, partial, full)',
        'line 6: trường "units[1]" tham chiếu đơn vị không có trong hệ thống "99999"',
        'line 7: trường "level" có giá trị không hợp lệ "ward" (cho phép: province, district, commune)',
        'line 8: trường "field.kind" có giá trị không hợp lệ "forest" (cho phép: land, construction)',
        'line 9: thiếu trường bắt buộc "internal_process.steps[0].working_hours"',
        'line 10: trường "online_payment" phải là true/false, nhận được chuỗi "yes"',
        'line 11: trường "legal_duration.value" phải là số nguyên dương, nhận được 0',
        'line 12: mã thủ tục "1.001193" trùng với dòng 1',
        'line 13: lĩnh vực "ho_tich" có tên hoặc nhóm khác với dòng 1 ("Hộ tịch (khác)"/"" so với "Hộ tịch"/"")',
        'line 14: trường "abolished_on" (2023-01-01) sớm hơn "announced_on" (2023-05-10)',
        'line 15: trường "legal_duration" không được để trống (null)',
    ]
    assert Procedure.objects.count() == 0


@pytest.mark.django_db
def test_reloading_upserts(catalog):
    again = load_procedures(*PROCEDURES)
    assert again.summary() == "đã nạp 0 thủ tục mới, 0 cập nhật, 2 không đổi"
    changed = procedure(name="Đăng ký khai sinh (sửa)", units=["16003"], reduced_duration=None)
    report = load_procedures(changed, PROCEDURES[1])
    assert report.summary() == "đã nạp 0 thủ tục mới, 1 cập nhật, 1 không đổi"
    p = Procedure.objects.get(code="1.001193")
    assert (p.name, p.reduced_duration_value, p.reduced_duration_unit) == ("Đăng ký khai sinh (sửa)", None, "")
    assert [u.code for u in p.units.all()] == ["16003"]


@pytest.mark.django_db
def test_steps_are_replaced_when_given_and_kept_when_absent(catalog):
    assert load_procedures(procedure(internal_process={"approved": True, "electronic": True, "steps": STEPS})).summary() == (
        "đã nạp 0 thủ tục mới, 1 cập nhật, 0 không đổi"
    )
    # Without "steps" the configured steps stay.
    assert load_procedures(PROCEDURES[0]).summary() == "đã nạp 0 thủ tục mới, 0 cập nhật, 1 không đổi"
    assert ProcedureStep.objects.count() == 3
    # Given, they replace the stored ones.
    assert load_procedures(procedure(internal_process={"approved": True, "electronic": True, "steps": STEPS[:1]})).ok
    assert list(ProcedureStep.objects.values_list("name", flat=True)) == ["Tiếp nhận, kiểm tra hồ sơ"]
    assert load_procedures(procedure(internal_process={"approved": True, "electronic": True, "steps": []})).ok
    assert ProcedureStep.objects.count() == 0
