"""Benchmark: desk actions are not slower when the national portal fails, stalls or is down (national-portal.md).

    .venv/bin/python benchmarks/portal.py [--dossiers 1000] [--scenarios none,up,faulty]

Each scenario runs on a fresh database (DATABASE_URL's server when set — a new
database per scenario — else a SQLite file) with real processes: a desk
process moving N dossiers through the four paths of tests/nationalportal/drive.py
(receipt, assignment, supplement, decision, return, withdrawal, stop: 4.5
actions a dossier), timing every action; a `motcua worker`; `motcua portal-sim`.

- none: no portal configured (MOTCUA_PORTAL_URL blank): the outbox is written, nothing is sent;
- up: the simulator answers at once;
- faulty: the simulator fails every third request and stalls every request
  for the whole run (each attempt waits out MOTCUA_PORTAL_TIMEOUT = 2 s), then
  is down, then recovers; the worker keeps retrying meanwhile.

Prints, per scenario, the desk's median and 95th percentile action time and its
total, and the time from the desk's last action until every message was
delivered. Desk actions never wait for the portal: the figures of the three
scenarios should be the same within the machine's noise.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).absolute().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.jobs.site import make_site  # noqa: E402  (the test suite's real-process site: database, workers)
from tests.nationalportal.test_fault import OUTBOX, Portal  # noqa: E402

TIMED_DRIVE = "import django; django.setup(); from tests.nationalportal.drive import main; main({count}, {path!r})"


def run(scenario: str, count: int, database: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="motcua-bench-portal-") as tmp:
        for site in make_site(Path(tmp), database):
            portal = None
            if scenario != "none":
                portal = Portal(site)
                site.env["MOTCUA_PORTAL_TIMEOUT"] = "2"
                site.start_worker()
            if scenario == "faulty":
                portal.control(fail_every=3, stall_seconds=3600)
            times_path = str(Path(tmp) / "times.json")
            began = time.monotonic()
            desk = site._spawn([sys.executable, "-c", TIMED_DRIVE.format(count=count, path=times_path)], "desk")
            site.wait_for(lambda: desk.poll() is not None, "the desk to finish", timeout=3600)
            assert desk.returncode == 0, site.logs()
            desk_seconds = time.monotonic() - began
            times = json.loads(Path(times_path).read_text())
            drained = None
            if portal is not None:
                if scenario == "faulty":
                    portal.control(stall_seconds=0, down_seconds=5)
                    site.wait_for(lambda: portal.listing()["state"]["down_for"] == 0, "the portal to come back")
                    portal.control(fail_every=0)
                done = time.monotonic()
                site.wait_for(lambda: set(site.python(OUTBOX)) == {"delivered"}, "every message delivered", timeout=3600)
                drained = time.monotonic() - done
            counts = site.python(OUTBOX)
    ms = sorted(t * 1000 for t in times)
    return {
        "scenario": scenario,
        "actions": len(ms),
        "median_ms": statistics.median(ms),
        "p95_ms": ms[int(0.95 * (len(ms) - 1))],
        "desk_seconds": desk_seconds,
        "drain_seconds": drained,
        "outbox": counts,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=1000)
    parser.add_argument("--scenarios", default="none,up,faulty")
    args = parser.parse_args()
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    import django

    django.setup()
    from django.db import connection

    database = "postgres" if connection.vendor == "postgresql" else "sqlite"
    print(f"{args.dossiers} dossiers on {database}")
    print(f"{'scenario':8} {'actions':>7} {'median ms':>10} {'p95 ms':>8} {'desk s':>8} {'drain s':>8}  outbox")
    for scenario in args.scenarios.split(","):
        r = run(scenario, args.dossiers, database)
        drain = "—" if r["drain_seconds"] is None else f"{r['drain_seconds']:.1f}"
        print(f"{r['scenario']:8} {r['actions']:>7} {r['median_ms']:>10.1f} {r['p95_ms']:>8.1f} {r['desk_seconds']:>8.1f} "
              f"{drain:>8}  {r['outbox']}", flush=True)


if __name__ == "__main__":
    main()
