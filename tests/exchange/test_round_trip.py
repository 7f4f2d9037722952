"""export → load into an empty database → export gives the same lines; loading gives the canonical form."""

import io
import json

import pytest

from .conftest import FULL_DOSSIER, MIN_DOSSIER, dossier, lines
from motcua.dossiers.models import Dossier
from motcua.exchange.exporting import export_dossiers
from motcua.exchange.loading import load_jsonl


def export(unit="38", period=None):
    out = io.StringIO()
    count = export_dossiers(unit, period, out=out)
    text = out.getvalue()
    assert text.count("\n") == count
    return text


SOURCE = [
    # Written loosely: UTC and other offsets, nulls, empty lists, keys out of order, microseconds.
    dossier(
        MIN_DOSSIER,
        code="H56.20.03-230413-0001",
        received_at="2023-04-13T01:00:00.250000Z",
        due_at="2023-04-14T10:00:00+00:00",
        applicant={"name": "Công ty TNHH Hoằng Lưu", "kind": "organisation", "phone": None, "email": "a@b.vn", "address": ""},
        supplements=[],
        apologies=None,
        ratings=[{"value": "satisfied"}],
        published={"portal": False, "website": None},
        digitized={"components": None, "result": None},
    ),
    FULL_DOSSIER,
    MIN_DOSSIER,
    dossier(MIN_DOSSIER, code="H56.20.04-230412-0001", unit="16004", received_at="2023-04-12T08:30:00+07:00"),
]

CANONICAL = [
    # ordered by received_at, then code
    FULL_DOSSIER,
    dossier(MIN_DOSSIER, code="H56.20.04-230412-0001", unit="16004", received_at="2023-04-12T08:30:00+07:00"),
    MIN_DOSSIER,
    {
        "code": "H56.20.03-230413-0001",
        "unit": "16003",
        "procedure": "1.004227",
        "channel": "online_full",
        "received_at": "2023-04-13T08:00:00.250000+07:00",
        "due_at": "2023-04-14T17:00:00+07:00",
        "applicant": {"kind": "organisation", "name": "Công ty TNHH Hoằng Lưu", "email": "a@b.vn"},
        "published": {"portal": False},
        "ratings": [{"value": "satisfied"}],
    },
]


@pytest.mark.django_db
def test_loading_gives_the_canonical_form(catalog):
    assert load_jsonl("dossiers", lines(*SOURCE)).ok
    expected = "".join(json.dumps(obj, ensure_ascii=False) + "\n" for obj in CANONICAL)
    assert export() == expected


@pytest.mark.django_db
def test_export_load_export_is_the_identity(catalog):
    assert load_jsonl("dossiers", lines(*SOURCE)).ok
    first = export()
    Dossier.objects.all().delete()
    report = load_jsonl("dossiers", first.splitlines())
    assert (report.created, report.errors) == (len(SOURCE), [])
    assert export() == first
    # ... and loading the export again changes nothing.
    again = load_jsonl("dossiers", first.splitlines())
    assert (again.created, again.unchanged) == (0, len(SOURCE))


@pytest.mark.django_db
def test_key_order_of_the_export_is_the_contract_order(catalog):
    assert load_jsonl("dossiers", lines(FULL_DOSSIER)).ok
    obj = json.loads(export())
    assert list(obj) == [
        "code", "unit", "procedure", "channel", "received_at", "due_at", "applicant", "supplements", "apologies",
        "resolved_at", "outcome", "returned_at", "return_channel", "published", "digitized", "ratings",
    ]
    assert export() == json.dumps(FULL_DOSSIER, ensure_ascii=False) + "\n"
