"""The triggers watch every column the tallied figures read: a figure reading another column would be cached stale."""

import importlib
import re

import pytest

from motcua.dossiers.figures import EVENTS

migration = importlib.import_module("motcua.tallies.migrations.0002_triggers")
WATCHED = {
    "dossiers_dossier": set(migration.DOSSIER_COLUMNS),
    "dossiers_rating": set(migration.RATING_COLUMNS),
    "dossiers_apology": set(migration.APOLOGY_COLUMNS),
}


@pytest.mark.parametrize("name", list(EVENTS))
def test_every_column_a_figure_reads_is_watched(name):
    event = EVENTS[name]
    sql = str(event.model.objects.filter(event.condition).order_by().only("pk").query)
    where = sql.split(" WHERE ", 1)[1] if " WHERE " in sql else ""
    read = {(table, column) for table, column in re.findall(r'"(\w+)"\."(\w+)"', where)}
    read.add((event.model._meta.db_table, event.model._meta.get_field(event.anchor).column))
    for table, column in read:
        if table in WATCHED:
            assert column in WATCHED[table], f"{name} reads {table}.{column}, which no trigger watches"
        else:
            # Another table (procedures of a field kind): the global generation watches it.
            assert (table, column) in {("catalog_procedure", "field_id"), ("catalog_procedure", "id"),
                                       ("catalog_field", "kind"), ("catalog_field", "id")}, (name, table, column)


@pytest.mark.django_db(transaction=True)
def test_after_migrate_every_trigger_is_there_and_a_lost_one_is_put_back():
    from django.core.management import call_command
    from django.db import connection

    from motcua.tallies.triggers import ensure_triggers, expected_triggers, present_triggers

    expected = expected_triggers(connection.vendor)
    # 3 tables × insert, update, delete, plus the procedure's field and the field's kind; on PostgreSQL also a
    # TRUNCATE trigger on each of the 3 tables.
    assert len(expected) == (14 if connection.vendor == "postgresql" else 11)
    # The test database was migrated with every migration, a later one rebuilding dossiers_dossier on SQLite
    # (dossiers 0018 adds stored generated columns): the triggers are there all the same.
    assert present_triggers(connection) >= expected
    assert ensure_triggers() is False  # nothing to do
    # A rebuilt table has lost its triggers: the next migrate puts them back.
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER tallies_dossiers_changed_insert" + (" ON dossiers_dossier" if connection.vendor == "postgresql" else ""))
    assert "tallies_dossiers_changed_insert" not in present_triggers(connection)
    call_command("migrate", verbosity=0)
    assert present_triggers(connection) >= expected
