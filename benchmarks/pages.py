"""Benchmark of the web pages: server time, SQL queries and size of each main page, per role.

    .venv/bin/python benchmarks/pages.py [--scale 25] [--repeat 7] [--only PREFIX]
    DATABASE_URL=postgres://…/motcua_bench .venv/bin/python benchmarks/pages.py --scale 25

Runs against DATABASE_URL when set (PostgreSQL; use a database of its own, the
data stays there and a later run reuses it), else a fresh SQLite file in a
temporary MOTCUA_HOME. Loads the demo deterministically (load_demo at the fixed
instant NOW_TEXT, the pages' clock frozen there too), then with --scale N loads
N − 1 more generations of the main commune's dossiers (Xã Hoằng Thanh, seeds
2024, 2025, … of motcua.demo.generate, generation k numbering each day's
dossiers from 100·k + 1) through the same exchange loader, so the commune holds
about N times the demo's ~2,000 dossiers (--scale 25 ≈ 51,000). On PostgreSQL
the tables are then ANALYZEd, as autovacuum would have done.

Each page is requested with Django's test Client (force_login per demo role,
anonymous for the portal) once to warm up, once to count its SQL queries
(CaptureQueriesContext), then --repeat times; the table gives the median and
95th percentile server time (ms), the queries and the response size. Exit
status 1 when any page answers an error (status ≥ 400) or raises.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).absolute().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks._django import remove_created_homes, setup_django  # noqa: E402

NOW_TEXT = "2026-11-24T16:30:00+07:00"
ANONYMOUS = "(khách)"


def load_data(scale: int, now: dt.datetime) -> None:
    """Load the demo at `now`, then the main commune's extra generations up to `scale` times its dossiers."""
    from motcua.demo import generate
    from motcua.demo.install import MAIN_COMMUNE, load_demo
    from motcua.dossiers.models import Dossier
    from motcua.exchange.loading import load_jsonl
    from motcua.units.models import Unit

    started = time.perf_counter()
    summary = load_demo(now=now)
    print(f"demo: {summary.dossiers.summary()} ({time.perf_counter() - started:.1f} s)")
    commune = Unit.objects.select_related("level").get(code=MAIN_COMMUNE)
    periods = summary.periods
    for k in range(1, scale):
        # Generation k numbers its day's dossiers from 100·k + 1: codes keep the exchange format.
        if Dossier.objects.filter(unit=commune, code__endswith=f"-{100 * k + 1:04d}").exists():
            continue  # this generation is already in the database (DATABASE_URL reused)
        started = time.perf_counter()

        def lines(k=k):
            for obj in generate.generate_dossiers([commune], periods, seed=generate.DEFAULT_SEED + k, now=now):
                prefix, seq = obj["code"].rsplit("-", 1)
                obj["code"] = f"{prefix}-{100 * k + int(seq):04d}"
                yield json.dumps(obj, ensure_ascii=False)

        report = load_jsonl("dossiers", lines(), today=now.date())
        if report.errors:
            sys.exit(f"lần sinh {k}: {report.summary()}\n" + "\n".join(report.error_lines()[:5]))
        print(f"lần sinh {k}: {report.summary()} ({time.perf_counter() - started:.1f} s)")
    from django.db import connection

    if connection.vendor == "postgresql":
        # Fresh statistics, as autovacuum would give a database that grew over years: with
        # the empty tables' statistics the planner sorts the whole commune for a worklist page.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"Xã Hoằng Thanh: {Dossier.objects.filter(unit=commune).count():,} hồ sơ; "
          f"tất cả: {Dossier.objects.count():,}")


def pages() -> list[tuple[str, str]]:
    """Return (role login or ANONYMOUS, path) of every page measured."""
    from urllib.parse import quote

    from motcua.demo.install import MAIN_COMMUNE
    from motcua.dossiers.models import OPEN_STATUSES, Dossier

    dossier = (
        Dossier.objects.filter(unit__code=MAIN_COMMUNE, status__in=OPEN_STATUSES).order_by("received_at", "code").first()
        or Dossier.objects.filter(unit__code=MAIN_COMMUNE).order_by("-received_at").first()
    )
    returned = Dossier.objects.filter(unit__code=MAIN_COMMUNE, status="returned").order_by("-received_at").first()
    code = quote(dossier.code, safe="")
    out = [(role, "/can-bo/") for role in ("motcua", "chuyenvien", "lanhdao", "huyen", "tinh", "quantri")]
    out += [
        ("motcua", "/can-bo/tiep-nhan/"),
        ("motcua", "/can-bo/tiep-nhan/thu-tuc/?q=khai+sinh"),
        ("motcua", "/can-bo/ho-so/"),
        ("motcua", "/can-bo/ho-so/?q=nguyen+van"),
        ("motcua", "/can-bo/ho-so/?due=overdue"),
        ("chuyenvien", "/can-bo/ho-so/"),
        ("huyen", "/can-bo/ho-so/"),
        ("tinh", "/can-bo/ho-so/"),
        ("tinh", "/can-bo/ho-so/?due=overdue"),
        ("chuyenvien", f"/can-bo/ho-so/{code}/"),
        ("motcua", f"/can-bo/ho-so/{quote(returned.code, safe='')}/"),
        ("lanhdao", "/can-bo/phe-duyet/"),
        ("lanhdao", f"/bao-cao/?unit={MAIN_COMMUNE}&period=2026-Q3"),
        ("huyen", "/bao-cao/?unit=399&period=2024"),
        ("tinh", "/bao-cao/?unit=38&period=2025"),
        ("lanhdao", f"/bao-cao/bang-dieu-khien/?unit={MAIN_COMMUNE}&period=2026-Q3"),
        ("tinh", "/bao-cao/bang-dieu-khien/?unit=38&period=2025"),
        ("lanhdao", f"/bao-cao/chi-tiet/?unit={MAIN_COMMUNE}&period=2026-Q3&indicator=3.3.1"),
        ("lanhdao", f"/bao-cao/chi-tiet/?unit={MAIN_COMMUNE}&period=2026&indicator=3.5"),
        ("lanhdao", f"/bao-cao/chi-tiet/?unit={MAIN_COMMUNE}&period=2026&indicator=danh-gia"),
        ("chuyenvien", "/cai-cach/"),
        ("chuyenvien", "/cai-cach/nhiem-vu/"),
        ("quantri", "/quan-tri/"),
        ("quantri", "/quan-tri/thu-tuc/"),
        ("quantri", "/quan-tri/lich/"),
        ("quantri", "/quan-tri/nguoi-dung/"),
        ("lanhdao", "/can-bo/phan-anh/"),
        (ANONYMOUS, f"/tra-cuu/{code}/"),
        (ANONYMOUS, "/cong-khai/"),
        (ANONYMOUS, f"/cong-khai/?don_vi={MAIN_COMMUNE}"),
        (ANONYMOUS, "/thong-ke/"),
        (ANONYMOUS, "/thong-ke/?don_vi=38"),
        (ANONYMOUS, "/nop-truc-tuyen/"),
    ]
    return out


def measure(role: str, path: str, repeat: int) -> dict:
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from motcua.accounts.models import User

    client = Client()
    if role != ANONYMOUS:
        client.force_login(User.objects.get(username=role))
    response = client.get(path)  # warm-up: calendar caches, templates, translations
    if response.status_code >= 400:
        return {"status": response.status_code, "times": [], "queries": 0, "size": len(response.content)}
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    queries = len(ctx.captured_queries)
    reset_queries()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
    return {"status": response.status_code, "times": times, "queries": queries, "size": len(response.content)}


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=int, default=1, choices=range(1, 100), metavar="N", help="the main commune holds N times the demo's dossiers")
    parser.add_argument("--repeat", type=int, default=7, help="timed requests per page (after one warm-up)")
    parser.add_argument("--only", default="", help="measure only the paths starting with this")
    args = parser.parse_args()
    os.environ.setdefault("MOTCUA_PUBLIC_RATE_LIMIT", "")  # the portal's limit would answer 429 here
    setup_django()
    try:
        from unittest import mock

        from django.conf import settings

        settings.MOTCUA_PUBLIC_RATE_LIMIT = ""
        now = dt.datetime.fromisoformat(NOW_TEXT)
        load_data(max(1, args.scale), now)
        from django.db import connection

        print(f"CSDL: {connection.vendor}; thời điểm: {NOW_TEXT}; mỗi trang {args.repeat} lần sau 1 lần khởi động")
        failed = 0
        header = f"{'trang':<64} {'vai trò':<11} {'trung vị':>9} {'p95':>8} {'truy vấn':>8} {'kích thước':>11}"
        print(header)
        print("-" * len(header))
        utc_now = now.astimezone(dt.timezone.utc)
        with mock.patch("django.utils.timezone.now", lambda: utc_now):
            for role, path in pages():
                if args.only and not path.startswith(args.only):
                    continue
                try:
                    result = measure(role, path, args.repeat)
                except Exception as error:  # noqa: BLE001 - a benchmark reports and carries on
                    failed += 1
                    print(f"{path:<64} {role:<11} LỖI {type(error).__name__}: {error}")
                    continue
                if result["status"] >= 400:
                    failed += 1
                    print(f"{path:<64} {role:<11} HTTP {result['status']}")
                    continue
                times = result["times"]
                print(f"{path:<64} {role:<11} {statistics.median(times):>7.1f}ms {p95(times):>6.1f}ms "
                      f"{result['queries']:>8} {result['size'] / 1024:>9.1f}kB")
        if failed:
            print(f"{failed} trang lỗi")
            return 1
        return 0
    finally:
        remove_created_homes()


if __name__ == "__main__":
    sys.exit(main())
