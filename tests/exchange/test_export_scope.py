"""Export covers the unit and every unit below it, and the dossiers received in the period."""

import io
import json

import pytest

from .conftest import MIN_DOSSIER, dossier, lines
from motcua.exchange.exporting import export_dossiers
from motcua.exchange.loading import load_jsonl
from motcua.lib.periods import parse_period

DOSSIERS = [
    dossier(MIN_DOSSIER, code="H56.20.03-230331-0001", received_at="2023-03-31T16:59:00+07:00", due_at="2023-04-03T08:00:00+07:00"),
    dossier(MIN_DOSSIER, code="H56.20.03-230401-0001", received_at="2023-04-01T00:00:00+07:00", due_at="2023-04-03T08:00:00+07:00"),
    dossier(MIN_DOSSIER, code="H56.20.04-230630-0001", unit="16004", received_at="2023-06-30T23:59:59+07:00", due_at="2023-07-03T08:00:00+07:00"),
    dossier(MIN_DOSSIER, code="H56.20.03-230701-0001", received_at="2023-07-01T00:00:00+07:00", due_at="2023-07-03T08:00:00+07:00"),
    dossier(MIN_DOSSIER, code="H40.01-230501-0001", unit="17001", received_at="2023-05-01T09:00:00+07:00", due_at="2023-05-03T08:00:00+07:00"),
    dossier(MIN_DOSSIER, code="H56.20.03-230501-0002", received_at="2023-05-01T09:00:00+07:00", due_at="2023-05-03T08:00:00+07:00"),
    dossier(MIN_DOSSIER, code="H56.20.03-230501-0001", received_at="2023-05-01T09:00:00+07:00", due_at="2023-05-03T08:00:00+07:00"),
]


def codes(unit, period=None):
    out = io.StringIO()
    n = export_dossiers(unit, period, out=out)
    result = [json.loads(line)["code"] for line in out.getvalue().splitlines()]
    assert len(result) == n
    return result


@pytest.fixture
def loaded(catalog):
    report = load_jsonl("dossiers", lines(*DOSSIERS))
    assert report.ok, report.error_lines()


@pytest.mark.django_db
def test_unit_and_units_below_it(loaded):
    everything_in_38 = [
        "H56.20.03-230331-0001",
        "H56.20.03-230401-0001",
        "H56.20.03-230501-0001",
        "H56.20.03-230501-0002",
        "H56.20.04-230630-0001",
        "H56.20.03-230701-0001",
    ]
    assert codes("38") == everything_in_38
    assert codes("388") == everything_in_38
    assert codes("16004") == ["H56.20.04-230630-0001"]
    assert codes("40") == ["H40.01-230501-0001"]
    assert codes("17001") == ["H40.01-230501-0001"]


@pytest.mark.django_db
def test_period_bounds_are_inclusive_local_days(loaded):
    assert codes("38", "2023-Q2") == [
        "H56.20.03-230401-0001",
        "H56.20.03-230501-0001",
        "H56.20.03-230501-0002",
        "H56.20.04-230630-0001",
    ]
    assert codes("38", parse_period("2023-Q1")) == ["H56.20.03-230331-0001"]
    assert codes("38", "2023-05-01..2023-05-01") == ["H56.20.03-230501-0001", "H56.20.03-230501-0002"]
    assert codes("16003", "2023-H1") == [
        "H56.20.03-230331-0001",
        "H56.20.03-230401-0001",
        "H56.20.03-230501-0001",
        "H56.20.03-230501-0002",
    ]
    assert codes("38", "2024") == []


@pytest.mark.django_db
def test_the_command_writes_a_file_or_stdout(loaded, tmp_path):
    from django.core.management import call_command

    target = tmp_path / "out.jsonl"
    out = io.StringIO()
    call_command("export", "dossiers", "--unit", "16004", "-o", str(target), stdout=out)
    assert out.getvalue().strip() == f"đã xuất 1 hồ sơ vào {target}"
    assert json.loads(target.read_text(encoding="utf-8"))["code"] == "H56.20.04-230630-0001"
    out = io.StringIO()
    call_command("export", "dossiers", "--unit", "38", "--period", "2023-Q1", stdout=out)
    assert [json.loads(line)["code"] for line in out.getvalue().splitlines()] == ["H56.20.03-230331-0001"]


@pytest.mark.django_db
def test_the_command_refuses_an_unknown_unit_or_a_bad_period(loaded):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="không tìm thấy đơn vị có mã 99"):
        call_command("export", "dossiers", "--unit", "99", stdout=io.StringIO())
    with pytest.raises(CommandError, match="kỳ báo cáo không hợp lệ"):
        call_command("export", "dossiers", "--unit", "38", "--period", "2023-Q5", stdout=io.StringIO())
