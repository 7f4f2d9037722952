"""The reports motcua builds pass motcua's own reading: no breach, and every value reads back as the JSON states it.

The demo (communes with a year of dossiers, ratings and every register, a
district above them) is built as Word and PDF for communes and the district,
over a quarter, a year and a recent quarter; `extract` must read each back to
exactly `report appendix --format json` (a blank stays blank, a flag its
number) and `check` must find nothing — a false alarm on our own report would
teach a district officer to ignore the checks.
"""

import datetime as dt
import io
import json

import pytest

from motcua.lib.periods import parse_period
from motcua.reports.compute import compute_appendix
from motcua.reports.docx_report import build_report_docx
from motcua.reports.extract import extract_file
from motcua.reports.manual import set_manual_values
from motcua.reports.pdf_report import build_report_pdf
from motcua.units.models import Unit

pytestmark = pytest.mark.django_db

NOW = dt.datetime.fromisoformat("2026-11-24T16:30:00+07:00")
ISSUED = dt.date(2026, 11, 25)
UNITS = ["15976", "15997", "16000", "399"]
# 2026-Q4 is the quarter under way: the report is issued before its period ends (as the cut-off calendar has it).
PERIODS = ["2023-Q2", "2023", "2026-Q3", "2026-Q4"]
BUILDERS = {"docx": build_report_docx, "pdf": build_report_pdf}
# Entered rows, so flags read back as their numbers and blanks stay blank beside them.
ENTERED = {"16000": ["6.1=1", "6.2=0", "7.1=2", "7.2.1=1", "7.4.1=0", "7.6=1"], "15976": ["7.1=0", "7.6=0"]}


@pytest.fixture
def demo():
    from motcua.demo.install import load_demo

    load_demo(now=NOW)
    for code, assignments in ENTERED.items():
        unit = Unit.objects.get(uid=code)
        for label in PERIODS:
            set_manual_values(unit, parse_period(label), assignments)


def _differences(expected: dict, found: dict) -> dict:
    return {code: (value, found.get(code)) for code, value in expected.items() if found.get(code) != value}


@pytest.mark.parametrize("fmt", list(BUILDERS))
def test_built_reports_read_back_exactly_without_breach(tmp_path, demo, fmt):
    problems = []
    for code in UNITS:
        unit = Unit.objects.get(uid=code)
        for label in PERIODS:
            period = parse_period(label)
            # The JSON exactly as `report appendix --format json` prints it.
            appendix = json.load(io.StringIO(json.dumps(compute_appendix(unit, period).as_dict(), ensure_ascii=False)))
            assert appendix["checks"] == [], (code, label, appendix["checks"])
            path = tmp_path / f"{code}-{label}.{fmt}"
            path.write_bytes(BUILDERS[fmt](unit, period, issued_on=ISSUED))
            report = extract_file(path)
            where = f"{code} {label} {fmt}"
            if report["checks"]:
                problems.append(f"{where}: checks {[c['rule'] + ': ' + c['message'] for c in report['checks']]}")
            if diff := _differences(appendix["values"], report["values"]):
                problems.append(f"{where}: values (appendix, read) {diff}")
            if set(report["values"]) != set(appendix["values"]):
                problems.append(f"{where}: codes {set(report['values']) ^ set(appendix['values'])}")
            if report["period"] != appendix["period"]:
                problems.append(f"{where}: period {report['period']} ≠ {appendix['period']}")
            if report["unit"]["name"] != unit.name:
                problems.append(f"{where}: unit {report['unit']['name']!r} ≠ {unit.name!r}")
    assert problems == []


def test_the_demo_exercises_what_was_misread(tmp_path, demo):
    """The figures behind the false alarms are really there: a register's survey forms and a dialogue's attendees
    in the narrative, a blank 7.6 right before Phụ lục 02."""
    unit, period = Unit.objects.get(code="15997"), parse_period("2023-Q2")
    values = compute_appendix(unit, period).values
    assert values["7.6"] is None and values["1.4.1"]
    path = tmp_path / "r.docx"
    path.write_bytes(build_report_docx(unit, period, issued_on=ISSUED))
    from motcua.reports.extract.text import read_text

    text = read_text(path)
    assert "lượt người tham dự" in text and "Phụ lục 02" in text
    assert extract_file(path)["values"]["7.6"] is None
