"""Fixtures of the dossier page tests: the desk's commune, staff and procedure, signed-in test clients."""

import pytest
from django.test import Client

from motcua.dossiers.models import Apology, Attachment, Dossier, DossierEvent, Handover, Rating, Supplement
from tests.desk.conftest import desk, receive, vn  # noqa: F401  (the `desk` fixture is used by these tests)

__all__ = ["desk", "receive", "vn", "client_for", "row_counts", "snapshot", "Clock"]


def client_for(user) -> Client:
    """Return a test client signed in as `user`, enforcing CSRF like a browser would not bypass it."""
    client = Client()
    client.force_login(user)
    return client


def row_counts() -> dict:
    """Count every table a dossier action may write, to show that a refused action wrote nothing."""
    return {m.__name__: m.objects.count() for m in [Dossier, DossierEvent, Supplement, Apology, Handover, Rating, Attachment]}


def snapshot(dossier) -> dict:
    """Return the dossier row as stored plus the row counts."""
    return {"row": Dossier.objects.filter(pk=dossier.pk).values().get(), "counts": row_counts()}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MOTCUA_MAX_UPLOAD_MB = 1
    return settings.MEDIA_ROOT


class Clock:
    """A settable 'now' for the whole process (the live server's thread too)."""

    def __init__(self, at):
        self.at = at

    def __call__(self):
        return self.at


@pytest.fixture
def clock(monkeypatch):
    """Fix django.utils.timezone.now at Mon 05/06/2023 09:00 local; tests move it with clock.at = …."""
    import django.utils.timezone

    fixed = Clock(vn(2023, 6, 5, 9, 0))
    monkeypatch.setattr(django.utils.timezone, "now", fixed)
    return fixed
