"""A whole motcua site in other processes: its own database, `motcua worker`s and gunicorn, for tests of the real queue.

The test process's own database (pytest-django's, in memory on SQLite) is out of a
worker's reach, so these tests give the site a database of its own — a SQLite file
under a fresh MOTCUA_HOME, or a fresh PostgreSQL database on the suite's server —
and look at it through `python -c` snippets run against the same settings.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

from tests.embedded import template_home

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
# Fast heartbeats so that a killed worker is noticed within seconds.
BEAT_SECONDS, STALE_SECONDS = "0.3", "2"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(condition, what: str, timeout: float = 90.0, every: float = 0.2):
    """Return condition()'s first truthy value; fail naming `what` if none comes within `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(every)


class Site:
    def __init__(self, home: Path, database_url: str | None):
        self.home = home
        self.database_url = database_url
        self.processes: list[subprocess.Popen] = []
        self.env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
        self.env.update(
            MOTCUA_HOME=str(home),
            DJANGO_SETTINGS_MODULE="motcua.settings",
            PYTHONPATH=str(ROOT),
            PYTHONUNBUFFERED="1",
            MOTCUA_WORKER_BEAT_SECONDS=BEAT_SECONDS,
            MOTCUA_WORKER_STALE_SECONDS=STALE_SECONDS,
            MOTCUA_SWEEP_MINUTES="0",
            MOTCUA_NOTICE_RESCUE_MINUTES="0",
            MOTCUA_TALLIES_REFRESH_MINUTES="0",
        )
        if database_url:
            self.env["DATABASE_URL"] = database_url

    def wait_for(self, condition, what: str, timeout: float = 90.0):
        """wait_for, with the site's process logs in the failure message."""
        try:
            return wait_for(condition, what, timeout)
        except AssertionError as error:
            raise AssertionError(f"{error}\n{self.logs()}") from None

    def motcua(self, *args: str) -> str:
        done = subprocess.run(
            [str(BIN / "motcua"), *args], env=self.env, cwd=ROOT, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def python(self, code: str):
        """Run `code` (with Django set up) in the site; it sets `out`, returned here through JSON."""
        script = f"import django, json\ndjango.setup()\nout = None\n{code}\nprint('\\n' + json.dumps(out, default=str))"
        done = subprocess.run(
            [sys.executable, "-c", script], env=self.env, cwd=ROOT, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout.strip().splitlines()[-1])

    def _spawn(self, args: list[str], name: str, **env) -> subprocess.Popen:
        log = open(self.home / f"{name}-{len(self.processes)}.log", "w")
        process = subprocess.Popen(
            args, env={**self.env, **env}, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.processes.append(process)
        return process

    def start_worker(self, **env) -> subprocess.Popen:
        return self._spawn([str(BIN / "motcua"), "worker", "--interval", "0.2"], "worker", **env)

    def start_web(self, port: int) -> subprocess.Popen:
        """Start gunicorn (as `motcua serve` will) on `port` and wait until /healthz answers."""
        process = self._spawn(
            [str(BIN / "gunicorn"), "motcua.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"], "gunicorn"
        )
        self.wait_for(lambda: self.healthz(port) is not None or process.poll() is not None, "gunicorn to answer")
        assert process.poll() is None, (self.home / f"gunicorn-{len(self.processes) - 1}.log").read_text()
        return process

    def healthz(self, port: int) -> dict | None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
                return json.loads(response.read())
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return None

    @staticmethod
    def kill(process: subprocess.Popen, sig=signal.SIGKILL) -> None:
        """Send `sig` to the process and its children, and reap it (a zombie's pid still looks alive)."""
        if process.poll() is None:
            os.killpg(process.pid, sig)
        process.wait(timeout=60)

    def close(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                self.kill(process, signal.SIGTERM if "worker" in str(process.args) else signal.SIGKILL)

    def logs(self) -> str:
        return "\n".join(f"--- {p.name}\n{p.read_text()[-3000:]}" for p in sorted(self.home.glob("*.log")))


# One migrated site per engine and test session, copied for every test that needs a site: `migrate` in a
# subprocess costs 10–18 s, a copy of its home (and on PostgreSQL `CREATE DATABASE … TEMPLATE`) well under one.
_TEMPLATES: dict[str, tuple[Path, str | None]] = {}


def _server_url() -> str:
    from django.db import connection

    params = connection.settings_dict
    return f"postgres://{params['USER']}@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}"


def _psql(sql: str, check: bool = True) -> None:
    subprocess.run(["psql", f"{_server_url()}/postgres", "-qc", sql], check=check, capture_output=True)


def _template(database: str) -> tuple[Path, str | None]:
    """Return (home, PostgreSQL database name or None) of this session's migrated site on `database`."""
    if database not in _TEMPLATES:
        from django.db import connection

        if database == "postgres":
            home = Path(tempfile.mkdtemp(prefix="motcua-site-postgres-"))
            atexit.register(shutil.rmtree, home, True)
            name = f"{connection.settings_dict['NAME']}_sitetpl_{uuid.uuid4().hex[:6]}"
            _psql(f'CREATE DATABASE "{name}"')
            atexit.register(_psql, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', False)
            Site(home, f"{_server_url()}/{name}").motcua("migrate", "-v", "0")
            _TEMPLATES[database] = (home, name)
        else:
            _TEMPLATES[database] = (template_home(), None)
    return _TEMPLATES[database]


def make_site(tmp_path: Path, database: str):
    """Yield a migrated Site on a SQLite file or a fresh PostgreSQL database (dropped afterwards).

    The site is a copy of the session's migrated template (`_template`): its home directory (the SQLite
    database, the secret key, the compiled translations) and, on PostgreSQL, its database.
    """
    template_home, template_db = _template(database)
    shutil.copytree(template_home, tmp_path, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.log"))
    name = database_url = None
    if template_db:
        name = f"{template_db.replace('_sitetpl_', '_site_')}_{uuid.uuid4().hex[:6]}"
        _psql(f'CREATE DATABASE "{name}" TEMPLATE "{template_db}"')
        database_url = f"{_server_url()}/{name}"
    site = Site(tmp_path, database_url)
    try:
        yield site
    finally:
        site.close()
        if name:
            _psql(f'DROP DATABASE "{name}" WITH (FORCE)', check=False)
