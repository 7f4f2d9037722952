"""Fixtures of the operations tests."""

import pytest


@pytest.fixture(autouse=True)
def _no_async_unsafe(monkeypatch):
    # tests/browser/conftest.py sets DJANGO_ALLOW_ASYNC_UNSAFE for Playwright in this
    # process; a production server inherits no such switch, and `check --deploy`
    # rightly refuses it (async.E001), so neither these checks nor the servers
    # these tests start may see it.
    monkeypatch.delenv("DJANGO_ALLOW_ASYNC_UNSAFE", raising=False)
