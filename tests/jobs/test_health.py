"""GET /healthz (exchange.md, Operations): database, worker heartbeat, queue length; 503 when the database is down."""

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import timezone

from motcua.jobs.execution import create_job, start_job
from motcua.jobs.models import WorkerBeat
from tests.factories import make_tree, make_user

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def _beat(worker_id, seconds_ago):
    seen = timezone.now() - dt.timedelta(seconds=seconds_ago)
    WorkerBeat.objects.create(worker_id=worker_id, host="h", pid=1, started=seen, last_seen=seen)


def test_no_worker_ever_and_an_empty_queue(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "worker": "none", "queue": 0}


def test_queue_counts_the_tasks_waiting_and_worker_follows_the_newest_heartbeat(client, settings):
    settings.MOTCUA_WORKER_STALE_SECONDS = 60
    _, district, *_ = make_tree()
    officer = make_user("huyen", district, "oversight")
    for _ in range(3):
        start_job("doc", officer, "tests.jobs.work.count_files", names=[])
    create_job("doc", officer, "tests.jobs.work.count_files", names=[])  # created, not queued
    _beat("silent", 61)
    assert client.get("/healthz").json() == {"status": "ok", "database": "ok", "worker": "late", "queue": 3}
    _beat("alive", 59)
    assert client.get("/healthz").json()["worker"] == "ok"


def test_no_sign_in_needed_and_no_personal_data(client):
    _, district, *_ = make_tree()
    make_user("huyen", district, "oversight")
    response = client.get("/healthz")
    assert response.status_code == 200
    assert set(response.json()) == {"status", "database", "worker", "queue"}
    assert "huyen" not in response.content.decode()


def _healthz_in_a_process(env_changes: dict) -> tuple[int, dict]:
    """GET /healthz through Django's client in a fresh process whose database settings are `env_changes`."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(env_changes, DJANGO_SETTINGS_MODULE="motcua.settings")
    code = (
        "import django, json; django.setup(); from django.test import Client; "
        "r = Client().get('/healthz'); print(json.dumps([r.status_code, r.json()]))"
    )
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    status, body = json.loads(done.stdout.strip().splitlines()[-1])
    return status, body


def test_unreachable_postgresql_is_503():
    # Port 9 (discard) on the loopback: nothing listens, the connection is refused.
    status, body = _healthz_in_a_process({"DATABASE_URL": "postgres://postgres@127.0.0.1:9/motcua"})
    assert status == 503
    assert body == {"status": "error", "database": "unreachable"}


def test_unopenable_sqlite_file_is_503(tmp_path):
    # Where the embedded database file should be stands a directory: SQLite cannot open it.
    (tmp_path / "motcua.sqlite3").mkdir()
    status, body = _healthz_in_a_process({"MOTCUA_HOME": str(tmp_path)})
    assert status == 503
    assert body == {"status": "error", "database": "unreachable"}
