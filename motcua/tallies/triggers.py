"""The tallies' database triggers are there after every `migrate`, whatever a later migration rebuilt.

SQLite cannot add some columns (a stored generated one) in place: Django rebuilds
the table, and a rebuilt table has lost its triggers. Without them a change of
records would leave a stored tally valid while it is wrong. After each migrate,
`ensure_triggers` compares the triggers present with those of migration
0002_triggers and, if one is missing, installs them all again (the migration's
own statements, dropped first).
"""

from __future__ import annotations

import importlib
import re

from django.db import connections, transaction
from django.db.migrations.recorder import MigrationRecorder

MIGRATION = ("tallies", "0002_triggers")
_NAME = re.compile(r"CREATE TRIGGER (\w+)")


def _statements(vendor: str) -> tuple[list[str], list[str]]:
    """(install, remove) statements of migration 0002 for a database vendor; empty for another vendor."""
    module = importlib.import_module("motcua.tallies.migrations.0002_triggers")
    install = {"postgresql": module.POSTGRESQL, "sqlite": module.SQLITE}.get(vendor, [])
    remove = {"postgresql": module.POSTGRESQL_REVERSE, "sqlite": module.SQLITE_REVERSE}.get(vendor, [])
    return install, remove


def expected_triggers(vendor: str) -> set[str]:
    return {m[1] for statement in _statements(vendor)[0] for m in _NAME.finditer(statement)}


def present_triggers(connection) -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgname LIKE 'tallies%'")
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'tallies%'")
        return {row[0] for row in cursor.fetchall()}


def ensure_triggers(sender=None, using: str = "default", **kwargs) -> bool:
    """Install the triggers again when one is missing (and the migration that makes them is applied); True if so."""
    connection = connections[using]
    if MIGRATION not in MigrationRecorder(connection).applied_migrations():
        return False
    expected = expected_triggers(connection.vendor)
    if expected <= present_triggers(connection):
        return False
    install, remove = _statements(connection.vendor)
    with transaction.atomic(using=using), connection.cursor() as cursor:
        for statement in [*remove, *install]:
            cursor.execute(statement)
    return True
