"""Fixtures of the public status page tests: the desk's commune (tests/desk/conftest.py) and a fresh rate-limit cache."""

import pytest
from django.core.cache import cache

from tests.desk.conftest import APPLICANT, desk, receive, vn  # noqa: F401


@pytest.fixture(autouse=True)
def _fresh_rate_limit(settings):
    settings.MOTCUA_PUBLIC_RATE_LIMIT = "30/minute"
    cache.clear()
    yield
    cache.clear()
