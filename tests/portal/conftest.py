"""Fixtures of the public status page tests: the desk's commune (tests/desk/conftest.py) and a fresh rate-limit cache."""

import pytest
from django.core.cache import cache

from tests.desk.conftest import APPLICANT, desk, receive, vn  # noqa: F401


@pytest.fixture(autouse=True)
def _fresh_rate_limit(settings, request):
    settings.MOTCUA_PUBLIC_RATE_LIMIT = "30/minute"
    # The counters live in the database cache: only tests with a database have any.
    uses_db = request.node.get_closest_marker("django_db") or {"db", "transactional_db"} & set(request.fixturenames)
    if uses_db:
        cache.clear()
    yield
    if uses_db:
        cache.clear()


@pytest.fixture(autouse=True)
def _empty_sms_outbox():
    from motcua.portal.senders import ConsoleSmsSender

    ConsoleSmsSender.outbox.clear()
    yield
    ConsoleSmsSender.outbox.clear()


def last_code(contact: str) -> str:
    """Return the code last sent to `contact`: the console SMS sender's outbox, or Django's mail.outbox."""
    import re

    from django.core import mail

    from motcua.portal.senders import ConsoleSmsSender

    texts = [text for to, text in ConsoleSmsSender.outbox if to == contact] + [m.body for m in mail.outbox if contact in m.to]
    return re.search(r"\b(\d{6})\b", texts[-1])[1]


def prove(client, contact="0987654321"):
    """Go through the proof step as a citizen: ask for a code, read it where it was sent, type it."""
    response = client.post("/nop-truc-tuyen/xac-minh/", {"lien_he": contact})
    assert response.status_code == 200 and 'name="ma"' in response.content.decode(), response.content.decode()
    from motcua.portal.proof import normalise

    response = client.post("/nop-truc-tuyen/xac-minh/", {"ma": last_code(normalise(contact)[1])})
    assert response.status_code == 302 and response["Location"] == "/nop-truc-tuyen/", response.content.decode()
    return client
