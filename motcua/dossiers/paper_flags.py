"""Whether one of a dossier's papers carries a flag, as an SQL expression the database can store per dossier.

The papers are Dossier.components (motcua.dossiers.papers): a list of flat
objects whose keys motcua writes in lower case. Dossier keeps one stored
generated column per flag the QĐ 766 index counts (digitized, reused, from the
data store), so that a province's year reads booleans instead of every row's
JSON (benchmarks/index766.py).
"""

from __future__ import annotations

import json

from django.db.models import BooleanField, F, Func


class PaperFlag(Func):
    """True when one of a dossier's papers has `flag` true.

    On PostgreSQL: jsonb containment (`components @> '[{"flag": true}]'`), an
    immutable expression; on SQLite: one text match on the stored JSON (json.dumps
    writes ": " between a key and its value). Both are allowed in a stored
    generated column.
    """

    output_field = BooleanField()

    def __init__(self, flag: str):
        super().__init__(F("components"))
        self.flag = flag

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"({sql} @> %s::jsonb)", (*params, json.dumps([{self.flag: True}]))

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"(LOWER({sql}) LIKE %s)", (*params, f'%"{self.flag}": true%')
