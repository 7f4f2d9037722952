"""procedures.jsonl's optional `paper_result` (exchange.md "Format additions"): loaded, kept when absent, checked, exported back."""

import io
import json

import pytest

from .conftest import PROCEDURES, load_procedures, procedure
from motcua.catalog.models import Procedure
from motcua.exchange.exporting import export_procedures

pytestmark = pytest.mark.django_db


def stored(code):
    return Procedure.objects.get(code=code).paper_result


def exported() -> dict[str, dict]:
    out = io.StringIO()
    export_procedures(out=out)
    return {obj["code"]: obj for obj in map(json.loads, out.getvalue().splitlines())}


def test_paper_result_is_loaded_kept_when_absent_and_exported_only_when_known(units):
    first, second = PROCEDURES[0]["code"], PROCEDURES[1]["code"]
    report = load_procedures(procedure(paper_result=True), dict(PROCEDURES[1], paper_result=False))
    assert report.ok, report.error_lines()
    assert (stored(first), stored(second)) == (True, False)
    lines = exported()
    assert (lines[first]["paper_result"], lines[second]["paper_result"]) == (True, False)

    # Absent from a later line: not known there, the stored value stays.
    assert load_procedures(procedure(), PROCEDURES[1]).ok
    assert (stored(first), stored(second)) == (True, False)


def test_a_procedure_never_told_has_no_paper_result_in_its_line(units):
    assert load_procedures(PROCEDURES[1]).ok
    assert stored(PROCEDURES[1]["code"]) is None
    assert "paper_result" not in exported()[PROCEDURES[1]["code"]]


def test_a_paper_result_that_is_not_true_or_false_is_refused_with_its_line(units):
    report = load_procedures(procedure(paper_result="có"))
    assert not report.ok
    assert any('"paper_result"' in line for line in report.error_lines())
    assert not Procedure.objects.exists()
