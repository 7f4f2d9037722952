"""Benchmark of appendix 01b on PostgreSQL, and the same dossier aggregation in DuckDB.

    DATABASE_URL=postgres://… .venv/bin/python benchmarks/report.py [--dossiers 1000000] [--communes 500]

Needs PostgreSQL (DATABASE_URL). Creates a bench province (code prefix BENCH-)
with 25 districts and N communes, four procedures, and the dossiers over 2023 in
one INSERT … SELECT generate_series; times compute_appendix for one commune's
Q2 and for the province's year (best of 3), then, when the optional `duckdb`
package is installed (`pip install -e '.[bench]'`), exports the same rows to
Parquet and times the dossier aggregation (3.3.1, 3.3.2 and their splits) there.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).absolute().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DISTRICTS = 25
CHANNELS = ["counter", "postal", "online_partial", "online_full"]


def setup() -> None:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("benchmarks/report.py cần PostgreSQL: đặt DATABASE_URL=postgres://…")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)


def build_data(dossiers: int, communes: int):
    """Create the bench units, procedures and dossiers; return (province, one commune, commune ids)."""
    from django.db import connection, transaction

    from motcua.catalog.models import Field, Procedure
    from motcua.dossiers.models import Dossier
    from motcua.units.models import Unit, UnitLevel

    levels = {lv.code: lv for lv in UnitLevel.objects.all()}
    with transaction.atomic():
        old = list(Unit.objects.filter(code__startswith="BENCH-").values_list("pk", flat=True))
        if old:
            Dossier.objects.filter(unit_id__in=old)._raw_delete(Dossier.objects.db)
            Procedure.objects.filter(code__startswith="BENCH-").delete()
            Unit.objects.filter(pk__in=old, level__code="commune").delete()
            Unit.objects.filter(pk__in=old, level__code="district").delete()
            Unit.objects.filter(pk__in=old).delete()
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
        civil, _ = Field.objects.get_or_create(code="bench_ho_tich", defaults={"name": "Hộ tịch (thử)"})
        land, _ = Field.objects.get_or_create(code="bench_dat_dai", defaults={"name": "Đất đai (thử)", "kind": "land"})
        procedures = []
        for i in range(4):
            procedure = Procedure.objects.create(
                code=f"BENCH-{i}", name=f"Thủ tục thử {i}", field=land if i == 3 else civil, level=levels["commune"],
                legal_duration_value=3, legal_duration_unit="working_day", online="full" if i < 2 else "none",
            )
            procedure.units.set(units)
            procedures.append(procedure.pk)
    ids = [u.pk for u in units]
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO dossiers_dossier (code, channel, received_at, due_at, resolved_at, outcome, return_channel,
                published_portal, published_website, applicant_kind, applicant_name, applicant_id_number,
                applicant_phone, applicant_email, applicant_address, exchange_digest, procedure_id, unit_id,
                components, result_delivery, status, version)
            SELECT 'BENCH-' || g, (%(channels)s::text[])[1 + g %% 4], r, r + interval '3 days',
                CASE WHEN (g / 7) %% 10 = 0 THEN NULL ELSE r + ((g / 3) %% 5) * interval '1 day' END,
                CASE WHEN (g / 7) %% 10 = 0 THEN '' WHEN g %% 29 = 0 THEN 'withdrawn' WHEN g %% 13 = 0 THEN 'refused'
                     ELSE 'approved' END,
                '', g %% 2 = 0, g %% 3 = 0, 'citizen', '', '', '', '', '', '',
                (%(procedures)s::bigint[])[1 + g %% 4], (%(units)s::bigint[])[1 + g %% %(n)s],
                '[]'::jsonb, '', CASE WHEN (g / 7) %% 10 = 0 THEN 'processing' ELSE 'returned' END, 0
            FROM generate_series(1, %(count)s) AS g,
                 LATERAL (SELECT timestamptz '2023-01-01 08:00+07' + (g %% 365) * interval '1 day'
                                 + (g %% 9) * interval '1 hour' AS r) AS t
            """,
            {"channels": CHANNELS, "procedures": procedures, "units": ids, "n": len(ids), "count": dossiers},
        )
        # Fresh statistics for every table the bench filled, not only the dossiers: with
        # stale units_unit statistics the planner estimates one covered unit for the
        # province and loops over 500 bitmap scans of the dossiers (4.4 s instead of 0.7 s).
        for table in ("units_unit", "catalog_procedure", "catalog_procedure_units", "dossiers_dossier"):
            cursor.execute(f"ANALYZE {table}")
    print(f"đã tạo {dossiers:,} hồ sơ cho {communes} xã trong {time.perf_counter() - started:.1f} s")
    return province, units[0], ids


def best_of(fn, runs: int = 3) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - started)
    return best, result


def duckdb_timings(unit_ids_commune: list[int], unit_ids_all: list[int]):
    """Export the bench dossiers to Parquet and time the dossier aggregation in DuckDB; None without duckdb."""
    try:
        import duckdb
    except ImportError:
        print("DuckDB: bỏ qua (chưa cài gói duckdb; cài bằng pip install -e '.[bench]')")
        return None
    from django.db import connection

    folder = Path(tempfile.mkdtemp(prefix="motcua-bench-"))
    csv_path = folder / "dossiers.csv"
    with connection.cursor() as cursor, open(csv_path, "wb") as fh:
        copy_sql = (
            "COPY (SELECT d.unit_id, d.channel, d.received_at, d.due_at, d.resolved_at, d.outcome, f.kind "
            "FROM dossiers_dossier d JOIN catalog_procedure p ON p.id = d.procedure_id "
            "JOIN catalog_field f ON f.id = p.field_id WHERE d.code LIKE 'BENCH-%') TO STDOUT WITH CSV HEADER"
        )
        with cursor.cursor.copy(copy_sql) as copy:
            for block in copy:
                fh.write(block)
    db = duckdb.connect()
    parquet = folder / "dossiers.parquet"
    db.execute(f"COPY (SELECT * FROM read_csv_auto('{csv_path}')) TO '{parquet}' (FORMAT PARQUET)")
    query = f"""
        SELECT count(*) FILTER (WHERE received_at >= $s AND received_at < $e) AS received,
               count(*) FILTER (WHERE resolved_at >= $s AND resolved_at < $e AND outcome IN ('approved', 'refused')
                                AND resolved_at <= due_at) AS on_time,
               {", ".join(f"count(*) FILTER (WHERE received_at >= $s AND received_at < $e AND channel = '{c}')"
                          for c in CHANNELS)}
        FROM '{parquet}' WHERE unit_id IN (SELECT unnest($u::BIGINT[]))
    """

    def run(ids, start, end):
        return db.execute(query, {"s": start, "e": end, "u": ids}).fetchone()

    commune = best_of(lambda: run(unit_ids_commune, "2023-04-01 00:00+07", "2023-07-01 00:00+07"))
    year = best_of(lambda: run(unit_ids_all, "2023-01-01 00:00+07", "2024-01-01 00:00+07"))
    return commune, year


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--communes", type=int, default=500)
    args = parser.parse_args()
    setup()
    from motcua.lib.periods import parse_period
    from motcua.reports.compute import compute_appendix

    province, commune, ids = build_data(args.dossiers, args.communes)
    q2, year = parse_period("2023-Q2"), parse_period("2023")
    t_commune, a_commune = best_of(lambda: compute_appendix(commune, q2))
    t_province, a_province = best_of(lambda: compute_appendix(province, year))
    print(f"PostgreSQL compute_appendix một xã, quý II: {t_commune * 1000:.1f} ms "
          f"(3.3.1 = {a_commune.values['3.3.1']:,}, 3.3.2 = {a_commune.values['3.3.2']:,})")
    print(f"PostgreSQL compute_appendix toàn tỉnh, năm 2023: {t_province * 1000:.1f} ms "
          f"(3.3.1 = {a_province.values['3.3.1']:,}, 3.3.2 = {a_province.values['3.3.2']:,})")
    duck = duckdb_timings([commune.pk], ids)
    if duck:
        (d_commune, r_commune), (d_year, r_year) = duck
        print(f"DuckDB một xã, quý II: {d_commune * 1000:.1f} ms (tiếp nhận {r_commune[0]:,}, đúng hạn {r_commune[1]:,})")
        print(f"DuckDB toàn tỉnh, năm 2023: {d_year * 1000:.1f} ms (tiếp nhận {r_year[0]:,}, đúng hạn {r_year[1]:,})")
        print(f"tỷ lệ PostgreSQL / DuckDB: xã {t_commune / d_commune:.1f}×, tỉnh {t_province / d_year:.1f}×")
        assert (r_commune[0], r_commune[1]) == (a_commune.values["3.3.1"], a_commune.values["3.3.2"])
        assert (r_year[0], r_year[1]) == (a_province.values["3.3.1"], a_province.values["3.3.2"])


if __name__ == "__main__":
    main()
