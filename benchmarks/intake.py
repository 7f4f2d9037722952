"""Benchmark of concurrent intake through the HTTP API: throughput, latency, and not one lost or duplicated code.

    .venv/bin/python benchmarks/intake.py [--requests 2000] [--clients 20] [--rate R] [--workers 2] [--units 1]

Runs against DATABASE_URL when set (PostgreSQL), else a fresh SQLite file in a
temporary MOTCUA_HOME. Creates a unit of its own (so its codes start at 0001),
a procedure, a desk officer and an API token; starts the application under
the production server on 127.0.0.1 (`motcua serve`: gunicorn, its deployment
checks, whitenoise; a throw-away MOTCUA_SECRET_KEY unless one is set); fires N intakes from C concurrent client threads with
keep-alive connections; prints throughput, latency percentiles and the CPU
each intake cost the server, the database and the client (other work on the
machine shares its cores), and checks that the codes issued are exactly
0001..n of each unit and day, once each, in the responses and in the
database. With --units 1 (default) every intake queues on the same daily
sequence row lock, as at one busy desk. Exit status 1 if any request
failed or any code was lost or duplicated.

Two ways to load the server. Closed loop (default): each client sends again as
soon as it is answered, which measures the saturation throughput; latency is
then mostly queueing (20 outstanding requests / throughput). Open loop
(`--rate 100`): intakes arrive at 100 per second whatever the answers, spread
over the 20 clients, which is what "sustains 100 dossiers/s" means; latency
counts from each intake's arrival time. Target on PostgreSQL, 2 cores:
`--rate 100 --clients 20` sustained with p95 < 150 ms.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).absolute().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PROCEDURE = "BENCH.INTAKE"
APPLICANT = {
    "kind": "citizen",
    "name": "Nguyễn Văn Bách",
    "id_number": "038090001234",
    "phone": "0912345678",
    "address": "Thôn 1, xã Thử Nghiệm",
}
COMPONENTS = [
    {"name": "Tờ khai đăng ký khai sinh", "form": "original"},
    {"name": "Giấy chứng sinh", "form": "original"},
    {"name": "Căn cước công dân của người đi đăng ký", "form": "copy"},
]


from benchmarks._django import remove_created_homes, setup_django  # noqa: E402


def prepare(units: int = 1) -> list[tuple[str, str, str]]:
    """Create communes and desk officers unique to this run, the procedure and tokens; return [(unit code, agency id, token)]."""
    from motcua.accounts.models import Role, User
    from motcua.api.tokens import create_token
    from motcua.catalog.models import Field, Procedure, ProcedureStep
    from motcua.units.models import Unit, UnitLevel

    tag = secrets.token_hex(3).upper()
    province = Unit.objects.create(
        code=f"BP{tag}", name=f"Tỉnh Thử Nghiệm {tag}", level=UnitLevel.objects.get(code="province"), agency_id=f"BP{tag}"
    )
    communes = [
        Unit.objects.create(
            code=f"BX{tag}{n:02d}",
            name=f"Xã Thử Nghiệm {tag} {n}",
            level=UnitLevel.objects.get(code="commune"),
            parent=province,
            agency_id=f"BP{tag}.{n:02d}",
        )
        for n in range(1, units + 1)
    ]
    field, _ = Field.objects.get_or_create(code="bench", defaults={"name": "Thử tải"})
    procedure, _ = Procedure.objects.get_or_create(
        code=PROCEDURE,
        defaults=dict(
            name="Thủ tục thử tải tiếp nhận",
            field=field,
            level=UnitLevel.objects.get(code="commune"),
            legal_duration_value=3,
            legal_duration_unit="working_day",
        ),
    )
    # Internal steps like a real procedure's: intake then puts the dossier on the first one.
    if not procedure.steps.exists():
        for position, (name, role, hours) in enumerate(
            [("Tiếp nhận, kiểm tra hồ sơ", "desk_officer", 1), ("Thẩm định, dự thảo kết quả", "specialist", 15), ("Phê duyệt", "leader", 8)],
            start=1,
        ):
            ProcedureStep.objects.create(procedure=procedure, position=position, name=name, role=role, working_hours=hours)
    out = []
    for commune in communes:
        officer = User.objects.create_user(username=f"bench_{commune.code.lower()}", unit=commune, role=Role.DESK_OFFICER)
        out.append((commune.code, commune.agency_id, create_token(officer, "benchmark")[1]))
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, workers: int, threads: int, log) -> subprocess.Popen:
    """Start `motcua serve` (gunicorn, the production server) on 127.0.0.1:`port`, its log lines to the file `log`."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), MOTCUA_SERVE_THREADS=str(threads), MOTCUA_LOG_LEVEL="WARNING")
    command = [sys.executable, "-m", "motcua", "serve", "--addr", f"127.0.0.1:{port}", "--workers", str(workers)]
    # A process group of its own: stopping it stops the workers too.
    return subprocess.Popen(command, env=env, cwd=ROOT, start_new_session=True, stdout=log, stderr=subprocess.STDOUT)


def wait_until_up(port: int, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with status {server.returncode}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("the server did not answer /healthz in time")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def fire(port: int, desks: list[tuple[str, str, str]], total: int, clients: int, rate: float | None = None):
    """Send `total` intakes from `clients` threads, client i at desk i mod len(desks); return (latencies in s, codes, failures, elapsed s).

    rate None: closed loop, each client sends its next intake as soon as the
    previous one answers (the server's saturation throughput). rate R: open
    loop, intake n is due at start + n/R whatever the answers, as citizens
    arrive at desks; a late-starting request's latency counts from its due
    time, so waiting for a free client is not hidden (no coordinated omission).
    """
    lock = threading.Lock()
    remaining = [total]
    sent = [0]
    began_all = [0.0]
    latencies: list[float] = []
    codes: list[str] = []
    failures: list[str] = []
    start = threading.Barrier(clients + 1)

    def client(i):
        unit, _, token = desks[i % len(desks)]
        body = json.dumps(
            {
                "unit": unit,
                "procedure": PROCEDURE,
                "channel": "counter",
                "applicant": APPLICANT,
                "components": COMPONENTS,
                "result_delivery": "counter",
            }
        ).encode()
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        start.wait()
        while True:
            with lock:
                if remaining[0] == 0:
                    break
                remaining[0] -= 1
                n = sent[0]
                sent[0] += 1
            if rate:
                due = began_all[0] + n / rate
                wait = due - time.perf_counter()
                if wait > 0:
                    time.sleep(wait)
                began = due
            else:
                began = time.perf_counter()
            try:
                connection.request("POST", "/api/dossiers", body=body, headers=headers)
                response = connection.getresponse()
                payload = response.read()
            except (OSError, http.client.HTTPException) as exc:
                # The server closed a kept-alive connection: count it, reconnect, go on.
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                with lock:
                    failures.append(f"{type(exc).__name__}: {exc}")
                continue
            elapsed = time.perf_counter() - began
            with lock:
                latencies.append(elapsed)
                if response.status == 201:
                    codes.append(json.loads(payload)["code"])
                else:
                    failures.append(f"{response.status}: {payload[:200]!r}")
        connection.close()

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    began_all[0] = time.perf_counter() + 0.05
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    return latencies, codes, failures, time.perf_counter() - began


def cpu_seconds(match) -> float:
    """Return the CPU time (user + system) used so far by the processes `match(pid, cmdline)` accepts (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            if not match(int(entry.name), cmdline):
                continue
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended meanwhile
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def check_codes(codes: list[str], agency_ids: list[str]) -> list[str]:
    """Return the problems of a set of codes: each unit's sequence of each day must be exactly 1..n, once each."""
    problems = []
    by_day: dict[str, list[int]] = defaultdict(list)
    for code in codes:
        prefix, _, seq = code.rpartition("-")
        if prefix.rsplit("-", 1)[0] not in agency_ids:
            problems.append(f"foreign code {code}")
            continue
        by_day[prefix].append(int(seq))
    for prefix, numbers in sorted(by_day.items()):
        duplicated = len(numbers) - len(set(numbers))
        missing = sorted(set(range(1, len(numbers) + 1)) - set(numbers))
        if duplicated:
            problems.append(f"{prefix}: {duplicated} duplicated")
        if missing:
            problems.append(f"{prefix}: missing {missing[:10]}{'…' if len(missing) > 10 else ''}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=20)
    # Processes, not threads: the GIL would serialise a worker's threads on 2 cores.
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (one per core)")
    parser.add_argument("--threads", type=int, default=1, help="threads per gunicorn worker")
    parser.add_argument("--warmup", type=int, default=40, help="intakes sent first and not measured")
    parser.add_argument(
        "--units", type=int, default=1, help="desks of different communes sharing the clients (1: every intake takes the same sequence lock)"
    )
    parser.add_argument(
        "--rate", type=float, default=None, help="open loop: offer this many intakes per second (default: closed loop, as fast as answered)"
    )
    args = parser.parse_args()

    # `motcua serve` refuses to start without a key; this process and the server share it.
    os.environ.setdefault("MOTCUA_SECRET_KEY", "bench-" + secrets.token_urlsafe(40))
    setup_django()
    from django.db import connection

    from motcua.dossiers.models import Dossier

    desks = prepare(args.units)
    agency_ids = [agency for _, agency, _ in desks]
    # Other work on the machine shares the cores: say how busy it was.
    load_before = os.getloadavg()[0]
    connection.close()
    port = free_port()
    # One access-log line per request: kept in a file, shown only when something failed.
    server_log = tempfile.TemporaryFile("w+", encoding="utf-8")
    server = start_server(port, args.workers, args.threads, server_log)
    try:
        wait_until_up(port, server)
        # Warm-up: workers import, build the calendar and open their connections.
        _, warm_codes, warm_failures, _ = fire(port, desks, args.warmup, min(args.clients, args.warmup or 1))
        # CPU used by the server's processes, the database's backends for this database and this client.
        database = connection.settings_dict.get("NAME") or ""

        def in_server(pid, cmdline):
            return os.getpgid(pid) == server.pid

        def in_database(pid, cmdline):
            return cmdline.startswith("postgres:") and f" {database} " in f"{cmdline} "

        before = (cpu_seconds(in_server), cpu_seconds(in_database), time.process_time())
        latencies, codes, failures, elapsed = fire(port, desks, args.requests, args.clients, args.rate)
        after = (cpu_seconds(in_server), cpu_seconds(in_database), time.process_time())
        cpu = [b - a for a, b in zip(before, after)]
    finally:
        stop_server(server)

    all_codes = warm_codes + codes
    stored = list(Dossier.objects.filter(unit__code__in=[u for u, _, _ in desks]).values_list("code", flat=True))
    problems = check_codes(all_codes, agency_ids)
    if sorted(stored) != sorted(all_codes):
        problems.append(f"database holds {len(stored)} dossiers, responses gave {len(all_codes)} codes")
    problems += check_codes(stored, agency_ids)

    vendor = connection.vendor
    server_desc = f"motcua serve (gunicorn) {args.workers}×{args.threads} threads"
    mode = f"open loop at {args.rate:g} intakes/s offered" if args.rate else "closed loop"
    print(f"intake benchmark — {vendor}, {server_desc}, {args.clients} clients, {mode}, {args.units} desk(s), {os.cpu_count()} cores")
    print(f"  requests          {len(latencies)} measured (+{args.warmup} warm-up), {len(failures) + len(warm_failures)} failed")
    if latencies:
        print(f"  throughput        {len(codes) / elapsed:.1f} dossiers/s ({elapsed:.2f} s)")
        print(
            "  latency           "
            f"p50 {percentile(latencies, 50) * 1000:.1f} ms, p95 {percentile(latencies, 95) * 1000:.1f} ms, "
            f"p99 {percentile(latencies, 99) * 1000:.1f} ms, max {max(latencies) * 1000:.1f} ms"
        )
    if latencies:
        per = [1000 * c / len(latencies) for c in cpu]
        print(
            f"  CPU per intake    server {per[0]:.1f} ms, database {per[1]:.1f} ms, load client {per[2]:.1f} ms"
            f" (machine load average before the run: {load_before:.2f})"
        )
    print(f"  codes             {len(all_codes)} issued, {len(stored)} stored: {'0001..N exactly once' if not problems else 'PROBLEMS'}")
    for problem in problems + (failures + warm_failures)[:10]:
        print(f"    - {problem}")
    if problems or failures or warm_failures:
        server_log.seek(0)
        print("--- last lines of the server log ---", *server_log.read().splitlines()[-30:], sep="\n", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    try:
        status = main()
    finally:
        remove_created_homes()
    sys.exit(status)
