"""Benchmark of every dossier count of appendix 01b: motcua on PostgreSQL against one DuckDB query on the same rows.

    DATABASE_URL=postgres://… .venv/bin/python benchmarks/report.py [--dossiers 1000000] [--communes 500] [--runs 5]

Needs PostgreSQL (DATABASE_URL) and the `duckdb` package (`pip install -e '.[bench]'`).

1. Creates a bench province (code prefix BENCH-) with 25 districts and N
   communes, six procedures over three fields (civil status, land,
   construction), the dossiers over 2023 in one INSERT … SELECT
   generate_series, an apology for every 47th dossier and a rating for two
   in seven (online, paper or kiosk). `--reuse` keeps the rows of an earlier run
   when their number matches.
2. PostgreSQL: motcua's own code computes the dossier counts of 01b —
   3.3.1, 3.3.1.a–d, 3.3.2, 3.3.2.a–d, 3.3.3, 3.3.4, 3.4.1, 3.4.2, 3.5, 1.4.1
   and 1.4.2 (reports.compute.event_values) — for one commune's Q2 and for the
   province's year, three ways: counted on the records over the whole period
   with the same conditions (the path before the monthly tallies); cold —
   the tallies of the covered units dropped before each run: a commune's few
   months are counted (one grouped query per anchor) and stored, a province's
   6,000 unit-months (more than motcua.tallies.tally.FILL_ON_READ) are counted
   on the records and left for the refresh; warm — read from the stored
   tallies (stored by `refresh` before these runs), as every report after
   `motcua load`, `motcua tallies refresh` or the workers' refresh does. `compute_appendix` (everything, catalog
   and entered rows included, warm) is timed too.
3. DuckDB: the same rows are exported (COPY … TO STDOUT, times as integer
   microseconds since the epoch so that nothing is rounded) into an in-memory
   DuckDB database, and one SQL statement computes the same counts.
4. Every value of every path is compared with DuckDB's; a difference raises
   `Mismatch` naming the rows. Times are the median of `--runs` runs after one
   warm-up run.

Measured on the shared 2-core machine (2026-12-05), medians of 5 runs:
1,000,000 dossiers over 500 communes, load average 4.1–4.7 —
  commune Q2: DuckDB 16 ms; records 22 ms; cold 56 ms; warm 1.7 ms
  (compute_appendix 15 ms);
  province 2023: DuckDB 145 ms; records 1,616 ms (11.1×); cold 4,710 ms
  (32×: every one of the 33 figures of 6,312 unit-months counted and stored);
  warm 31 ms (0.22× DuckDB; compute_appendix 46 ms).
10,000,000 dossiers over 500 communes (`--runs 1`, load average 4.7 at the
start, 2.3 at the end; generating the rows took 19.5 min) —
  commune Q2: DuckDB 61 ms; records 124 ms; cold 201 ms; warm 2.0 ms
  (compute_appendix 10.7 ms);
  province 2023: DuckDB 474 ms; records 9.2 s (19×); cold 21.5 s (45×);
  warm 28.5 ms (0.06× DuckDB; compute_appendix 38 ms).
  `motcua tallies check` over every stored tally: all equal to the records (24 s).
1,000,000 dossiers again on the merged code, the machine otherwise quiet (load
average 1.0–2.2; 1 M rows generated in 38 s) —
  commune Q2: DuckDB 11.1 ms; records 15.5 ms; cold 34.8 ms; warm 1.7 ms (0.15×);
  province 2023: DuckDB 53.5 ms; records 931 ms (17.4×); cold 2,672 ms (50×);
  warm 27.0 ms (0.50× DuckDB; compute_appendix 34 ms).
The same with FILL_ON_READ (a reader missing more than 600 unit-months counts
them on the records and leaves them to the refresh), load average 1.9–2.5 —
  commune Q2: DuckDB 10.8 ms; records 14.5 ms; cold 34.6 ms; warm 1.7 ms (0.15×);
  province 2023: DuckDB 54.2 ms; records 970 ms (17.9×); cold 979 ms (18.1×);
  warm 21.6 ms (0.40× DuckDB; compute_appendix 32 ms).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).absolute().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DISTRICTS = 25
CHANNELS = ["counter", "postal", "online_partial", "online_full"]
RATING_CHANNELS = ["online", "paper", "kiosk"]
# (field code, name, kind) of the bench procedures, two procedures each.
FIELDS = [("bench_ho_tich", "Hộ tịch (thử)", ""), ("bench_dat_dai", "Đất đai (thử)", "land"),
          ("bench_xay_dung", "Xây dựng (thử)", "construction")]
# Every dossier count of appendix 01b, in the table's order.
CODES = (
    "1.4.1", "1.4.2",
    "3.3.1", "3.3.1.a", "3.3.1.b", "3.3.1.c", "3.3.1.d",
    "3.3.2", "3.3.2.a", "3.3.2.b", "3.3.2.c", "3.3.2.d", "3.3.3", "3.3.4",
    "3.4.1", "3.4.2", "3.5",
)


class Mismatch(Exception):
    """The two engines disagree on a value: the benchmark measured different work."""


def setup() -> None:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("benchmarks/report.py cần PostgreSQL: đặt DATABASE_URL=postgres://…")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)


# ---------------------------------------------------------------- data


def _existing(dossiers: int, communes: int):
    """Return (province, commune, ids) of an earlier run with the same sizes, else None."""
    from motcua.dossiers.models import Dossier
    from motcua.units.models import Unit

    province = Unit.objects.filter(code="BENCH-P").first()
    if province is None:
        return None
    units = list(Unit.objects.filter(code__startswith="BENCH-C").order_by("code"))
    if len(units) != communes or Dossier.objects.filter(unit__in=units).count() != dossiers:
        return None
    return province, units[0], [u.pk for u in units]


def _drop_old() -> None:
    from django.db import connection

    from motcua.catalog.models import Procedure
    from motcua.units.models import Unit

    old = list(Unit.objects.filter(code__startswith="BENCH-").values_list("pk", flat=True))
    if old:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM feedback_feedback WHERE unit_id = ANY(%s)", [old])
            for table in ("dossiers_apology", "dossiers_rating", "dossiers_supplement", "dossiers_resultdocument",
                          "payments_payment"):
                cursor.execute(
                    f"DELETE FROM {table} WHERE dossier_id IN (SELECT id FROM dossiers_dossier WHERE unit_id = ANY(%s))",
                    [old],
                )
            cursor.execute("DELETE FROM dossiers_dossier WHERE unit_id = ANY(%s)", [old])
        Procedure.objects.filter(code__startswith="BENCH-").delete()
        for level in ("commune", "district", "province"):
            Unit.objects.filter(pk__in=old, level__code=level).delete()


def build_data(dossiers: int, communes: int, reuse: bool = False, columns: dict[str, str] | None = None):
    """Create the bench units, procedures, dossiers, apologies and ratings; return (province, commune, commune ids).

    `columns` adds dossier columns: {column: SQL expression of the series number g} (benchmarks/index766.py).
    """
    from django.db import connection, transaction

    from motcua.catalog.models import Field, Procedure
    from motcua.units.models import Unit, UnitLevel

    if reuse and (found := _existing(dossiers, communes)):
        print(f"dùng lại {dossiers:,} hồ sơ của {communes} xã đã tạo")
        return found
    levels = {lv.code: lv for lv in UnitLevel.objects.all()}
    with transaction.atomic():
        _drop_old()
        province = Unit.objects.create(code="BENCH-P", name="Tỉnh Thử Nghiệm", level=levels["province"])
        districts = [
            Unit.objects.create(code=f"BENCH-D{d:02d}", name=f"Huyện Thử {d}", level=levels["district"], parent=province)
            for d in range(DISTRICTS)
        ]
        units = [
            Unit(uid=f"BENCH-C{c:04d}", code=f"BENCH-C{c:04d}", name=f"Xã Thử {c}", level=levels["commune"],
                 parent=districts[c % DISTRICTS])
            for c in range(communes)
        ]
        for unit in units:
            unit.path = unit.compute_path()
        units = Unit.objects.bulk_create(units)
        fields = []
        for code, name, kind in FIELDS:
            found, _ = Field.objects.get_or_create(code=code, defaults={"name": name, "kind": kind})
            fields.append(found)
        procedures = []
        for i in range(6):
            procedure = Procedure.objects.create(
                code=f"BENCH-{i}", name=f"Thủ tục thử {i}", field=fields[i % 3], level=levels["commune"],
                legal_duration_value=3, legal_duration_unit="working_day", online="full" if i < 2 else "none",
            )
            procedure.units.set(units)
            procedures.append(procedure.pk)
    ids = [u.pk for u in units]
    started = time.perf_counter()
    columns = dict(columns or {})
    components = columns.pop("components", "'[]'::jsonb")
    extra_names = "".join(f", {name}" for name in columns)
    extra_values = "".join(f", {value}" for value in columns.values())
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO dossiers_dossier (code, channel, received_at, due_at, resolved_at, outcome, return_channel,
                published_portal, published_website, applicant_kind, applicant_name, applicant_id_number,
                applicant_phone, applicant_email, applicant_address, exchange_digest, procedure_id, unit_id,
                components, result_delivery, status, version, data, notify_sms, notify_email{extra_names})
            SELECT 'BENCH-' || g, (%(channels)s::text[])[1 + (g / 7) %% 4], r, r + interval '3 days',
                CASE WHEN (g / 7) %% 10 = 0 THEN NULL ELSE r + ((g / 3) %% 5) * interval '1 day' END,
                CASE WHEN (g / 7) %% 10 = 0 THEN '' WHEN g %% 29 = 0 THEN 'withdrawn' WHEN g %% 13 = 0 THEN 'refused'
                     ELSE 'approved' END,
                '', g %% 2 = 0, g %% 3 = 0, 'citizen', '', '', '', '', '', '',
                (%(procedures)s::bigint[])[1 + (g / 5) %% 6], (%(units)s::bigint[])[1 + g %% %(n)s],
                {components}, '', CASE WHEN (g / 7) %% 10 = 0 THEN 'processing' ELSE 'returned' END, 0, '{{}}'::jsonb,
                false, false{extra_values}
            FROM generate_series(1, %(count)s) AS g,
                 LATERAL (SELECT timestamptz '2023-01-01 08:00+07' + (g %% 365) * interval '1 day'
                                 + (g %% 9) * interval '1 hour' + (g %% 7) * interval '1 minute' AS r) AS t
            """,
            {"channels": CHANNELS, "procedures": procedures, "units": ids, "n": len(ids), "count": dossiers},
        )
        # An apology for every 47th dossier, ratings for two in seven (the last of the year's fall in 2024);
        # 47 and 7 share no factor with the number of communes, so every commune gets its share.
        cursor.execute(
            """
            INSERT INTO dossiers_apology (dossier_id, issued_at, new_due_at, reason)
            SELECT id, due_at + interval '1 day', due_at + interval '5 days', ''
            FROM dossiers_dossier WHERE unit_id = ANY(%(units)s) AND id %% 47 = 0
            """,
            {"units": ids},
        )
        cursor.execute(
            """
            INSERT INTO dossiers_rating (dossier_id, at, value, channel)
            SELECT id, received_at + interval '4 days', 'satisfied', (%(channels)s::text[])[1 + id %% 3]
            FROM dossiers_dossier WHERE unit_id = ANY(%(units)s) AND id %% 7 < 2
            """,
            {"units": ids, "channels": RATING_CHANNELS},
        )
    # Fresh statistics for every table the bench filled, and a visibility map so that
    # the covering indexes answer without reading the table (VACUUM only outside a transaction).
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
    with connection.cursor() as cursor:
        for table in ("units_unit", "catalog_procedure", "catalog_procedure_units", "dossiers_dossier",
                      "dossiers_apology", "dossiers_rating"):
            cursor.execute(f"{command} {table}")
    print(f"đã tạo {dossiers:,} hồ sơ cho {communes} xã trong {time.perf_counter() - started:.1f} s")
    return province, units[0], ids


# ---------------------------------------------------------------- the two engines


def postgres_counts(unit, period) -> dict:
    """Return every dossier count of 01b as motcua computes it (the report's own function, monthly tallies)."""
    from motcua.reports.compute import event_values
    from motcua.units.models import subtree_with_predecessors

    return event_values(subtree_with_predecessors(unit), period)


def record_counts(unit, period) -> dict:
    """Return the same counts counted on the records over the whole period, no tally (the path before the tallies)."""
    from motcua.dossiers.figures import local_bounds
    from motcua.reports.compute import APOLOGY_ROWS, DOSSIER_ROWS, RATING_FIGURES, _rating_rows
    from motcua.tallies.tally import count_records

    names = [*DOSSIER_ROWS.values(), *APOLOGY_ROWS.values(), *RATING_FIGURES]
    by_unit = count_records(covered_ids(unit), [local_bounds(period)], names)
    figures = {name: sum(values[name] for values in by_unit.values()) for name in names}
    values = {code: figures[name] for code, name in (DOSSIER_ROWS | APOLOGY_ROWS).items()}
    return values | _rating_rows(figures, None)


def drop_tallies(unit_ids: list[int]) -> None:
    """Forget the tallies of the units: the next reading counts their months on the records (cold)."""
    from motcua.tallies.models import Tally

    Tally.objects.filter(unit_id__in=unit_ids).delete()


def store_tallies(unit_ids: list[int], period) -> None:
    """Store the tallies of the units' months of `period`, as the workers' refresh or `motcua load` does."""
    from motcua.tallies.tally import refresh

    refresh(unit_ids, since=period.start)


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def _micros(moment: dt.datetime) -> int:
    """Return an aware instant as whole microseconds since the epoch, as the export writes times."""
    return (moment - _EPOCH) // dt.timedelta(microseconds=1)


_EXPORTS = {
    "dossiers": (
        "SELECT d.unit_id, d.channel, (extract(epoch FROM d.received_at) * 1000000)::bigint AS received, "
        "(extract(epoch FROM d.due_at) * 1000000)::bigint AS due, "
        "(extract(epoch FROM d.resolved_at) * 1000000)::bigint AS resolved, d.outcome, "
        "coalesce(d.published_portal, false) AS portal, coalesce(d.published_website, false) AS website, f.kind "
        "FROM dossiers_dossier d JOIN catalog_procedure p ON p.id = d.procedure_id "
        "JOIN catalog_field f ON f.id = p.field_id"
    ),
    "apologies": (
        "SELECT d.unit_id, (extract(epoch FROM a.issued_at) * 1000000)::bigint AS issued "
        "FROM dossiers_apology a JOIN dossiers_dossier d ON d.id = a.dossier_id"
    ),
    "ratings": (
        "SELECT d.unit_id, (extract(epoch FROM r.at) * 1000000)::bigint AS rated_at, r.channel "
        "FROM dossiers_rating r JOIN dossiers_dossier d ON d.id = r.dossier_id"
    ),
}


def export_to_duckdb(unit_ids: list[int]):
    """Copy the bench's dossiers, apologies and ratings from PostgreSQL into an in-memory DuckDB database."""
    import duckdb
    from django.db import connection

    folder = Path(tempfile.mkdtemp(prefix="motcua-bench-"))
    db = duckdb.connect()
    started = time.perf_counter()
    for table, select in _EXPORTS.items():
        path = folder / f"{table}.csv"
        with connection.cursor() as cursor, open(path, "wb") as fh:
            ids = ",".join(str(i) for i in unit_ids)
            with cursor.cursor.copy(f"COPY ({select} WHERE d.unit_id IN ({ids})) TO STDOUT WITH CSV HEADER") as copy:
                for block in copy:
                    fh.write(block)
        db.execute(f"CREATE TABLE {table} AS SELECT * FROM read_csv_auto('{path}', header = true)")
        path.unlink()
    folder.rmdir()
    print(f"đã chép sang DuckDB trong {time.perf_counter() - started:.1f} s")
    return db


_DUCK_SQL = """
WITH d AS (
    SELECT *,
           received >= $s AND received < $e AS r,
           resolved >= $s AND resolved < $e AND outcome IN ('approved', 'refused') AS decided
    FROM dossiers WHERE unit_id IN (SELECT unnest($u::BIGINT[]))
), t AS (SELECT *, coalesce(decided AND resolved <= due, false) AS on_time FROM d)
SELECT
    (SELECT count(*) FROM ratings WHERE unit_id IN (SELECT unnest($u::BIGINT[])) AND rated_at >= $s AND rated_at < $e
        AND channel IN ('online', 'paper', 'kiosk')) AS rated,
    (SELECT count(*) FROM ratings WHERE unit_id IN (SELECT unnest($u::BIGINT[])) AND rated_at >= $s AND rated_at < $e
        AND channel = 'online') AS rated_online,
    count(*) FILTER (WHERE r),
    count(*) FILTER (WHERE r AND channel = 'counter'),
    count(*) FILTER (WHERE r AND channel = 'postal'),
    count(*) FILTER (WHERE r AND channel = 'online_partial'),
    count(*) FILTER (WHERE r AND channel = 'online_full'),
    count(*) FILTER (WHERE on_time),
    count(*) FILTER (WHERE on_time AND channel = 'counter'),
    count(*) FILTER (WHERE on_time AND channel = 'postal'),
    count(*) FILTER (WHERE on_time AND channel = 'online_partial'),
    count(*) FILTER (WHERE on_time AND channel = 'online_full'),
    count(*) FILTER (WHERE on_time AND kind = 'land'),
    count(*) FILTER (WHERE on_time AND kind = 'construction'),
    count(*) FILTER (WHERE decided AND portal),
    count(*) FILTER (WHERE decided AND website),
    (SELECT count(*) FROM apologies WHERE unit_id IN (SELECT unnest($u::BIGINT[])) AND issued >= $s AND issued < $e)
FROM t
"""


def duckdb_counts(db, unit_ids: list[int], period) -> dict:
    """Return the same counts as `postgres_counts`, from one DuckDB statement."""
    from motcua.reports.compute import local_bounds

    start, end = local_bounds(period)
    row = db.execute(_DUCK_SQL, {"s": _micros(start), "e": _micros(end), "u": unit_ids}).fetchone()
    rated, online, *counts = row
    forms = rated - online
    # 1.4.2 as rating_values decides it: blank with no response, else online, forms or both.
    survey = None if not rated else (2 if online and forms else 0 if online else 1)
    return dict(zip(CODES, (rated, survey, *counts), strict=True))


def compare(where: str, postgres: dict, duck: dict) -> None:
    """Raise Mismatch unless both engines give every code the same value."""
    differences = {code: (postgres.get(code), duck.get(code)) for code in CODES if postgres.get(code) != duck.get(code)}
    if differences:
        listed = "; ".join(f"{code}: PostgreSQL {p!r} ≠ DuckDB {d!r}" for code, (p, d) in differences.items())
        raise Mismatch(f"{where}: {listed}")


def median_time(fn, runs: int, before=None) -> tuple[float, object]:
    """Run `fn` once to warm up, then `runs` times; return the median seconds and the last result.

    `before` runs, untimed, before each run (to drop the tallies for a cold reading).
    """
    result = fn()
    times = []
    for _ in range(runs):
        if before:
            before()
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def covered_ids(unit) -> list[int]:
    from motcua.units.models import subtree_with_predecessors

    return list(subtree_with_predecessors(unit).values_list("pk", flat=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--communes", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5, help="số lần đo (lấy trung vị), sau một lần chạy khởi động")
    parser.add_argument("--reuse", action="store_true", help="dùng lại dữ liệu thử đã tạo nếu cùng kích thước")
    args = parser.parse_args()
    setup()
    from motcua.lib.periods import parse_period
    from motcua.reports.compute import compute_appendix

    province, commune, ids = build_data(args.dossiers, args.communes, args.reuse)
    db = export_to_duckdb(ids)
    cases = (("một xã, quý II/2023", commune, parse_period("2023-Q2")),
             ("toàn tỉnh, năm 2023", province, parse_period("2023")))
    ratios = []
    for name, unit, period in cases:
        units = covered_ids(unit)
        t_duck, duck = median_time(lambda: duckdb_counts(db, units, period), args.runs)
        t_raw, raw = median_time(lambda: record_counts(unit, period), args.runs)
        compare(f"{name} (đếm trên hồ sơ)", raw, duck)
        t_cold, cold = median_time(lambda: postgres_counts(unit, period), args.runs, lambda: drop_tallies(units))
        compare(f"{name} (lần đầu, chưa có số liệu tháng)", cold, duck)
        store_tallies(units, period)
        t_pg, pg = median_time(lambda: postgres_counts(unit, period), args.runs)
        compare(f"{name} (đọc số liệu tháng)", pg, duck)
        t_all, appendix = median_time(lambda: compute_appendix(unit, period), args.runs)
        compare(f"{name} (compute_appendix)", {code: appendix.values[code] for code in CODES}, duck)
        ratios.append(t_pg / t_duck)
        print(f"{name}: {len(CODES)} số liệu khớp (3.3.1 = {pg['3.3.1']:,}, 3.3.2 = {pg['3.3.2']:,}, "
              f"3.5 = {pg['3.5']:,}, 1.4.1 = {pg['1.4.1']:,})")
        print(f"  DuckDB {t_duck * 1000:8.1f} ms | PostgreSQL đếm trên hồ sơ {t_raw * 1000:8.1f} ms "
              f"({t_raw / t_duck:4.1f}×) | lần đầu (chưa có số liệu tháng) {t_cold * 1000:8.1f} ms "
              f"({t_cold / t_duck:4.1f}×) | đọc số liệu tháng {t_pg * 1000:8.1f} ms ({t_pg / t_duck:5.2f}×) | "
              f"compute_appendix cả phụ lục {t_all * 1000:8.1f} ms")
    print(f"trung vị của {args.runs} lần đo; tỷ lệ PostgreSQL (số liệu tháng) / DuckDB: "
          f"xã {ratios[0]:.2f}×, tỉnh {ratios[1]:.2f}×")
    # Other work on the machine lengthens every time above: say how busy it was.
    print(f"tải máy (load average 1 phút) {os.getloadavg()[0]:.1f} trên {os.cpu_count()} lõi")


if __name__ == "__main__":
    main()
