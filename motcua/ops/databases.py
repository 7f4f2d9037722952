"""The database half of backup and restore: SQLite's online backup API, PostgreSQL's pg_dump/pg_restore."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.db import connection, connections, transaction


class OpsError(Exception):
    """A backup or restore that cannot go on; the message (Vietnamese) names the problem."""


def engine() -> str:
    if connection.vendor not in {"sqlite", "postgresql"}:
        raise OpsError(f"chỉ sao lưu được SQLite và PostgreSQL, không phải {connection.vendor}")
    return connection.vendor


def _table_names(cursor, vendor: str) -> list[str]:
    if vendor == "sqlite":
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
        return sorted(row[0] for row in cursor.fetchall())
    return sorted(connection.introspection.table_names(cursor))


def _function_names(cursor) -> list[str]:
    """PostgreSQL: the functions migrations made in the current schema (the tallies' triggers), not an extension's."""
    cursor.execute(
        """SELECT p.oid::regprocedure::text FROM pg_proc p
           WHERE p.pronamespace = current_schema()::regnamespace AND p.prokind = 'f'
             AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
           ORDER BY 1"""
    )
    return [row[0] for row in cursor.fetchall()]


def _rows(cursor, vendor: str) -> dict[str, int]:
    """Rows of every table, as this cursor sees them."""
    counts = {}
    for table in _table_names(cursor, vendor):
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
        counts[table] = cursor.fetchone()[0]
    return counts


def _applied_migrations(cursor) -> list[str]:
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    return [f"{app}.{name}" for app, name in cursor.fetchall()]


def unknown_migrations(applied: list[str]) -> list[str]:
    """The migrations a backup's database has that this version of motcua does not know (a newer version's)."""
    from django.db.migrations.loader import MigrationLoader

    known = {f"{app}.{name}" for app, name in MigrationLoader(None, ignore_no_migrations=True).disk_migrations}
    return [name for name in applied if name not in known]


def table_rows() -> dict[str, int]:
    with connection.cursor() as cursor:
        return _rows(cursor, engine())


def _written_by_migrate() -> set[str]:
    """Tables `migrate` itself fills on an empty database: they do not make a target non-empty."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    from motcua.payments.models import ApplicantGroup  # seeded by payments' 0001_initial
    from motcua.units.models import UnitLevel  # seeded by units' 0002_levels

    return {
        "django_migrations",
        ContentType._meta.db_table,
        Permission._meta.db_table,
        UnitLevel._meta.db_table,
        ApplicantGroup._meta.db_table,
    }


def occupied_tables() -> dict[str, int]:
    """The target's tables holding rows that `migrate` did not write (empty = {})."""
    seeded = _written_by_migrate()
    return {table: n for table, n in table_rows().items() if n and table not in seeded}


# --- snapshot -------------------------------------------------------------------------------


def snapshot(target: Path) -> tuple[dict[str, int], list[str]]:
    """Write a consistent copy of the running database to `target`; return its rows per table and applied migrations."""
    if engine() == "sqlite":
        return _sqlite_snapshot(target)
    return _postgres_snapshot(target)


def _sqlite_snapshot(target: Path) -> tuple[dict[str, int], list[str]]:
    source = sqlite3.connect(settings.DATABASES["default"]["NAME"], timeout=20)
    copy = sqlite3.connect(target)
    try:
        # One step (pages=-1): the whole database under one read transaction, a consistent snapshot
        # while other processes keep writing (WAL).
        source.backup(copy)
        return _rows(copy.cursor(), "sqlite"), _applied_migrations(copy.cursor())
    finally:
        copy.close()
        source.close()


def _client(program: str) -> str:
    path = shutil.which(program)
    if not path:
        raise OpsError(f"không tìm thấy {program} (gói postgresql-client cùng phiên bản với máy chủ PostgreSQL)")
    return path


def _connection_arguments() -> tuple[list[str], dict[str, str]]:
    db = settings.DATABASES["default"]
    args = ["--dbname", db["NAME"]]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [flag, str(db[key])]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        detail = (result.stderr.strip().splitlines() or ["?"])[-1]
        raise OpsError(f"{Path(command[0]).name} thất bại: {detail}")


def _postgres_snapshot(target: Path) -> tuple[dict[str, int], list[str]]:
    pg_dump = _client("pg_dump")
    args, env = _connection_arguments()
    with transaction.atomic(), connection.cursor() as cursor:
        # Count the rows and dump them from one exported snapshot: what the counts say is what the dump holds.
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        exported = cursor.fetchone()[0]
        rows, migrations = _rows(cursor, "postgresql"), _applied_migrations(cursor)
        _run([pg_dump, "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={exported}", "--file", str(target), *args], env)
    return rows, migrations


# --- restore --------------------------------------------------------------------------------


def replace_with(source: Path) -> None:
    """Make the target database exactly the snapshot in `source` (what was there is dropped)."""
    if engine() == "sqlite":
        connections.close_all()
        copy = sqlite3.connect(source)
        target = sqlite3.connect(settings.DATABASES["default"]["NAME"], timeout=20)
        try:
            copy.backup(target)
        finally:
            target.close()
            copy.close()
        return
    pg_restore = _client("pg_restore")
    with connection.cursor() as cursor:
        tables = _table_names(cursor, "postgresql")
        if tables:
            cursor.execute("DROP TABLE " + ", ".join(connection.ops.quote_name(t) for t in tables) + " CASCADE")
        # The dump makes its own functions again (CREATE FUNCTION, which refuses one that exists).
        functions = _function_names(cursor)
        if functions:
            cursor.execute("DROP FUNCTION " + ", ".join(functions) + " CASCADE")
    connections.close_all()
    args, env = _connection_arguments()
    _run([pg_restore, "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", *args, str(source)], env)
