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
