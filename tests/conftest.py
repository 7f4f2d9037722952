import os
import tempfile

import pytest

# Keep any embedded database the CLI creates out of the user's home.
os.environ.setdefault("MOTCUA_HOME", tempfile.mkdtemp(prefix="motcua-test-"))


def pytest_collection_modifyitems(config, items):
    from django.db import connection

    if connection.vendor != "postgresql":
        skip = pytest.mark.skip(reason="needs PostgreSQL (DATABASE_URL)")
        for item in items:
            if "postgres" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    # Test transactions roll back without sending signals, so a cached calendar
    # built from one test's declared days must never reach the next test.
    from motcua.workdays.service import clear_cache

    clear_cache()
    yield
    clear_cache()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The production hasher costs ~0.3 s per user; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
