"""Dossier codes {agency_id}-{yymmdd}-{seq:04d}: per unit, per local day, gap-free."""

import datetime as dt

import pytest
from django.db import transaction

from motcua.dossiers.actions import DossierActionError
from motcua.dossiers.codes import issue_dossier_code
from motcua.dossiers.error_codes import DossierErrorCode
from motcua.dossiers.models import DailySequence, Dossier
from tests.desk.conftest import receive, vn

pytestmark = pytest.mark.django_db
UTC = dt.timezone.utc


def issue(unit, at):
    with transaction.atomic():
        return issue_dossier_code(unit, at)


def test_sequence_per_unit_per_day(desk):
    assert receive(desk, vn(2023, 6, 5, 8, 0)).code == "H56.20.03-230605-0001"
    assert receive(desk, vn(2023, 6, 5, 8, 5)).code == "H56.20.03-230605-0002"
    # The next day starts again from 0001.
    assert receive(desk, vn(2023, 6, 6, 7, 30)).code == "H56.20.03-230606-0001"
    # Back-dated entry of the first day continues its own sequence.
    assert receive(desk, vn(2023, 6, 5, 16, 0)).code == "H56.20.03-230605-0003"
    # Another unit has its own sequence.
    assert receive(desk, vn(2023, 6, 5, 8, 0), actor=desk.officer_b, unit=desk.unit_b).code == "H56.20.04-230605-0001"
    assert receive(desk, vn(2023, 6, 5, 9, 0)).code == "H56.20.03-230605-0004"


def test_the_local_date_names_the_day(desk):
    # 05/06 18:30 UTC is 06/06 01:30 in Việt Nam.
    d = receive(desk, dt.datetime(2023, 6, 5, 18, 30, tzinfo=UTC))
    assert d.code == "H56.20.03-230606-0001"
    # 05/06 16:59 UTC is still 05/06 (23:59) locally.
    assert issue(desk.unit, dt.datetime(2023, 6, 5, 16, 59, tzinfo=UTC)) == "H56.20.03-230605-0001"
    assert issue(desk.unit, vn(2023, 6, 6, 0, 0)) == "H56.20.03-230606-0002"


def _loaded(desk, *seqs, day="230605"):
    # As an exchange loader does it: bulk_create with codes from the file.
    Dossier.objects.bulk_create(
        Dossier(
            code=f"H56.20.03-{day}-{seq:04d}",
            unit=desk.unit,
            procedure=desk.procedure,
            channel="counter",
            received_at=vn(2023, 6, 5, 8, 0),
            due_at=vn(2023, 6, 8, 8, 0),
        )
        for seq in seqs
    )


def test_continue_after_loaded_dossiers(desk):
    _loaded(desk, 1, 2, 7)
    assert receive(desk, vn(2023, 6, 5, 9, 0)).code == "H56.20.03-230605-0008"
    assert receive(desk, vn(2023, 6, 5, 9, 5)).code == "H56.20.03-230605-0009"
    # Loaded dossiers default to 'received', version 1.
    loaded = Dossier.objects.get(code="H56.20.03-230605-0001")
    assert (loaded.status, loaded.version, loaded.components, loaded.result_delivery) == ("received", 1, [], "")


def test_dossiers_loaded_after_the_sequence_started_are_skipped(desk):
    assert receive(desk, vn(2023, 6, 5, 8, 0)).code == "H56.20.03-230605-0001"
    _loaded(desk, 5)
    assert receive(desk, vn(2023, 6, 5, 9, 0)).code == "H56.20.03-230605-0006"


def test_sequences_beyond_9999_compare_as_numbers(desk):
    _loaded(desk, 9999, 10000)
    assert issue(desk.unit, vn(2023, 6, 5, 9, 0)) == "H56.20.03-230605-10001"


def test_rolled_back_intake_gives_its_number_back(desk):
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            assert issue_dossier_code(desk.unit, vn(2023, 6, 5, 8, 0)) == "H56.20.03-230605-0001"
            raise RuntimeError("the intake failed after the code was issued")
    assert issue(desk.unit, vn(2023, 6, 5, 8, 0)) == "H56.20.03-230605-0001"
    assert DailySequence.objects.get(unit=desk.unit).last == 1


def test_a_refused_intake_consumes_no_number(desk):
    with pytest.raises(DossierActionError):
        receive(desk, vn(2023, 6, 5, 8, 0), applicant={"kind": "citizen", "name": "A", "id_number": "123"})
    assert receive(desk, vn(2023, 6, 5, 8, 5)).code == "H56.20.03-230605-0001"


def test_unit_without_agency_id_gets_no_code(desk):
    desk.unit.agency_id = ""
    desk.unit.save()
    with pytest.raises(DossierActionError) as err:
        issue(desk.unit, vn(2023, 6, 5, 8, 0))
    assert err.value.code == DossierErrorCode.UNIT_WITHOUT_AGENCY_ID


def _load_file(desk, *seqs, day="230605"):
    # Through the exchange loader, as an operator would load a dossier file.
    import json

    from motcua.exchange.loading import load_jsonl

    lines = [
        json.dumps(
            {
                "code": f"{desk.unit.agency_id}-{day}-{seq:04d}",
                "unit": desk.unit.code,
                "procedure": desk.procedure.code,
                "channel": "counter",
                "received_at": f"20{day[:2]}-{day[2:4]}-{day[4:]}T08:00:00+07:00",
                "due_at": f"20{day[:2]}-{day[2:4]}-{day[4:]}T16:00:00+07:00",
            }
        )
        for seq in seqs
    ]
    report = load_jsonl("dossiers", lines, today=dt.date(2023, 6, 30))
    assert report.ok, report.errors
    return report


def test_a_file_loaded_after_intakes_started_is_skipped_past(desk):
    assert receive(desk, vn(2023, 6, 5, 8, 0)).code == "H56.20.03-230605-0001"
    assert receive(desk, vn(2023, 6, 5, 8, 5)).code == "H56.20.03-230605-0002"
    # 0003 stays free: only the sequence tells the next intake to go above 0012.
    _load_file(desk, 5, 9, 12)
    # The loader raised the day's sequence to the highest number it loaded.
    assert DailySequence.objects.get(unit=desk.unit, day=dt.date(2023, 6, 5)).last == 12
    assert receive(desk, vn(2023, 6, 5, 9, 0)).code == "H56.20.03-230605-0013"
    # A file with lower numbers never lowers it.
    _load_file(desk, 3)
    assert DailySequence.objects.get(unit=desk.unit, day=dt.date(2023, 6, 5)).last == 13
    assert receive(desk, vn(2023, 6, 5, 9, 5)).code == "H56.20.03-230605-0014"


def test_a_file_loaded_before_any_intake_starts_the_sequence_above_it(desk):
    _load_file(desk, 4, 10000)
    _load_file(desk, 7, day="230606")
    assert DailySequence.objects.get(unit=desk.unit, day=dt.date(2023, 6, 5)).last == 10000
    assert receive(desk, vn(2023, 6, 5, 9, 0)).code == "H56.20.03-230605-10001"
    assert receive(desk, vn(2023, 6, 6, 9, 0)).code == "H56.20.03-230606-0008"


def test_codes_entered_around_a_started_sequence_are_skipped_past(desk):
    assert receive(desk, vn(2023, 6, 5, 8, 0)).code == "H56.20.03-230605-0001"
    _loaded(desk, 2)
    # The very next number is taken: the full scan takes over.
    assert receive(desk, vn(2023, 6, 5, 9, 0)).code == "H56.20.03-230605-0003"
