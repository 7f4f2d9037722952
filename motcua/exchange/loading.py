"""Loading JSON Lines files of units, procedures and dossiers (docs/exchange.md).

`load_jsonl(kind, lines)` reads every line, checks it, and writes in one
transaction; when any line is bad the transaction is rolled back, nothing is
written, and the report lists every bad line (`LoadReport.errors`).

Units and procedures are reference data: a line for a code already in the
database updates it (upsert). Dossiers are records: a dossier already loaded
with the same canonical content is counted as unchanged, one with different
content is an error.

Dossiers are loaded in a single streaming pass: lines are validated and
batched, each batch costs one query to find codes already in the database and
a few `bulk_create` calls; the only state kept across batches is the map of
codes seen so far (for duplicate detection).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection, transaction

from motcua.exchange import schema
from motcua.exchange.dossier_papers import RESULT_DOCUMENT_KEYS as _RESULT_DOCUMENT_COLUMNS
from motcua.exchange.procedure_checks import check_procedure, duplicate_code
from motcua.exchange.schema import show

KINDS = ("units", "procedures", "dossiers")
BATCH_SIZE = 2000

_NOUNS = {"units": "đơn vị", "procedures": "thủ tục", "dossiers": "hồ sơ"}


@dataclass
class LoadReport:
    kind: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def error_lines(self) -> list[str]:
        """Every problem as `line N: reason`, in line order."""
        return [f"line {n}: {reason}" for n, reason in self.errors]

    def summary(self) -> str:
        noun = _NOUNS.get(self.kind, "bản ghi")
        if self.errors:
            bad = len({n for n, _ in self.errors})
            return f"không nạp gì: {bad} dòng có lỗi"
        if self.kind == "dossiers":
            return f"đã nạp {self.created} {noun} mới, {self.unchanged} không đổi"
        return f"đã nạp {self.created} {noun} mới, {self.updated} cập nhật, {self.unchanged} không đổi"


class _Rollback(Exception):
    pass


class _TooLargeForSQLite(Exception):
    pass


def _sqlite_line_cap() -> int | None:
    """Return the most lines one load may have, or None where there is no cap (PostgreSQL, or a cap of 0).

    SQLite has one write lock for the whole database, held from the load's
    first write to its commit; desk intakes waiting longer than the busy
    timeout fail with "database is locked". All-or-nothing loads therefore stay
    short on SQLite; large ones belong in PostgreSQL (README).
    """
    cap = settings.MOTCUA_SQLITE_MAX_LOAD_LINES
    return cap if connection.vendor == "sqlite" and cap > 0 else None


def _too_large_for_sqlite(cap: int) -> tuple[int, str]:
    return (
        cap + 1,
        f"tệp có hơn {cap} dòng: trên SQLite một lần nạp lớn giữ khóa ghi của cả cơ sở dữ liệu và làm việc tiếp nhận "
        "ở bộ phận một cửa bị lỗi «database is locked»; hãy nạp vào PostgreSQL (DATABASE_URL) hoặc chia nhỏ tệp",
    )


def _capped(lines: Iterable, cap: int):
    """Yield the lines, stopping the load at line cap + 1 (the transaction then rolls back)."""
    for number, line in enumerate(lines, 1):
        if number > cap:
            raise _TooLargeForSQLite
        yield line


# ---------------------------------------------------------------- reading lines

_JSON_MESSAGES = {
    "Expecting value": "thiếu giá trị",
    "Expecting property name enclosed in double quotes": "tên trường phải đặt trong dấu ngoặc kép",
    "Expecting ',' delimiter": "thiếu dấu phẩy",
    "Expecting ':' delimiter": "thiếu dấu hai chấm",
    "Extra data": "thừa dữ liệu sau đối tượng",
    "Unterminated string starting at": "chuỗi chưa được đóng",
    "Invalid control character at": "ký tự điều khiển trong chuỗi",
    "Invalid \\escape": "ký tự thoát không hợp lệ",
}


def _reject_constant(name):
    raise ValueError(f"{name} không phải giá trị JSON hợp lệ")


_DECODE = json.JSONDecoder(parse_constant=_reject_constant).decode


def iter_objects(lines: Iterable[str | bytes]):
    """Yield `(line_number, object, problem)` for every non-blank line; exactly one of object/problem is set."""
    for lineno, raw in enumerate(lines, 1):
        if isinstance(raw, (bytes, bytearray)):
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield lineno, None, f"dòng không phải UTF-8 hợp lệ (byte lỗi ở vị trí {exc.start + 1})"
                continue
        else:
            text = raw
        if lineno == 1 and text.startswith("\ufeff"):
            text = text[1:]
        if not text or text.isspace():
            continue
        try:
            obj = _DECODE(text)
        except json.JSONDecodeError as exc:
            msg = _JSON_MESSAGES.get(exc.msg, exc.msg)
            yield lineno, None, f"dòng không phải JSON hợp lệ: {msg} (cột {exc.colno})"
            continue
        except (ValueError, RecursionError) as exc:
            yield lineno, None, f"dòng không phải JSON hợp lệ: {exc}"
            continue
        if not isinstance(obj, dict):
            yield lineno, None, f"dòng phải là một đối tượng JSON, nhận được {schema._type_name(obj)}"
            continue
        yield lineno, obj, None


# ---------------------------------------------------------------- public API


def load_jsonl(kind: str, lines: Iterable[str | bytes], *, today: dt.date | None = None) -> LoadReport:
    """Check and load JSON Lines of `kind` ('units', 'procedures', 'dossiers').

    All or nothing: when `report.errors` is not empty nothing was written.
    """
    if kind not in KINDS:
        raise ValueError(f"loại dữ liệu không hợp lệ: {kind!r} (cho phép: {', '.join(KINDS)})")
    if kind == "units":
        from motcua.exchange.units import unit_loader

        loader = unit_loader()
    else:
        loader = {"procedures": _ProcedureLoader, "dossiers": _DossierLoader}[kind]
    report = LoadReport(kind)
    cap = _sqlite_line_cap()
    if cap is not None:
        lines = _capped(lines, cap)
    try:
        with transaction.atomic():
            loader(report, today=today).run(lines)
            report.errors.sort(key=lambda e: e[0])
            if report.errors:
                raise _Rollback
    except _Rollback:
        report.created = report.updated = report.unchanged = 0
    except _TooLargeForSQLite:
        report.created = report.updated = report.unchanged = 0
        report.errors = [_too_large_for_sqlite(cap)]
    except DatabaseError as exc:
        # A constraint the checks did not foresee (or a concurrent writer): nothing was written.
        report.created = report.updated = report.unchanged = 0
        report.errors.append((0, f"lỗi cơ sở dữ liệu, không nạp gì: {exc}".splitlines()[0]))
    return report


def load_file(kind: str, path, *, today: dt.date | None = None) -> LoadReport:
    """Load a JSON Lines file (streamed line by line)."""
    with open(Path(path), "rb") as fh:
        cap = _sqlite_line_cap()
        if cap is not None:
            # Counted before any write: a file over the cap never takes the lock.
            if sum(1 for _ in fh) > cap:
                report = LoadReport(kind)
                report.errors.append(_too_large_for_sqlite(cap))
                return report
            fh.seek(0)
        return load_jsonl(kind, fh, today=today)


# ---------------------------------------------------------------- dossiers


def unit_book(Unit, value=("pk", "agency_id")):
    """Every unit's codes over time and stable id, for naming units line by line (see `units.models.find_unit`)."""
    from motcua.units.models import CodeBook, UnitDesignation

    values = {row[0]: row[1:] for row in Unit.objects.values_list("pk", *value)}
    if len(value) == 1:
        values = {pk: row[0] for pk, row in values.items()}
    held = (
        (code, start, end, values[unit_id])
        for unit_id, code, start, end in UnitDesignation.objects.values_list("unit_id", "code", "valid_from", "valid_to")
    )
    return CodeBook(held, {uid: values[pk] for pk, uid in Unit.objects.values_list("pk", "uid")})


def received_day(received_at) -> dt.date:
    """The local day of receipt (today when the line has no valid time: it is refused anyway)."""
    return schema.local_date(received_at) if received_at is not None else dt.date.today()


class _DossierLoader:
    def __init__(self, report: LoadReport, today=None):
        from motcua.catalog.models import Procedure
        from motcua.dossiers.models import Dossier
        from motcua.units.models import Unit

        self.report = report
        self.today = today or dt.date.today()
        self.units = unit_book(Unit)
        self.procedures = dict(Procedure.objects.values_list("code", "pk"))
        # The procedures' own data fields, for checking the lines' `data` (motcua.catalog.data_fields).
        self.definitions = {code: fields for code, fields in Procedure.objects.values_list("code", "data_fields") if fields}
        self.seen: dict[str, int] = {}
        self.batch: list[tuple] = []
        self.inserters = None
        # The workflow status of a loaded dossier, derived from its dates (when the model has one).
        self.derive_status = None
        if any(f.name == "status" for f in Dossier._meta.concrete_fields):
            try:
                from motcua.dossiers.status import derive_status
            except ImportError:  # pragma: no cover - older models
                derive_status = None
            self.derive_status = derive_status

    def error(self, lineno: int, reason: str) -> None:
        self.report.errors.append((lineno, reason))

    def run(self, lines) -> None:
        units, procedures, seen, batch = self.units, self.procedures, self.seen, self.batch
        error = self.error
        validate, check_code, line_of, digest_of = (
            schema.validate_dossier,
            schema.check_dossier_code,
            schema.dossier_line,
            schema.digest,
        )
        today = self.today
        for lineno, obj, problem in iter_objects(lines):
            if problem:
                error(lineno, problem)
                continue
            rec, errs = validate(obj, today)
            code = rec["code"]
            if code:
                first = seen.get(code)
                if first is not None:
                    errs.append(f"mã hồ sơ {show(code)} trùng với dòng {first}")
                else:
                    seen[code] = lineno
            # A code names the unit holding it on the day of receipt (units.models.find_unit).
            unit = units.get(rec["unit"], received_day(rec["received_at"])) if rec["unit"] else None
            if rec["unit"] and unit is None:
                errs.append(f'trường "unit" tham chiếu đơn vị không có trong hệ thống {show(rec["unit"])}')
            procedure_id = procedures.get(rec["procedure"]) if rec["procedure"] else None
            if rec["procedure"] and procedure_id is None:
                errs.append(f'trường "procedure" tham chiếu thủ tục không có trong hệ thống {show(rec["procedure"])}')
            elif procedure_id is not None:
                schema.check_data(rec, self.definitions.get(rec["procedure"], []), errs)
            if code and unit is not None and rec["received_at"] is not None:
                reason = check_code(code, unit[1], rec["received_at"])
                if reason:
                    errs.append(reason)
            if errs:
                for reason in errs:
                    error(lineno, reason)
                continue
            batch.append((lineno, rec, unit[0], procedure_id, digest_of(line_of(rec))))
            if len(batch) >= BATCH_SIZE:
                self.flush()
        self.flush()

    def flush(self) -> None:
        from motcua.dossiers.models import Apology, Dossier, Rating, ResultDocument, Supplement
        from motcua.payments.models import Payment

        batch = self.batch
        if not batch:
            return
        report = self.report
        existing = dict(
            Dossier.objects.filter(code__in=[item[1]["code"] for item in batch]).values_list("code", "exchange_digest")
        )
        if existing and any(not d for d in existing.values()):
            # Dossiers entered in the application have no digest yet: compute it from the database.
            from motcua.exchange.exporting import canonical_lines

            blank = [c for c, d in existing.items() if not d]
            for code, line in canonical_lines(Dossier.objects.filter(code__in=blank)):
                existing[code] = schema.digest(line)
        new = []
        for item in batch:
            lineno, rec, unit_id, procedure_id, dg = item
            known = existing.get(rec["code"])
            if known is None:
                new.append(item)
            elif known == dg:
                report.unchanged += 1
            else:
                self.error(lineno, f"hồ sơ {rec['code']} đã có trong hệ thống với nội dung khác")
        batch.clear()
        if report.errors or not new:
            return
        inserter = self.inserters
        if inserter is None:
            inserter = self.inserters = {
                "dossier": _Inserter(Dossier, _DOSSIER_COLUMNS + (("status",) if self.derive_status else ())),
                "supplement": _Inserter(Supplement, ("dossier_id", "requested_at", "received_at")),
                "apology": _Inserter(Apology, ("dossier_id", "issued_at", "new_due_at", "reason")),
                "rating": _Inserter(Rating, ("dossier_id", "at", "value", "channel")),
                "result_document": _Inserter(ResultDocument, ("dossier_id",) + _RESULT_DOCUMENT_COLUMNS),
                "payment": _Inserter(Payment, ("dossier_id", "at", "amount", "method", "receipt", "reason")),
            }
        derive = self.derive_status
        rows = []
        for lineno, rec, unit_id, procedure_id, dg in new:
            app = rec["applicant"] or _NO_APPLICANT
            row = (
                rec["code"],
                unit_id,
                procedure_id,
                rec["channel"],
                rec["received_at"],
                rec["due_at"],
                app["kind"],
                app["name"],
                app["id_number"],
                app["phone"],
                app["email"],
                app["address"],
                rec["resolved_at"],
                rec["outcome"],
                rec["returned_at"],
                rec["return_channel"],
                rec["published_portal"],
                rec["published_website"],
                rec["digitized_components"],
                rec["digitized_result"],
                app.get("vneid_verified"),
                _json(rec["components"]),
                _json(rec["data"]),
                dg,
                *_result_facts(rec["result_document"]),
            )
            if derive:
                open_supplement = any(s["received_at"] is None for s in rec["supplements"])
                row += (derive(rec["resolved_at"], rec["outcome"], rec["returned_at"], open_supplement),)
            rows.append(row)
        pks = inserter["dossier"].insert(rows, returning=True)
        supplements, apologies, ratings, documents, payments = [], [], [], [], []
        for (lineno, rec, *_), pk in zip(new, pks):
            doc = rec["result_document"]
            if doc is not None:
                documents.append((pk, *(doc[key] for key in _RESULT_DOCUMENT_COLUMNS)))
            for s in rec["supplements"]:
                supplements.append((pk, s["requested_at"], s["received_at"]))
            for a in rec["apologies"]:
                apologies.append((pk, a["issued_at"], a["new_due_at"], a["reason"]))
            for r in rec["ratings"]:
                ratings.append((pk, r["at"], r["value"], r["channel"]))
            for p in rec["payments"]:
                payments.append((pk, p["at"], p["amount"], p["method"], p["receipt"], p["reason"]))
        inserter["supplement"].insert(supplements)
        inserter["apology"].insert(apologies)
        inserter["rating"].insert(ratings)
        inserter["result_document"].insert(documents)
        inserter["payment"].insert(payments)
        _raise_daily_sequences(new)
        report.created += len(new)


def _result_facts(doc: dict | None) -> tuple[bool, bool]:
    """(result_electronic, result_in_data_store) of a line's result document, as ResultDocument.dossier_facts."""
    if doc is None:
        return False, False
    return bool(doc["electronic"] and doc["sha256"]), bool(doc["pushed_to_data_store"])


def _raise_daily_sequences(new: list[tuple]) -> None:
    """Raise each (unit, local day)'s DailySequence to the highest number loaded, so intakes continue above it.

    One upsert per batch. Codes were checked by schema.check_dossier_code:
    `{agency_id}-{yymmdd}-{seq}` with the local day of receipt, seq a number.
    """
    from django.db import connection

    from motcua.dossiers.models import DailySequence

    highest: dict[tuple[int, dt.date], int] = {}
    for _lineno, rec, unit_id, _procedure_id, _dg in new:
        key = (unit_id, schema.local_date(rec["received_at"]))
        seq = int(rec["code"].rsplit("-", 1)[1])
        if seq > highest.get(key, 0):
            highest[key] = seq
    if not highest:
        return
    qn = connection.ops.quote_name
    table = qn(DailySequence._meta.db_table)
    unit_col, day_col, last_col = (qn(DailySequence._meta.get_field(f).column) for f in ("unit", "day", "last"))
    greatest = "GREATEST" if connection.vendor == "postgresql" else "MAX"
    adapt_day = connection.ops.adapt_datefield_value
    items = list(highest.items())
    rows_per_statement = 300  # 3 parameters a row: well under SQLite's variable limit
    with connection.cursor() as cursor:
        for start in range(0, len(items), rows_per_statement):
            chunk = items[start : start + rows_per_statement]
            params = []
            for (unit_id, day), seq in chunk:
                params += [unit_id, adapt_day(day), seq]
            cursor.execute(
                f"INSERT INTO {table} ({unit_col}, {day_col}, {last_col}) VALUES "
                + ", ".join(["(%s, %s, %s)"] * len(chunk))
                + f" ON CONFLICT ({unit_col}, {day_col}) DO UPDATE SET {last_col} = {greatest}({table}.{last_col}, EXCLUDED.{last_col})",
                params,
            )


# The facts Dossier stores of its result document (ResultDocument.dossier_facts), written with the line.
_DOSSIER_COLUMNS = schema.DOSSIER_COLUMNS + ("exchange_digest", "result_electronic", "result_in_data_store")


class _Inserter:
    """Multi-row INSERT of plain tuples, bypassing model instances (the loader's hot path).

    `attnames` are the columns given in each row; every other concrete field
    gets its default (or "now" for auto_now/auto_now_add), adapted once.
    Datetimes are adapted per backend the way Django does; other values are
    passed as they are (str, int, bool, None).
    """

    def __init__(self, model, attnames: tuple[str, ...]):
        from django.db import connection
        from django.db.models import DateTimeField
        from django.utils import timezone

        self.connection = connection
        ops = connection.ops
        by_attname = {f.attname: f for f in model._meta.concrete_fields}
        # Generated columns (Dossier.paper_*) are the database's to fill.
        fields = [f for f in model._meta.concrete_fields if f is not model._meta.pk and not f.generated]
        self.getters = []  # per column: index into the row, or None for a constant
        self.constants = []
        given = {name: i for i, name in enumerate(attnames)}
        unknown = set(given) - set(by_attname)
        if unknown:
            raise ValueError(f"{model.__name__} has no fields {sorted(unknown)}")
        now = timezone.now()
        self.datetime_columns = []
        for col, f in enumerate(fields):
            if f.attname in given:
                self.getters.append(given[f.attname])
                self.constants.append(None)
                if isinstance(f, DateTimeField):
                    self.datetime_columns.append(col)
            else:
                if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                    value = now
                else:
                    value = f.get_default()
                self.getters.append(None)
                self.constants.append(f.get_db_prep_save(value, connection))
        qn = ops.quote_name
        self.table = qn(model._meta.db_table)
        self.columns = ", ".join(qn(f.column) for f in fields)
        self.pk_column = qn(model._meta.pk.column)
        self.width = len(fields)
        if connection.vendor == "sqlite":
            import sqlite3

            try:
                limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
            except (AttributeError, sqlite3.Error):  # pragma: no cover - Python < 3.11 or closed connection
                limit = 999
            tz = connection.timezone

            def adapt(value):
                return None if value is None else str(value.astimezone(tz).replace(tzinfo=None))

            self.adapt_datetime = adapt
        else:
            limit = 65535
            self.adapt_datetime = ops.adapt_datetimefield_value
        self.rows_per_statement = max(1, min(BATCH_SIZE, limit // self.width))
        self.can_return = connection.features.can_return_rows_from_bulk_insert
        self.model = model
        self.attnames = attnames

    def insert(self, rows: list[tuple], returning: bool = False) -> list[int]:
        if not rows:
            return []
        if returning and not self.can_return:  # pragma: no cover - other backends
            objs = [self.model(**dict(zip(self.attnames, row))) for row in rows]
            self.model.objects.bulk_create(objs, batch_size=BATCH_SIZE)
            return [obj.pk for obj in objs]
        if self.connection.vendor == "postgresql":
            return self._copy(rows, returning)
        getters, constants, dt_cols, adapt = self.getters, self.constants, set(self.datetime_columns), self.adapt_datetime
        plan = [
            (getter, constant, col in dt_cols) for col, (getter, constant) in enumerate(zip(getters, constants))
        ]
        placeholder = "(" + ", ".join(["%s"] * self.width) + ")"
        pks: list[int] = []
        with self.connection.cursor() as cursor:
            for start in range(0, len(rows), self.rows_per_statement):
                chunk = rows[start : start + self.rows_per_statement]
                params = []
                extend = params.extend
                for row in chunk:
                    extend(
                        [
                            constant if getter is None else (adapt(row[getter]) if is_dt else row[getter])
                            for getter, constant, is_dt in plan
                        ]
                    )
                sql = f"INSERT INTO {self.table} ({self.columns}) VALUES {', '.join([placeholder] * len(chunk))}"
                if returning:
                    cursor.execute(sql + f" RETURNING {self.pk_column}", params)
                    pks.extend(row[0] for row in cursor.fetchall())
                else:
                    cursor.execute(sql, params)
        return pks

    def _copy(self, rows: list[tuple], returning: bool) -> list[int]:
        """PostgreSQL: COPY the rows (ids drawn from the table's sequence first when the caller needs them)."""
        plan = list(zip(self.getters, self.constants))
        columns = self.columns
        pks: list[int] = []
        with self.connection.cursor() as cursor:
            if returning:
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                    [self.model._meta.db_table, self.model._meta.pk.column, len(rows)],
                )
                pks = [row[0] for row in cursor.fetchall()]
                columns = f"{self.pk_column}, {columns}"
            with cursor.cursor.copy(f"COPY {self.table} ({columns}) FROM STDIN") as copy:
                write = copy.write_row
                if returning:
                    for pk, row in zip(pks, rows):
                        write([pk] + [constant if getter is None else row[getter] for getter, constant in plan])
                else:
                    for row in rows:
                        write([constant if getter is None else row[getter] for getter, constant in plan])
        return pks


_NO_APPLICANT = {key: "" for key in schema.APPLICANT_KEYS}
_json = json.JSONEncoder(ensure_ascii=False).encode


# ---------------------------------------------------------------- reference data: common


class _ReferenceLoader:
    """Units and procedures: small files, read whole, checked, then upserted."""

    validate = None
    noun = ""
    # The field that identifies a line's record (units: their stable id).
    key = "code"

    def __init__(self, report: LoadReport, today=None):
        self.report = report
        self.records: list[tuple[int, dict]] = []
        self.line_of: dict[str, int] = {}
        self.bad_lines: set[int] = set()

    def error(self, lineno: int, reason: str) -> None:
        self.report.errors.append((lineno, reason))
        self.bad_lines.add(lineno)

    def duplicate(self, code: str, first: int) -> str:
        return f"mã {self.noun} {show(code)} trùng với dòng {first}"

    def read(self, lines) -> None:
        for lineno, obj, problem in iter_objects(lines):
            if problem:
                self.error(lineno, problem)
                continue
            rec, errs = self.validate(obj)
            code = rec[self.key]
            if code:
                first = self.line_of.get(code)
                if first is not None:
                    errs.append(self.duplicate(code, first))
                else:
                    self.line_of[code] = lineno
            for reason in errs:
                self.error(lineno, reason)
            if not errs:
                self.records.append((lineno, rec))


# ---------------------------------------------------------------- procedures


class _ProcedureLoader(_ReferenceLoader):
    noun = "thủ tục"

    SCALARS = (
        "name",
        "field_id",
        "level_id",
        "legal_duration_value",
        "legal_duration_unit",
        "reduced_duration_value",
        "reduced_duration_unit",
        "mechanism",
        "online",
        "online_payment",
        "boundary_free",
        "process_approved",
        "process_electronic",
        "announced_on",
        "abolished_on",
        "components",
        "data_fields",
        "paper_result",
        "fees",
        "subjects",
    )

    def duplicate(self, code: str, first: int) -> str:
        return duplicate_code(code, f"dòng {first}")

    def run(self, lines) -> None:
        from motcua.catalog.models import Field, Procedure, ProcedureStep
        from motcua.units.models import Unit, UnitLevel

        levels = dict(UnitLevel.objects.values_list("code", "pk"))
        level_codes = sorted(levels, key=levels.get)
        # A procedure's units are named by stable id (a v1 unit's id is its code), else by the code's holder today.
        book = unit_book(Unit, ("pk",))
        today = dt.date.today()
        units: dict[str, int | None] = {}

        def unit_known(text: str) -> bool:
            if text not in units:
                units[text] = book.ids.get(text) or book.get(text, today)
            return units[text] is not None

        # Each line gets the checks the catalog pages make too (motcua.exchange.procedure_checks).
        self.validate = lambda obj: check_procedure(obj, level_codes, unit_known)
        self.read(lines)
        fields: dict[str, tuple[int, dict]] = {}
        for lineno, rec in self.records:
            f = rec["field"]
            first = fields.get(f["code"])
            if first is None:
                fields[f["code"]] = (lineno, f)
            elif first[1] != f:
                self.error(
                    lineno,
                    f"lĩnh vực {show(f['code'])} có tên hoặc nhóm khác với dòng {first[0]} "
                    f"({show(f['name'])}/{show(f['kind'])} so với {show(first[1]['name'])}/{show(first[1]['kind'])})",
                )
        if self.report.errors:
            return

        # Fields: create the new ones, update names/kinds that changed.
        db_fields = {row["code"]: row for row in Field.objects.filter(code__in=list(fields)).values("pk", "code", "name", "kind")}
        new_fields = [Field(code=c, name=f["name"], kind=f["kind"]) for c, (_, f) in fields.items() if c not in db_fields]
        Field.objects.bulk_create(new_fields)
        field_ids = {f.code: f.pk for f in new_fields} | {c: row["pk"] for c, row in db_fields.items()}
        changed_fields = [
            Field(pk=row["pk"], code=c, name=fields[c][1]["name"], kind=fields[c][1]["kind"])
            for c, row in db_fields.items()
            if (row["name"], row["kind"]) != (fields[c][1]["name"], fields[c][1]["kind"])
        ]
        if changed_fields:
            Field.objects.bulk_update(changed_fields, ["name", "kind"])

        codes = [rec["code"] for _, rec in self.records]
        db = {}
        for i in range(0, len(codes), 500):
            db.update((row["code"], row) for row in Procedure.objects.filter(code__in=codes[i : i + 500]).values("pk", "code", *self.SCALARS))
        Through = Procedure.units.through
        db_units: dict[int, set[int]] = {}
        db_steps: dict[int, list[tuple]] = {}
        pks = [row["pk"] for row in db.values()]
        for i in range(0, len(pks), 500):
            chunk = pks[i : i + 500]
            for pid, uid in Through.objects.filter(procedure_id__in=chunk).values_list("procedure_id", "unit_id"):
                db_units.setdefault(pid, set()).add(uid)
            for pid, name, role, hours in (
                ProcedureStep.objects.filter(procedure_id__in=chunk)
                .order_by("procedure_id", "position")
                .values_list("procedure_id", "name", "role", "working_hours")
            ):
                db_steps.setdefault(pid, []).append((name, role, hours))

        def scalars(rec, row=None):
            legal, reduced = rec["legal_duration"], rec["reduced_duration"]
            components = rec["components"]
            if components is None:
                # Not in the line: the papers stay as stored (none for a new procedure).
                components = row["components"] if row is not None else []
            data_fields = rec["data_fields"]
            if data_fields is None:
                # Not in the line: the definitions stay as stored (none for a new procedure).
                data_fields = row["data_fields"] if row is not None else []
            paper_result = rec["paper_result"]
            if paper_result is None and row is not None:
                # Not in the line: not known, the stored value stays.
                paper_result = row["paper_result"]
            # Not in the line: not known, the stored value stays.
            fees = rec["fees"] if rec["fees"] is not None or row is None else row["fees"]
            subjects = rec["subjects"] if rec["subjects"] is not None or row is None else row["subjects"]
            return {
                "fees": fees,
                "subjects": subjects,
                "name": rec["name"],
                "field_id": field_ids[rec["field"]["code"]],
                "level_id": levels[rec["level"]],
                "legal_duration_value": legal["value"],
                "legal_duration_unit": legal["unit"],
                "reduced_duration_value": reduced["value"] if reduced else None,
                "reduced_duration_unit": reduced["unit"] if reduced else "",
                "mechanism": rec["mechanism"],
                "online": rec["online"],
                "online_payment": rec["online_payment"],
                "boundary_free": rec["boundary_free"],
                "process_approved": rec["process_approved"],
                "process_electronic": rec["process_electronic"],
                "announced_on": rec["announced_on"],
                "abolished_on": rec["abolished_on"],
                "components": components,
                "data_fields": data_fields,
                "paper_result": paper_result,
            }

        new = [Procedure(code=rec["code"], **scalars(rec)) for _, rec in self.records if rec["code"] not in db]
        Procedure.objects.bulk_create(new, batch_size=500)
        ids = {p.code: p.pk for p in new} | {c: row["pk"] for c, row in db.items()}
        changed, changed_codes = [], set()
        unit_drop, unit_add, step_drop, step_add = [], [], [], []
        for _, rec in self.records:
            code = rec["code"]
            pk = ids[code]
            row = db.get(code)
            values = scalars(rec, row)
            if row is not None and any(row[k] != v for k, v in values.items()):
                changed.append(Procedure(pk=pk, code=code, **values))
                changed_codes.add(code)
            wanted_units = {units[u] for u in rec["units"]}
            if wanted_units != db_units.get(pk, set()):
                if row is not None:
                    unit_drop.append(pk)
                    changed_codes.add(code)
                unit_add.extend(Through(procedure_id=pk, unit_id=u) for u in sorted(wanted_units))
            if rec["steps"] is not None:
                wanted_steps = [(s["name"], s["role"], s["working_hours"]) for s in rec["steps"]]
                if wanted_steps != db_steps.get(pk, []):
                    if row is not None:
                        step_drop.append(pk)
                        changed_codes.add(code)
                    step_add.extend(
                        ProcedureStep(procedure_id=pk, position=i, name=n, role=r, working_hours=h)
                        for i, (n, r, h) in enumerate(wanted_steps, 1)
                    )
        if changed:
            Procedure.objects.bulk_update(changed, list(self.SCALARS), batch_size=200)
        for i in range(0, len(unit_drop), 500):
            Through.objects.filter(procedure_id__in=unit_drop[i : i + 500]).delete()
        for i in range(0, len(step_drop), 500):
            ProcedureStep.objects.filter(procedure_id__in=step_drop[i : i + 500]).delete()
        Through.objects.bulk_create(unit_add, batch_size=BATCH_SIZE)
        ProcedureStep.objects.bulk_create(step_add, batch_size=BATCH_SIZE)
        self.report.created = len(new)
        self.report.updated = len(changed_codes)
        self.report.unchanged = len(self.records) - len(new) - len(changed_codes)
