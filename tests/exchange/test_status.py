"""Loaded dossiers get the workflow status their dates imply (when the model has a status)."""

import pytest

from .conftest import FULL_DOSSIER, MIN_DOSSIER, dossier, lines
from motcua.dossiers.models import Dossier
from motcua.exchange.loading import load_jsonl

pytestmark = pytest.mark.skipif(
    not any(f.name == "status" for f in Dossier._meta.concrete_fields), reason="dossiers have no workflow status"
)


@pytest.mark.django_db
def test_status_follows_the_dates(catalog):
    waiting = dossier(
        MIN_DOSSIER, code="H56.20.03-230412-0003", supplements=[{"requested_at": "2023-04-12T10:00:00+07:00"}]
    )
    decided = dossier(code="H56.20.03-230412-0004", drop=["returned_at", "return_channel"], outcome="refused")
    report = load_jsonl("dossiers", lines(FULL_DOSSIER, MIN_DOSSIER, waiting, decided))
    assert report.ok, report.error_lines()
    assert dict(Dossier.objects.values_list("code", "status")) == {
        "H56.20.03-230412-0001": "returned",
        "H56.20.03-230412-0002": "received",
        "H56.20.03-230412-0003": "awaiting_supplement",
        "H56.20.03-230412-0004": "refused",
    }
