"""Fixtures of the feedback tests: the desk's commune and staff (tests/desk/conftest.py), a fresh rate-limit cache."""

import pytest
from django.core.cache import cache

from tests.desk.conftest import desk  # noqa: F401


@pytest.fixture(autouse=True)
def _fresh_rate_limit(settings):
    settings.MOTCUA_PUBLIC_RATE_LIMIT = "30/minute"
    cache.clear()
    yield
    cache.clear()
