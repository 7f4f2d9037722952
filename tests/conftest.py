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
    else:
        # Each engine's pass runs the sites of its own engine: the SQLite pass (no DATABASE_URL) runs these.
        skip = pytest.mark.skip(reason="a SQLite site: run by the suite on SQLite (without DATABASE_URL)")
        for item in items:
            if item.get_closest_marker("sqlite"):
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


@pytest.fixture(autouse=True)
def _migration_rows(request):
    # A transactional test ends by flushing every table, the rows data
    # migrations seeded (unit levels, fee exemption groups) included. serialized_rollback would
    # restore them, but its restore collides with the content types post_migrate
    # re-creates after a plain transactional test (live-server browser tests),
    # so transactional tests put the seeded rows back themselves.
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
    )
    if not transactional:
        return
    request.getfixturevalue("transactional_db")
    import importlib

    from django.apps import apps

    importlib.import_module("motcua.units.migrations.0002_levels").add_levels(apps, None)
    importlib.import_module("motcua.payments.migrations.0001_initial").seed_groups(apps, None)
