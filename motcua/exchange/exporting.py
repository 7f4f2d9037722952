"""Export of dossiers and procedures as canonical JSON Lines (docs/exchange.md).

The canonical line of a dossier is built by `schema.dossier_line` from the
same normalised record a loaded line gives, so export → load → export is the
identity and a loaded line's stored digest equals its export's digest.

Streaming: dossiers are read with `values_list()` in chunks of CHUNK_SIZE, and
each chunk's supplements, apologies and ratings with one query per table.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import TextIO

from motcua.exchange import schema
from motcua.exchange.dossier_papers import RESULT_DOCUMENT_KEYS as _RESULT_DOCUMENT_COLUMNS

CHUNK_SIZE = 2000

_DOSSIER_COLUMNS = ("pk",) + schema.DOSSIER_COLUMNS


def _read_as_text(connection) -> bool:
    """Whether datetimes can be read as text (ISO, UTC), skipping the drivers' slower conversions."""
    if connection.vendor == "sqlite":
        return connection.timezone.utcoffset(None) == dt.timedelta(0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW DateStyle")
            return cursor.fetchone()[0].upper().startswith("ISO")
    return False


def _datetime_reader(connection):
    """Render a raw datetime column value as the canonical local time text (see `schema.iso`).

    Values come as text when `_read_as_text` (SQLite: naive UTC; PostgreSQL:
    "… +00"), else as the driver's datetimes (naive ones in the connection's zone).
    """
    iso = schema.iso
    tz = connection.timezone
    utc = tz.utcoffset(None) == dt.timedelta(0)
    shift = schema.LOCAL_TZ.utcoffset(None)
    fromiso = dt.datetime.fromisoformat

    def render(value):
        if value is None:
            return None
        if value.__class__ is str:
            value = fromiso(value)
        if value.tzinfo is None:
            if utc:
                return (value + shift).isoformat() + "+07:00"
            value = value.replace(tzinfo=tz)
        return iso(value)

    return render


def _bool(value):
    return None if value is None else bool(value)


def _json(value):
    """A JSON column read raw: text (SQLite, and psycopg as Django sets it up) or already decoded."""
    return json.loads(value) if isinstance(value, (str, bytes)) else value




def _child_sql(connection, model, attnames, as_text: bool) -> str:
    """SELECT of a child table for a list of dossier ids (placeholders left as `{}`), in insertion order."""
    from django.db.models import DateTimeField

    qn = connection.ops.quote_name
    meta = model._meta
    cols = []
    for name in attnames:
        field = meta.get_field(name)
        col = qn(field.column)
        cols.append(f"CAST({col} AS TEXT)" if as_text and isinstance(field, DateTimeField) else col)
    columns = ", ".join(cols)
    return (
        f"SELECT {columns} FROM {qn(meta.db_table)} WHERE {qn(meta.get_field('dossier').column)} IN ({{}}) "
        f"ORDER BY {qn(meta.pk.column)}"
    )


_DATETIME_COLUMNS = ("received_at", "due_at", "resolved_at", "returned_at")


def _raw(cursor, queryset):
    sql, params = queryset.query.sql_with_params()
    cursor.execute(sql, params)
    return cursor


def _codes_by_day() -> dict:
    """For each unit that held more than one code: a function from a local receipt time (ISO text) to its code that day."""
    from django.db.models import Count

    from motcua.units.models import CodeBook, UnitDesignation

    several = UnitDesignation.objects.values("unit_id").annotate(n=Count("id")).filter(n__gt=1).values("unit_id")
    rows: dict[int, list] = {}
    for unit_id, code, start, end in UnitDesignation.objects.filter(unit_id__in=several).values_list(
        "unit_id", "code", "valid_from", "valid_to"
    ):
        rows.setdefault(unit_id, []).append((unit_id, start, end, code))

    def of(held):
        book = CodeBook(held, {})
        latest = max(held, key=lambda r: r[1] or dt.date.min)[3]
        return lambda received: book.get(held[0][0], dt.date.fromisoformat(received[:10])) or latest

    return {unit_id: of(held) for unit_id, held in rows.items()}


def canonical_lines(queryset, unit_codes: dict | None = None, procedure_codes: dict | None = None):
    """Yield `(code, canonical line)` for the dossiers of `queryset`, in its order.

    Reads with raw cursors (values converted here, not by the ORM): the export's hot path.
    """
    from django.db import connection

    from motcua.catalog.models import Procedure
    from motcua.dossiers.models import Apology, Rating, ResultDocument, Supplement
    from motcua.payments.models import Payment
    from motcua.units.models import Unit

    if unit_codes is None:
        unit_codes = dict(Unit.objects.values_list("pk", "code"))
    # A unit whose code changed is written with the code it held on the day of receipt,
    # the code that names it on that day again when the line is loaded (units.models.find_unit).
    code_on = _codes_by_day()
    if procedure_codes is None:
        procedure_codes = dict(Procedure.objects.values_list("pk", "code"))
    t = _datetime_reader(connection)
    as_text = _read_as_text(connection)
    sup_sql = _child_sql(connection, Supplement, ("dossier_id", "requested_at", "received_at"), as_text)
    apo_sql = _child_sql(connection, Apology, ("dossier_id", "issued_at", "new_due_at", "reason"), as_text)
    rat_sql = _child_sql(connection, Rating, ("dossier_id", "at", "value", "channel"), as_text)
    doc_sql = _child_sql(connection, ResultDocument, ("dossier_id",) + _RESULT_DOCUMENT_COLUMNS, as_text)
    pay_sql = _child_sql(connection, Payment, ("dossier_id", "at", "amount", "method", "receipt", "reason"), as_text)
    # PostgreSQL: one array parameter (an index scan per id) instead of thousands of placeholders.
    sup_sql_any, apo_sql_any, rat_sql_any, doc_sql_any, pay_sql_any = (
        q.replace("IN ({})", "= ANY(%s::bigint[])") for q in (sup_sql, apo_sql, rat_sql, doc_sql, pay_sql)
    )
    columns = list(_DOSSIER_COLUMNS)
    if as_text:
        from django.db.models import F, TextField
        from django.db.models.functions import Cast

        casts = {f"_text_{name}": Cast(F(name), TextField()) for name in _DATETIME_COLUMNS}
        queryset = queryset.annotate(**casts)
        columns = [f"_text_{c}" if c in _DATETIME_COLUMNS else c for c in columns]
    line_of = schema.dossier_line
    main = connection.chunked_cursor()
    try:
        _raw(main, queryset.values_list(*columns))
        while True:
            chunk = main.fetchmany(CHUNK_SIZE)
            if not chunk:
                break
            ids = [row[0] for row in chunk]
            supplements: dict[int, list] = {}
            apologies: dict[int, list] = {}
            ratings: dict[int, list] = {}
            if connection.vendor == "postgresql":
                # One array parameter instead of thousands of placeholders.
                marks, params = None, [ids]
            else:
                marks, params = ", ".join(["%s"] * len(ids)), ids
            with connection.cursor() as cursor:
                cursor.execute(sup_sql.format(marks) if marks else sup_sql_any, params)
                for did, requested_at, received_at in cursor.fetchall():
                    supplements.setdefault(did, []).append({"requested_at": t(requested_at), "received_at": t(received_at)})
                cursor.execute(apo_sql.format(marks) if marks else apo_sql_any, params)
                for did, issued_at, new_due_at, reason in cursor.fetchall():
                    apologies.setdefault(did, []).append(
                        {"issued_at": t(issued_at), "new_due_at": t(new_due_at), "reason": reason}
                    )
                cursor.execute(rat_sql.format(marks) if marks else rat_sql_any, params)
                for did, at, value, channel in cursor.fetchall():
                    ratings.setdefault(did, []).append({"at": t(at), "value": value, "channel": channel})
                cursor.execute(doc_sql.format(marks) if marks else doc_sql_any, params)
                documents = {
                    did: {
                        "sha256": sha256,
                        "electronic": _bool(electronic),
                        "signed_at": t(signed_at),
                        "signed_by": signed_by,
                        "pushed_to_data_store": _bool(pushed),
                    }
                    for did, sha256, electronic, signed_at, signed_by, pushed in cursor.fetchall()
                }
                cursor.execute(pay_sql.format(marks) if marks else pay_sql_any, params)
                payments: dict[int, list] = {}
                for did, at, amount, method, receipt, reason in cursor.fetchall():
                    payments.setdefault(did, []).append(
                        {"at": t(at), "amount": amount, "method": method, "receipt": receipt, "reason": reason}
                    )
            for row in chunk:
                pk = row[0]
                rec = {
                    "code": row[1],
                    "unit": unit_codes[row[2]] if row[2] not in code_on else code_on[row[2]](t(row[5])),
                    "procedure": procedure_codes[row[3]],
                    "channel": row[4],
                    "received_at": t(row[5]),
                    "due_at": t(row[6]),
                    "applicant": {
                        "kind": row[7],
                        "name": row[8],
                        "id_number": row[9],
                        "phone": row[10],
                        "email": row[11],
                        "address": row[12],
                        "vneid_verified": _bool(row[21]),
                    },
                    "supplements": supplements.get(pk, ()),
                    "apologies": apologies.get(pk, ()),
                    "resolved_at": t(row[13]),
                    "outcome": row[14],
                    "returned_at": t(row[15]),
                    "return_channel": row[16],
                    "published_portal": _bool(row[17]),
                    "published_website": _bool(row[18]),
                    "digitized_components": _bool(row[19]),
                    "digitized_result": _bool(row[20]),
                    "ratings": ratings.get(pk, ()),
                    "components": _json(row[22]),
                    "data": _json(row[23]),
                    "result_document": documents.get(pk),
                    "payments": payments.get(pk, ()),
                }
                yield row[1], line_of(rec)
    finally:
        main.close()


def period_bounds(period) -> tuple[dt.datetime, dt.datetime]:
    """The half-open time interval [start 00:00, day after end 00:00) of a period, in local time."""
    start = dt.datetime.combine(period.start, dt.time(), schema.LOCAL_TZ)
    end = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time(), schema.LOCAL_TZ)
    return start, end


def export_dossiers(unit, period=None, out: TextIO | None = None) -> int:
    """Write the dossiers of `unit` and every unit below it as JSON Lines; return how many.

    `unit` is a Unit or its code; `period` a Period, a period text (`2023-Q2` …)
    or None for all; only dossiers received (local date) within the period are
    written, ordered by receipt time then code.
    """
    from motcua.dossiers.models import Dossier
    from motcua.units.models import Unit

    if isinstance(period, str):
        from motcua.lib.periods import parse_period

        period = parse_period(period)
    if isinstance(unit, str):
        from motcua.units.models import find_unit

        code, unit = unit, find_unit(unit, on=period.end if period is not None else None)
        if unit is None:
            raise Unit.DoesNotExist(f"không tìm thấy đơn vị có mã {code}")
    if out is None:
        out = sys.stdout
    subtree = Unit.objects.filter(path__startswith=unit.path)
    unit_codes = dict(subtree.values_list("pk", "code"))
    qs = Dossier.objects.filter(unit__in=subtree.values("pk"))
    if period is not None:
        start, end = period_bounds(period)
        qs = qs.filter(received_at__gte=start, received_at__lt=end)
    qs = qs.order_by("received_at", "code")
    count = 0
    buffer: list[str] = []
    for _, line in canonical_lines(qs, unit_codes=unit_codes):
        buffer.append(line)
        if len(buffer) >= CHUNK_SIZE:
            buffer.append("")
            out.write("\n".join(buffer))
            count += len(buffer) - 1
            buffer = []
    if buffer:
        buffer.append("")
        out.write("\n".join(buffer))
        count += len(buffer) - 1
    return count


def procedure_records(queryset=None):
    """Yield each procedure of `queryset` (default: all, by code) as the record a loaded line gives."""
    from motcua.catalog.models import Procedure, ProcedureStep

    if queryset is None:
        queryset = Procedure.objects.all()
    procedures = list(queryset.select_related("field", "level").order_by("code"))
    pks = [p.pk for p in procedures]
    steps: dict[int, list[dict]] = {}
    units: dict[int, list[str]] = {}
    Through = Procedure.units.through
    for i in range(0, len(pks), CHUNK_SIZE):
        chunk = pks[i : i + CHUNK_SIZE]
        for pid, name, role, hours in (
            ProcedureStep.objects.filter(procedure_id__in=chunk)
            .order_by("procedure_id", "position")
            .values_list("procedure_id", "name", "role", "working_hours")
        ):
            steps.setdefault(pid, []).append({"name": name, "role": role, "working_hours": hours})
        for pid, code in Through.objects.filter(procedure_id__in=chunk).values_list("procedure_id", "unit__uid"):
            units.setdefault(pid, []).append(code)
    for p in procedures:
        yield {
            "code": p.code,
            "name": p.name,
            "field": {"code": p.field.code, "name": p.field.name, "kind": p.field.kind},
            "level": p.level.code,
            "legal_duration": {"value": p.legal_duration_value, "unit": p.legal_duration_unit},
            "reduced_duration": (
                {"value": p.reduced_duration_value, "unit": p.reduced_duration_unit} if p.reduced_duration_unit else None
            ),
            "mechanism": p.mechanism,
            "online": p.online,
            "online_payment": p.online_payment,
            "boundary_free": p.boundary_free,
            "process_approved": p.process_approved,
            "process_electronic": p.process_electronic,
            "steps": steps.get(p.pk, []),
            "components": p.components or [],
            "data_fields": p.data_fields or [],
            "paper_result": p.paper_result,
            "fees": p.fees,
            "subjects": p.subjects,
            "announced_on": p.announced_on,
            "abolished_on": p.abolished_on,
            "units": units.get(p.pk, []),
        }


def export_procedures(queryset=None, out: TextIO | None = None) -> int:
    """Write procedures (default: the whole catalog) as canonical JSON Lines, by code; return how many.

    A line carries the procedure's whole state, its internal steps and papers
    (`components`) included, so export → load into an empty database → export
    gives the same bytes.
    """
    if out is None:
        out = sys.stdout
    count = 0
    for rec in procedure_records(queryset):
        out.write(schema.procedure_line(rec) + "\n")
        count += 1
    return count
