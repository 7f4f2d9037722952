"""procedures.jsonl's optional `components` (the papers to bring): loaded, checked line by line, kept, exported back."""

import io
import json

import pytest

from .conftest import PROCEDURES, load_procedures, procedure
from motcua.catalog import components as papers
from motcua.catalog.models import Procedure
from motcua.dossiers.models import ComponentForm
from motcua.exchange.exporting import export_procedures
from motcua.exchange.loading import load_jsonl

BIRTH_PAPERS = [
    {"name": "Tờ khai đăng ký khai sinh theo mẫu", "form": "original", "quantity": 1},
    {"name": "Giấy chứng sinh", "form": "original", "quantity": 1},
    {"name": "Văn bản ủy quyền (nếu nộp thay)", "form": "certified_copy", "quantity": 1},
]


def stored(code="1.001193"):
    return Procedure.objects.get(code=code).components


def export() -> str:
    out = io.StringIO()
    export_procedures(out=out)
    return out.getvalue()


def test_the_catalog_knows_the_same_kinds_of_copy_as_a_dossier():
    assert papers.FORMS == tuple(ComponentForm.values)
    assert [papers.FORM_LABELS[f] for f in papers.FORMS] == list(ComponentForm.labels)


@pytest.mark.django_db
def test_papers_are_stored_in_order_and_files_without_them_still_load(units):
    report = load_procedures(procedure(components=BIRTH_PAPERS), PROCEDURES[1])
    assert report.ok, report.error_lines()
    assert stored() == BIRTH_PAPERS
    # The second line is exactly the public contract's shape: no papers.
    assert stored("1.004227") == []


@pytest.mark.django_db
def test_form_and_quantity_default_to_one_original(units):
    report = load_procedures(procedure(components=[{"name": "  Giấy chứng sinh "}, {"name": "Tờ khai", "form": None, "quantity": None}]))
    assert report.ok, report.error_lines()
    assert stored() == [
        {"name": "Giấy chứng sinh", "form": "original", "quantity": 1},
        {"name": "Tờ khai", "form": "original", "quantity": 1},
    ]


@pytest.mark.django_db
def test_papers_are_kept_when_absent_and_replaced_when_given(units):
    assert load_procedures(procedure(components=BIRTH_PAPERS)).ok
    # The province's system knows nothing of papers: its line leaves them as they are.
    assert load_procedures(PROCEDURES[0]).summary() == "đã nạp 0 thủ tục mới, 0 cập nhật, 1 không đổi"
    assert load_procedures(procedure(components=None)).summary() == "đã nạp 0 thủ tục mới, 0 cập nhật, 1 không đổi"
    assert stored() == BIRTH_PAPERS
    # A name changed elsewhere on the line updates the procedure without touching its papers.
    assert load_procedures(procedure(name="Đăng ký khai sinh")).summary() == "đã nạp 0 thủ tục mới, 1 cập nhật, 0 không đổi"
    assert stored() == BIRTH_PAPERS
    assert load_procedures(procedure(components=BIRTH_PAPERS[:1])).summary() == "đã nạp 0 thủ tục mới, 1 cập nhật, 0 không đổi"
    assert stored() == BIRTH_PAPERS[:1]
    assert load_procedures(procedure(components=[])).summary() == "đã nạp 0 thủ tục mới, 1 cập nhật, 0 không đổi"
    assert stored() == []


@pytest.mark.django_db
def test_bad_papers_are_reported_with_their_line_and_nothing_is_loaded(units):
    report = load_procedures(
        procedure(components=BIRTH_PAPERS),  # 1 good
        procedure(code="2", components="Tờ khai"),  # 2
        procedure(code="3", components=[{"name": "Tờ khai", "form": "photo"}]),  # 3
        procedure(code="4", components=[{"name": "Tờ khai", "quantity": 0}]),  # 4
        procedure(code="5", components=[{"form": "copy"}]),  # 5
        procedure(code="6", components=[{"name": "Tờ khai", "pages": 2}]),  # 6
        procedure(code="7", components=[{"name": "Tờ khai"}, {"name": "tờ  khai"}]),  # 7
        procedure(code="8", components=["Tờ khai"]),  # 8
        procedure(code="9", components=[{"name": "x" * 301}]),  # 9
        procedure(code="10", components=[{"name": "Tờ khai", "quantity": 1.5}, {"name": "   "}]),  # 10
        procedure(code="11", components=[{"name": "Tờ khai", "quantity": True}]),  # 11
        procedure(code="12", components=[{"name": f"Giấy {n}"} for n in range(51)]),  # 12
    )
    assert report.error_lines() == [
        'line 2: trường "components" phải là danh sách, nhận được chuỗi "Tờ khai"',
        'line 3: trường "components[0].form" có giá trị không hợp lệ "photo" (cho phép: original, copy, certified_copy)',
        'line 4: trường "components[0].quantity" phải là số nguyên từ 1 đến 99, nhận được 0',
        'line 5: thiếu trường bắt buộc "components[0].name"',
        'line 6: trường không xác định "components[0].pages"',
        'line 7: trường "components[1].name" lặp lại giấy tờ "tờ  khai" của "components[0]"',
        'line 8: trường "components[0]" phải là đối tượng, nhận được chuỗi "Tờ khai"',
        f'line 9: trường "components[0].name" dài quá 300 ký tự: "{"x" * 76}…',
        'line 10: trường "components[0].quantity" phải là số nguyên từ 1 đến 99, nhận được 1.5',
        'line 10: trường "components[1].name" không được để trống',
        'line 11: trường "components[0].quantity" phải là số nguyên từ 1 đến 99, nhận được true',
        'line 12: trường "components" có 51 giấy tờ, tối đa 50',
    ]
    assert Procedure.objects.count() == 0


@pytest.mark.django_db
def test_export_writes_the_whole_procedure_with_its_papers(units):
    steps = [{"name": "Tiếp nhận, kiểm tra hồ sơ", "role": "desk_officer", "working_hours": 0.5},
             {"name": "Ký", "role": "leader", "working_hours": 2}]
    first = procedure(
        internal_process={"approved": True, "electronic": True, "steps": steps},
        components=BIRTH_PAPERS,
        units=["16004", "16003"],
    )
    assert load_procedures(first, PROCEDURES[1]).ok
    exported = export().splitlines()
    assert [json.loads(line) for line in exported] == [
        {
            "code": "1.001193",
            "name": "Thủ tục đăng ký khai sinh",
            "field": {"code": "ho_tich", "name": "Hộ tịch"},
            "level": "commune",
            "legal_duration": {"value": 1, "unit": "working_day"},
            "reduced_duration": {"value": 4, "unit": "working_hour"},
            "mechanism": "one_stop",
            "online": "full",
            "online_payment": True,
            "boundary_free": False,
            "internal_process": {"approved": True, "electronic": True, "steps": steps},
            "components": BIRTH_PAPERS,
            "announced_on": "2023-05-10",
            "units": ["16003", "16004"],
        },
        {
            "code": "1.004227",
            "name": "Thủ tục chứng thực bản sao từ bản chính",
            "field": {"code": "chung_thuc", "name": "Chứng thực"},
            "level": "commune",
            "legal_duration": {"value": None, "unit": "same_day"},
            "mechanism": "one_stop",
            "online": "none",
            "online_payment": False,
            "boundary_free": False,
            "internal_process": {"approved": False, "electronic": False, "steps": []},
            "components": [],
            "units": ["16003"],
        },
    ]
    # Written as json.dumps(obj, ensure_ascii=False): Vietnamese stays readable.
    assert '"name": "Giấy chứng sinh", "form": "original", "quantity": 1' in exported[0]


@pytest.mark.django_db
def test_export_load_into_an_empty_database_export_gives_the_same_bytes(units):
    land = procedure(
        code="1.012812", name="Thủ tục hòa giải tranh chấp đất đai",
        field={"code": "dat_dai", "name": "Đất đai", "kind": "land"},
        components=[{"name": "Đơn yêu cầu hòa giải tranh chấp đất đai", "form": "original", "quantity": 1}],
    )
    assert load_procedures(procedure(components=BIRTH_PAPERS), PROCEDURES[1], land).ok
    first = export()
    Procedure.objects.all().delete()
    report = load_jsonl("procedures", first.splitlines())
    assert report.summary() == "đã nạp 3 thủ tục mới, 0 cập nhật, 0 không đổi"
    assert export() == first
    # And loading the export over itself changes nothing.
    assert load_jsonl("procedures", first.splitlines()).summary() == "đã nạp 0 thủ tục mới, 0 cập nhật, 3 không đổi"
