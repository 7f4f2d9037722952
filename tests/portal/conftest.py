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
