"""Benchmark of the dossier exchange: load and export throughput, peak memory of a big load.

    .venv/bin/python benchmarks/load.py [--dossiers 100000] [--big 1000000]

Runs against DATABASE_URL when set (PostgreSQL), else a fresh SQLite file in a
temporary MOTCUA_HOME. Creates a unit and a few procedures, writes N realistic
dossier lines to a temporary file, times `load_file` and `export_dossiers`, and
with --big measures the peak memory (ru_maxrss) of loading an M-line file in a
child process. Targets (docs/exchange.md): load ≥ 5,000 dossiers/s, export
≥ 20,000 dossiers/s, peak memory < 300 MB for 1,000,000 lines.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).absolute().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TZ = dt.timezone(dt.timedelta(hours=7))
PROCEDURES = ["BENCH.1", "BENCH.2", "BENCH.3", "BENCH.4"]
PROVINCES = ["001", "038", "040", "079", "092"]


from benchmarks._django import remove_created_homes, setup_django  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def prepare(tag: str) -> tuple[str, str]:
    """Create a province + commune (unique to this run) and the benchmark procedures; return (unit code, agency id)."""
    from motcua.catalog.models import Field, Procedure
    from motcua.units.models import Unit, UnitLevel

    province, _ = Unit.objects.get_or_create(
        code="BENCH", defaults={"name": "Tỉnh thử tải", "level": UnitLevel.objects.get(code="province"), "agency_id": "B00"}
    )
    code = f"B{tag}"
    agency = f"B00.{tag}"
    Unit.objects.create(
        code=code, name=f"Xã thử tải {tag}", level=UnitLevel.objects.get(code="commune"), parent=province, agency_id=agency
    )
    field, _ = Field.objects.get_or_create(code="bench", defaults={"name": "Thử tải"})
    commune = UnitLevel.objects.get(code="commune")
    for pcode in PROCEDURES:
        Procedure.objects.get_or_create(
            code=pcode,
            defaults={
                "name": f"Thủ tục thử tải {pcode}",
                "field": field,
                "level": commune,
                "legal_duration_value": 3,
                "legal_duration_unit": "working_day",
            },
        )
    return code, agency


def write_dossiers(path: Path, n: int, unit: str, agency: str, seed: int = 1) -> None:
    """Write n dossier lines spread over the days from 2023-01-02, about 300 a day."""
    rng = random.Random(seed)
    per_day = 300
    start = dt.datetime(2023, 1, 2, 7, 30, tzinfo=TZ)
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            day, seq = divmod(i, per_day)
            received = start + dt.timedelta(days=day, seconds=seq * 90 + rng.randrange(60))
            due = received + dt.timedelta(days=3)
            obj = {
                "code": f"{agency}-{received:%y%m%d}-{seq + 1:04d}",
                "unit": unit,
                "procedure": rng.choice(PROCEDURES),
                "channel": rng.choice(("counter", "counter", "postal", "online_partial", "online_full")),
                "received_at": received.isoformat(),
                "due_at": due.isoformat(),
                "applicant": {
                    "kind": "citizen",
                    "name": f"Nguyễn Văn Thử {i}",
                    "id_number": f"{rng.choice(PROVINCES)}{rng.choice('0123')}{rng.randrange(100):02d}{rng.randrange(10**6):06d}",
                    "phone": f"09{rng.randrange(10**8):08d}",
                },
            }
            if obj["applicant"]["id_number"][3] in "23" and int(obj["applicant"]["id_number"][4:6]) > 20:
                obj["applicant"]["id_number"] = obj["applicant"]["id_number"][:3] + "0" + obj["applicant"]["id_number"][4:]
            r = rng.random()
            if r < 0.1:
                asked = received + dt.timedelta(hours=2)
                obj["supplements"] = [{"requested_at": asked.isoformat(), "received_at": (asked + dt.timedelta(days=1)).isoformat()}]
            if r < 0.85:
                resolved = received + dt.timedelta(hours=rng.randrange(1, 100))
                obj["resolved_at"] = resolved.isoformat()
                obj["outcome"] = rng.choice(("approved",) * 8 + ("refused", "withdrawn"))
                if resolved > due:
                    obj["apologies"] = [{"issued_at": due.isoformat(), "new_due_at": resolved.isoformat(), "reason": "Cần xác minh thêm"}]
                obj["returned_at"] = (resolved + dt.timedelta(hours=1)).isoformat()
                obj["return_channel"] = rng.choice(("counter", "postal", "online"))
                obj["published"] = {"portal": True, "website": rng.random() < 0.5}
                obj["digitized"] = {"components": True, "result": rng.random() < 0.9}
                if rng.random() < 0.6:
                    obj["ratings"] = [
                        {
                            "at": (resolved + dt.timedelta(hours=2)).isoformat(),
                            "value": rng.choice(("very_satisfied", "satisfied", "satisfied", "unsatisfied")),
                            "channel": rng.choice(("online", "paper", "kiosk")),
                        }
                    ]
            fh.write(json.dumps(obj, ensure_ascii=False))
            fh.write("\n")


def child_load(path: str) -> None:
    """Run in a subprocess: load one file and print its figures as JSON."""
    setup_django()
    from motcua.exchange.loading import load_file

    base = peak_mb()
    t0 = time.perf_counter()
    report = load_file("dossiers", path)
    elapsed = time.perf_counter() - t0
    print(
        json.dumps(
            {
                "created": report.created,
                "unchanged": report.unchanged,
                "errors": report.error_lines()[:5],
                "seconds": round(elapsed, 1),
                "baseline_mb": round(base, 1),
                "peak_mb": round(peak_mb(), 1),
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=100_000, help="dossiers to load and export (default 100000)")
    parser.add_argument("--big", type=int, default=0, help="also measure the peak memory of loading a file this long")
    parser.add_argument("--child-load", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_load:
        child_load(args.child_load)
        return

    setup_django()
    from django.db import connection

    from motcua.dossiers.models import Dossier
    from motcua.exchange.exporting import export_dossiers
    from motcua.exchange.loading import load_file

    tag = f"{int(time.time()) % 10**6:06d}"
    unit, agency = prepare(tag)
    print(f"database: {connection.vendor} ({connection.settings_dict['NAME']}), python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(prefix="motcua-bench-") as tmp:
        src = Path(tmp) / "dossiers.jsonl"
        t0 = time.perf_counter()
        write_dossiers(src, args.dossiers, unit, agency)
        print(f"generated {args.dossiers} lines ({src.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t0:.1f} s")

        t0 = time.perf_counter()
        report = load_file("dossiers", src)
        elapsed = time.perf_counter() - t0
        if report.errors:
            print("\n".join(report.error_lines()[:20]))
            sys.exit(1)
        print(f"load:   {report.created} dossiers in {elapsed:.1f} s = {report.created / elapsed:,.0f} dossiers/s")

        t0 = time.perf_counter()
        report = load_file("dossiers", src)
        elapsed = time.perf_counter() - t0
        print(f"reload: {report.unchanged} unchanged in {elapsed:.1f} s = {report.unchanged / elapsed:,.0f} dossiers/s")

        out = Path(tmp) / "export.jsonl"
        t0 = time.perf_counter()
        with open(out, "w", encoding="utf-8") as fh:
            count = export_dossiers(unit, out=fh)
        elapsed = time.perf_counter() - t0
        print(f"export: {count} dossiers in {elapsed:.1f} s = {count / elapsed:,.0f} dossiers/s")
        assert count == Dossier.objects.filter(unit__code=unit).count()

        if args.big:
            big_unit, big_agency = prepare(f"{(int(tag) + 1) % 10**6:06d}")
            big = Path(tmp) / "big.jsonl"
            t0 = time.perf_counter()
            write_dossiers(big, args.big, big_unit, big_agency, seed=2)
            print(f"generated {args.big} lines ({big.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t0:.1f} s")
            src.unlink()
            out.unlink()
            result = subprocess.run(
                [sys.executable, __file__, "--child-load", str(big)], capture_output=True, text=True, env=os.environ.copy()
            )
            if result.returncode:
                print(result.stderr)
                sys.exit(1)
            figures = json.loads(result.stdout.strip().splitlines()[-1])
            rate = figures["created"] / figures["seconds"] if figures["seconds"] else 0
            print(
                f"big load: {figures['created']} dossiers in {figures['seconds']} s = {rate:,.0f} dossiers/s; "
                f"peak memory {figures['peak_mb']} MB (after start-up {figures['baseline_mb']} MB)"
            )
            if figures["errors"]:
                print("\n".join(figures["errors"]))


if __name__ == "__main__":
    try:
        main()
    finally:
        remove_created_homes()
