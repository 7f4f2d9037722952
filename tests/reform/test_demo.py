"""The demo's registers: the demo commune's reports take every register row from them and break no rule."""

import datetime as dt

import pytest

from motcua.demo import install
from motcua.demo.registers import load_registers
from motcua.reform import models as m
from motcua.reports.compute import compute_appendix
from motcua.reports.indicators import INDICATORS, REGISTER
from motcua.reports.narrative import build_narrative
from motcua.units.models import Unit

from .conftest import period

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 25)
REGISTER_CODES = [row.code for row in INDICATORS if row.source == REGISTER]


@pytest.fixture
def demo_units(db):
    from motcua.exchange.loading import load_file

    assert load_file("units", install.UNITS_FILE).errors == []
    return list(Unit.objects.filter(code__in=install.commune_codes()))


@pytest.mark.parametrize("code, label", [("16000", "2026-Q3"), ("16000", "2025-Q4"), ("16000", "2026"), ("15976", "2023-Q2")])
def test_demo_report_takes_every_register_row_from_the_registers(demo_units, code, label):
    load_registers(demo_units, TODAY, (2023,))
    appendix = compute_appendix(Unit.objects.get(uid=code), period(label))
    assert {c: appendix.origins.get(c) for c in REGISTER_CODES} == dict.fromkeys(REGISTER_CODES, "register")
    assert appendix.values["1.1"] and appendix.values["4.1.1"] and appendix.values["7.2.3"]
    assert appendix.values["1.4.1"] > 0
    assert appendix.checks == []


def test_demo_narrative_quotes_the_registers(demo_units):
    load_registers(demo_units, TODAY, (2023,))
    unit = Unit.objects.get(uid="15976")
    text = build_narrative(unit, period("2023-Q2")).text()
    plan = m.ReformPlan.objects.get(unit=unit, year=2023)
    assert f"{plan.decision_number} ngày {plan.decision_date:%d/%m/%Y}" in text
    assert "Công tác tuyên truyền CCHC: trong kỳ đã tổ chức" in text
    assert "Về trình độ chuyên môn của" in text and "Khảo sát sự hài lòng năm 2023 đợt 1" in text


def test_loading_twice_adds_nothing_and_nothing_is_dated_after_today(demo_units):
    assert load_registers(demo_units, TODAY, (2023,)) > 0
    counts = [model.objects.count() for model in (m.ReformTask, m.StaffMember, m.OutgoingDocument, m.SurveyCollection)]
    assert load_registers(demo_units, TODAY, (2023,)) == 0
    assert counts == [model.objects.count() for model in (m.ReformTask, m.StaffMember, m.OutgoingDocument, m.SurveyCollection)]
    assert m.RegisterChange.objects.filter(register="outgoingdocument", kind="import").count() == counts[2]
    assert not m.OutgoingDocument.objects.filter(issued_on__gt=TODAY).exists()
    assert not m.ReformTask.objects.filter(completed_on__gt=TODAY).exists()
    # Every demo record passes the checks the forms apply.
    for model in (m.ReformTask, m.InspectionIssue, m.LegalDocument, m.StaffMember, m.SurveyCollection):
        for record in model.objects.all():
            record.full_clean()
