"""Database triggers that bump the generation of every (unit, local month) a change of records touches.

Written in SQL so that no write path can miss them: the actions, QuerySet.update()
and delete(), bulk_create (`motcua load`), raw SQL. Each bumps the months of the
OLD and the NEW anchors (received_at and resolved_at of a dossier, `at` of a
rating, issued_at of an apology) of the unit the record counts for; a dossier
moved to another unit also bumps its ratings' and apologies' months in both
units. A change of a procedure's field or of a field's kind, or a TRUNCATE,
bumps the global generation (unit 0, month 0001-01-01). motcua.tallies.tally
explains how the generations keep the tallies valid.

Local months are Asia/Ho_Chi_Minh's (UTC+07:00 since 1975, motcua.tallies.tally.LocalMonth).
"""

from django.db import migrations

# The columns the figures of motcua.dossiers.figures.EVENTS read (tests/tallies/test_triggers.py checks it).
DOSSIER_COLUMNS = ("unit_id", "received_at", "resolved_at", "due_at", "outcome", "channel", "procedure_id",
                   "published_portal", "published_website")
RATING_COLUMNS = ("dossier_id", "at", "value", "channel")
APOLOGY_COLUMNS = ("dossier_id", "issued_at")
ZONE, OFFSET = "Asia/Ho_Chi_Minh", "+420 minutes"

# ---------------------------------------------------------------- PostgreSQL: one trigger per statement

PG_BUMP = """
    INSERT INTO tallies_generation (unit_id, month, generation)
    SELECT DISTINCT k.unit_id, k.month, 1 FROM ({keys}) AS k (unit_id, month)
    WHERE k.month IS NOT NULL ORDER BY 1, 2
    ON CONFLICT (unit_id, month) DO UPDATE SET generation = tallies_generation.generation + 1;
"""
PG_GLOBAL = """
    INSERT INTO tallies_generation (unit_id, month, generation) VALUES (0, DATE '0001-01-01', 1)
    ON CONFLICT (unit_id, month) DO UPDATE SET generation = tallies_generation.generation + 1;
"""


def _distinct(columns) -> str:
    return f"({', '.join('o.' + c for c in columns)}) IS DISTINCT FROM ({', '.join('n.' + c for c in columns)})"


def _pg_function(name: str, insert: str, update: str, delete: str) -> str:
    return f"""
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN {PG_BUMP.format(keys=insert)}
    ELSIF TG_OP = 'UPDATE' THEN {PG_BUMP.format(keys=update)}
    ELSE {PG_BUMP.format(keys=delete)}
    END IF;
    RETURN NULL;
END $$;
"""


def _pg_dossier_keys(rows: str) -> str:
    return (f"SELECT unit_id, tallies_month(received_at) FROM {rows} "
            f"UNION ALL SELECT unit_id, tallies_month(resolved_at) FROM {rows}")


PG_DOSSIER_UPDATE = f"""
    WITH changed AS (
        SELECT n.id, o.unit_id AS old_unit, n.unit_id AS new_unit, o.received_at AS old_received,
               o.resolved_at AS old_resolved, n.received_at AS new_received, n.resolved_at AS new_resolved
        FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE {_distinct(DOSSIER_COLUMNS)}
    ), moved AS (
        SELECT c.id, u.unit_id FROM changed c, LATERAL (VALUES (c.old_unit), (c.new_unit)) AS u (unit_id)
        WHERE c.old_unit <> c.new_unit
    )
    SELECT old_unit, tallies_month(old_received) FROM changed
    UNION ALL SELECT old_unit, tallies_month(old_resolved) FROM changed
    UNION ALL SELECT new_unit, tallies_month(new_received) FROM changed
    UNION ALL SELECT new_unit, tallies_month(new_resolved) FROM changed
    UNION ALL SELECT m.unit_id, tallies_month(r.at) FROM moved m JOIN dossiers_rating r ON r.dossier_id = m.id
    UNION ALL SELECT m.unit_id, tallies_month(a.issued_at) FROM moved m JOIN dossiers_apology a ON a.dossier_id = m.id
"""


def _pg_child(anchor: str, columns) -> tuple[str, str, str]:
    """Keys of a rating's or an apology's change: the month of its anchor in its dossier's unit."""
    def keys(rows):
        return (f"SELECT d.unit_id, tallies_month(x.{anchor}) FROM {rows} x "
                f"JOIN dossiers_dossier d ON d.id = x.dossier_id")

    changed = (f"SELECT o.dossier_id, o.{anchor} AS o_anchor, n.dossier_id AS n_dossier, n.{anchor} AS n_anchor "
               f"FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE {_distinct(columns)}")
    update = (f"WITH changed AS ({changed}) "
              f"SELECT d.unit_id, tallies_month(c.o_anchor) FROM changed c JOIN dossiers_dossier d ON d.id = c.dossier_id "
              f"UNION ALL SELECT d.unit_id, tallies_month(c.n_anchor) FROM changed c "
              f"JOIN dossiers_dossier d ON d.id = c.n_dossier")
    return keys("new_rows"), update, keys("old_rows")


def _pg_triggers(table: str, function: str) -> list[str]:
    return [
        f"CREATE TRIGGER {function}_insert AFTER INSERT ON {table} REFERENCING NEW TABLE AS new_rows "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
        f"CREATE TRIGGER {function}_update AFTER UPDATE ON {table} REFERENCING OLD TABLE AS old_rows "
        f"NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
        f"CREATE TRIGGER {function}_delete AFTER DELETE ON {table} REFERENCING OLD TABLE AS old_rows "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
        f"CREATE TRIGGER {function}_truncate AFTER TRUNCATE ON {table} FOR EACH STATEMENT "
        f"EXECUTE FUNCTION tallies_global_changed()",
    ]


def _pg_global_update(table: str, function: str, columns) -> list[str]:
    return [
        f"""
CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE {_distinct(columns)}) THEN {PG_GLOBAL}
    END IF;
    RETURN NULL;
END $$;
""",
        f"CREATE TRIGGER {function} AFTER UPDATE ON {table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
    ]


POSTGRESQL = [
    f"""CREATE OR REPLACE FUNCTION tallies_month(t timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT (date_trunc('month', t AT TIME ZONE '{ZONE}'))::date $$""",
    f"""CREATE OR REPLACE FUNCTION tallies_global_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN {PG_GLOBAL} RETURN NULL; END $$""",
    _pg_function("tallies_dossiers_changed", _pg_dossier_keys("new_rows"), PG_DOSSIER_UPDATE,
                 _pg_dossier_keys("old_rows")),
    *_pg_triggers("dossiers_dossier", "tallies_dossiers_changed"),
    _pg_function("tallies_ratings_changed", *_pg_child("at", RATING_COLUMNS)),
    *_pg_triggers("dossiers_rating", "tallies_ratings_changed"),
    _pg_function("tallies_apologies_changed", *_pg_child("issued_at", APOLOGY_COLUMNS)),
    *_pg_triggers("dossiers_apology", "tallies_apologies_changed"),
    *_pg_global_update("catalog_procedure", "tallies_procedure_field_changed", ("field_id",)),
    *_pg_global_update("catalog_field", "tallies_field_kind_changed", ("kind",)),
]

POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS tallies_procedure_field_changed ON catalog_procedure",
    "DROP TRIGGER IF EXISTS tallies_field_kind_changed ON catalog_field",
    *(f"DROP TRIGGER IF EXISTS {function}_{op} ON {table}"
      for table, function in (("dossiers_dossier", "tallies_dossiers_changed"),
                              ("dossiers_rating", "tallies_ratings_changed"),
                              ("dossiers_apology", "tallies_apologies_changed"))
      for op in ("insert", "update", "delete", "truncate")),
    *(f"DROP FUNCTION IF EXISTS {name}()" for name in (
        "tallies_dossiers_changed", "tallies_ratings_changed", "tallies_apologies_changed",
        "tallies_procedure_field_changed", "tallies_field_kind_changed", "tallies_global_changed")),
    "DROP FUNCTION IF EXISTS tallies_month(timestamptz)",
]

# ---------------------------------------------------------------- SQLite: one trigger per row

# `WHERE` after the SELECT: without it SQLite would read ON CONFLICT as a join's ON clause.
SQLITE_BUMP = """
    INSERT INTO tallies_generation (unit_id, month, generation)
    SELECT unit_id, month, 1 FROM ({keys}) WHERE month IS NOT NULL
    ON CONFLICT (unit_id, month) DO UPDATE SET generation = generation + 1;
"""
SQLITE_GLOBAL = """
    INSERT INTO tallies_generation (unit_id, month, generation) VALUES (0, '0001-01-01', 1)
    ON CONFLICT (unit_id, month) DO UPDATE SET generation = generation + 1;
"""


def _m(instant: str) -> str:
    """The first day of the local month of a stored UTC instant (text), as Django stores a date."""
    return f"date({instant}, '{OFFSET}', 'start of month')"


def _changed(columns) -> str:
    return " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in columns)


def _sqlite_dossier_keys(row: str) -> str:
    return (f"SELECT {row}.unit_id AS unit_id, {_m(row + '.received_at')} AS month "
            f"UNION SELECT {row}.unit_id, {_m(row + '.resolved_at')}")


SQLITE_DOSSIER_UPDATE = f"""
    {_sqlite_dossier_keys('OLD')} UNION {_sqlite_dossier_keys('NEW')}
    UNION SELECT u.unit_id, {_m('r.at')} FROM dossiers_rating r, (SELECT OLD.unit_id AS unit_id UNION SELECT NEW.unit_id) u
        WHERE r.dossier_id = NEW.id AND OLD.unit_id IS NOT NEW.unit_id
    UNION SELECT u.unit_id, {_m('a.issued_at')} FROM dossiers_apology a, (SELECT OLD.unit_id AS unit_id UNION SELECT NEW.unit_id) u
        WHERE a.dossier_id = NEW.id AND OLD.unit_id IS NOT NEW.unit_id
"""


def _sqlite_child_keys(row: str, anchor: str) -> str:
    return (f"SELECT d.unit_id AS unit_id, {_m(f'{row}.{anchor}')} AS month "
            f"FROM dossiers_dossier d WHERE d.id = {row}.dossier_id")


def _sqlite_triggers(table: str, name: str, columns, insert: str, update: str, delete: str) -> list[str]:
    return [
        f"CREATE TRIGGER {name}_insert AFTER INSERT ON {table} BEGIN {SQLITE_BUMP.format(keys=insert)} END",
        f"CREATE TRIGGER {name}_update AFTER UPDATE OF {', '.join(columns)} ON {table} WHEN {_changed(columns)} "
        f"BEGIN {SQLITE_BUMP.format(keys=update)} END",
        f"CREATE TRIGGER {name}_delete AFTER DELETE ON {table} BEGIN {SQLITE_BUMP.format(keys=delete)} END",
    ]


def _sqlite_child(table: str, name: str, anchor: str, columns) -> list[str]:
    both = f"{_sqlite_child_keys('OLD', anchor)} UNION {_sqlite_child_keys('NEW', anchor)}"
    return _sqlite_triggers(table, name, columns, _sqlite_child_keys("NEW", anchor), both,
                            _sqlite_child_keys("OLD", anchor))


SQLITE = [
    *_sqlite_triggers("dossiers_dossier", "tallies_dossiers_changed", DOSSIER_COLUMNS, _sqlite_dossier_keys("NEW"),
                      SQLITE_DOSSIER_UPDATE, _sqlite_dossier_keys("OLD")),
    *_sqlite_child("dossiers_rating", "tallies_ratings_changed", "at", RATING_COLUMNS),
    *_sqlite_child("dossiers_apology", "tallies_apologies_changed", "issued_at", APOLOGY_COLUMNS),
    f"CREATE TRIGGER tallies_procedure_field_changed AFTER UPDATE OF field_id ON catalog_procedure "
    f"WHEN {_changed(('field_id',))} BEGIN {SQLITE_GLOBAL} END",
    f"CREATE TRIGGER tallies_field_kind_changed AFTER UPDATE OF kind ON catalog_field "
    f"WHEN {_changed(('kind',))} BEGIN {SQLITE_GLOBAL} END",
]

SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS tallies_procedure_field_changed",
    "DROP TRIGGER IF EXISTS tallies_field_kind_changed",
    *(f"DROP TRIGGER IF EXISTS {name}_{op}"
      for name in ("tallies_dossiers_changed", "tallies_ratings_changed", "tallies_apologies_changed")
      for op in ("insert", "update", "delete")),
]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("tallies", "0001_initial"),
        ("dossiers", "0017_merge_index766_indexes"),
        ("catalog", "0005_merge_data_fields_and_fees"),
    ]

    operations = [
        migrations.RunPython(_run({"postgresql": POSTGRESQL, "sqlite": SQLITE}),
                             _run({"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE})),
    ]
