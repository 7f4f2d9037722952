"""The dossier code carries the LOCAL (Asia/Ho_Chi_Minh) date of receipt."""

import io

import pytest

from .conftest import MIN_DOSSIER, dossier, lines
from motcua.exchange.exporting import export_dossiers
from motcua.exchange.loading import load_jsonl

# 18:00 UTC on the 11th is 01:00 on the 12th in Việt Nam.
UTC_EVENING = dossier(MIN_DOSSIER, received_at="2023-04-11T18:00:00Z", due_at="2023-04-12T16:30:00+07:00")


@pytest.mark.django_db
def test_utc_receipt_on_the_previous_utc_day_takes_the_local_date(catalog):
    report = load_jsonl("dossiers", lines(dossier(UTC_EVENING, code="H56.20.03-230412-0002")))
    assert report.ok, report.error_lines()
    out = io.StringIO()
    export_dossiers("16003", out=out)
    assert '"received_at": "2023-04-12T01:00:00+07:00"' in out.getvalue()


@pytest.mark.django_db
def test_the_utc_date_in_the_code_is_refused(catalog):
    report = load_jsonl("dossiers", lines(dossier(UTC_EVENING, code="H56.20.03-230411-0002")))
    assert len(report.errors) == 1
    n, reason = report.errors[0]
    assert n == 1
    assert 'cần bắt đầu bằng "H56.20.03-230412-"' in reason
    assert "12/04/2023" in reason


@pytest.mark.django_db
def test_period_filter_uses_local_dates(catalog):
    assert load_jsonl("dossiers", lines(dossier(UTC_EVENING, code="H56.20.03-230412-0002"))).ok
    # Received 2023-04-11 in UTC but 2023-04-12 locally: in Q2, not in the day of the 11th.
    out = io.StringIO()
    assert export_dossiers("38", "2023-04-12..2023-04-12", out=out) == 1
    assert export_dossiers("38", "2023-04-11..2023-04-11", out=io.StringIO()) == 0
    assert export_dossiers("38", "2023-Q1", out=io.StringIO()) == 0
