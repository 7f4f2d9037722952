"""Our `data_fields` (procedures.jsonl) and `data` (dossiers.jsonl) extensions: checked line by line, round trip exact."""

import io
import json

import pytest

from .conftest import FULL_DOSSIER, PROCEDURES, dossier, lines, load_procedures, procedure
from .test_dossier_rules import check
from motcua.catalog.models import Procedure
from motcua.dossiers.models import Dossier
from motcua.exchange.exporting import export_dossiers, export_procedures
from motcua.exchange.loading import load_jsonl

pytestmark = pytest.mark.django_db

# As the canonical export writes them: KEYS order, "required" always, choices as objects.
BIRTH_FIELDS = [
    {"key": "child_name", "label": "Họ, chữ đệm, tên người được khai sinh", "type": "text", "required": True, "max": 100},
    {"key": "child_sex", "label": "Giới tính", "type": "choice", "required": True,
     "choices": [{"value": "nam", "label": "Nam"}, {"value": "nu", "label": "Nữ"}]},
    {"key": "birth_date", "label": "Ngày, tháng, năm sinh", "type": "date", "required": True, "max": "today",
     "help": "Theo giấy chứng sinh"},
    {"key": "twins", "label": "Sinh đôi", "type": "boolean", "required": False},
    {"key": "weight", "label": "Cân nặng (gam)", "type": "integer", "required": False, "min": 300, "max": 7000},
]
CHILD = {"child_name": "Nguyễn Thị Hoa", "child_sex": "nu", "birth_date": "2023-04-10", "twins": False, "weight": 3100}


def exported_procedures() -> str:
    out = io.StringIO()
    export_procedures(out=out)
    return out.getvalue()


def exported_dossiers() -> str:
    out = io.StringIO()
    export_dossiers("38", None, out=out)
    return out.getvalue()


def test_definitions_export_load_export_identical(units):
    report = load_procedures(procedure(data_fields=BIRTH_FIELDS), PROCEDURES[1])
    assert report.ok, report.error_lines()
    first = exported_procedures()
    by_code = {o["code"]: o for o in map(json.loads, first.splitlines())}
    assert by_code["1.001193"]["data_fields"] == BIRTH_FIELDS
    # A procedure without definitions has no key in its line.
    assert "data_fields" not in by_code["1.004227"]

    Procedure.objects.all().delete()
    assert load_jsonl("procedures", first.splitlines()).ok
    assert exported_procedures() == first
    # A later line without the key keeps the stored definitions.
    assert load_procedures(procedure()).ok
    assert Procedure.objects.get(code="1.001193").data_fields == BIRTH_FIELDS


def test_a_bad_definition_is_refused_with_its_line_and_field_and_nothing_is_loaded(units):
    bad = procedure(code="1.000656", data_fields=[BIRTH_FIELDS[0], {"key": "sex", "label": "Giới tính", "type": "choice", "choices": ["Nam", "Nam"]}])
    report = load_procedures(PROCEDURES[1], bad)
    assert report.error_lines() == [
        'line 2: trường "data_fields[1].choices[1].value" (mục «sex») lặp lại lựa chọn "Nam"',
    ]
    assert not Procedure.objects.exists()
    report = load_procedures(procedure(data_fields={"key": "a"}))
    assert report.error_lines() == ['line 1: trường "data_fields" phải là danh sách các mục dữ liệu, nhận được {"key": "a"}']


@pytest.fixture
def birth_catalog(units):
    report = load_procedures(procedure(data_fields=BIRTH_FIELDS), PROCEDURES[1])
    assert report.ok, report.error_lines()


def test_dossier_data_export_load_export_identical(birth_catalog):
    # Keys in any order in the loaded line; the export writes them sorted.
    line = dossier(data=dict(reversed(list(CHILD.items()))))
    report = load_jsonl("dossiers", lines(line))
    assert report.ok, report.error_lines()
    assert Dossier.objects.get().data == CHILD
    first = exported_dossiers()
    assert json.loads(first)["data"] == CHILD and list(json.loads(first)["data"]) == sorted(CHILD)
    Dossier.objects.all().delete()
    assert load_jsonl("dossiers", first.splitlines()).created == 1
    assert exported_dossiers() == first
    # The export loads once more as unchanged.
    assert load_jsonl("dossiers", first.splitlines()).unchanged == 1


def test_a_dossier_without_data_writes_none(birth_catalog):
    assert load_jsonl("dossiers", lines(FULL_DOSSIER)).ok
    assert "data" not in json.loads(exported_dossiers())


BAD = [
    # Received 12/04/2023: born the next day.
    (dict(CHILD, birth_date="2023-04-13"),
     'line 3: trường "data.birth_date": «Ngày, tháng, năm sinh» không được sau hôm nay, nhận được 13/04/2023'),
    (dict(CHILD, weight=200), 'trường "data.weight": «Cân nặng (gam)» phải từ 300 đến 7000, nhận được 200'),
    (dict(CHILD, child_sex="x"), 'trường "data.child_sex": «Giới tính» không có lựa chọn "x" (chọn một trong: Nam, Nữ)'),
    (dict(CHILD, colour="đỏ"), 'trường "data.colour": thủ tục không có mục dữ liệu "colour"'),
    (dict(CHILD, weight=3100.5), 'trường "data.weight" phải là chuỗi, số nguyên hoặc true/false, nhận được số 3100.5'),
    (dict(CHILD, twins=[1]), 'trường "data.twins" phải là chuỗi, số nguyên hoặc true/false'),
    (dict(CHILD, birth_date="10/04/2023"), 'trường "data.birth_date": «Ngày, tháng, năm sinh» phải là ngày có thật dạng YYYY-MM-DD'),
    ("nhiều", 'trường "data" phải là đối tượng'),
]


@pytest.mark.parametrize("data,expected", BAD, ids=[str(i) for i in range(len(BAD))])
def test_bad_data_is_refused_with_its_line(birth_catalog, data, expected):
    check(dossier(data=data), expected)


def test_a_loaded_dossier_is_not_asked_for_required_values(birth_catalog):
    # Absent required values: a record of the past keeps what it knew.
    assert load_jsonl("dossiers", lines(dossier(data={"twins": True}))).ok
