"""The public pages' counters hold across worker processes: separate Python processes share one count.

Each process is a real `python` with the project's settings on one embedded
database (a temporary MOTCUA_HOME), as gunicorn's workers are. With a
per-process cache (Django's local memory) each would count alone.
"""

import base64
import os
import pickle
import sqlite3
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

COUNT = textwrap.dedent(
    """
    import sys
    import django
    django.setup()
    from motcua.portal.ratelimit import _count
    for _ in range(int(sys.argv[1])):
        _count(sys.argv[2], 3600)
    """
)

VISIT = textwrap.dedent(
    """
    import sys
    import django
    django.setup()
    from django.test import Client
    client = Client(REMOTE_ADDR="203.0.113.7")
    print(" ".join(str(client.get("/tra-cuu/?ma=H56.20.03-230605-0001").status_code) for _ in range(int(sys.argv[1]))))
    """
)


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    home = tmp_path_factory.mktemp("shared-counters")
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "MOTCUA_REDIS_URL")}
    env.update(MOTCUA_HOME=str(home), DJANGO_SETTINGS_MODULE="motcua.settings", MOTCUA_PUBLIC_RATE_LIMIT="5/hour")
    subprocess.run([sys.executable, "-m", "motcua", "migrate"], env=env, cwd=ROOT, check=True, capture_output=True)
    return home, env


def run(env, script, *args):
    return subprocess.Popen([sys.executable, "-c", script, *map(str, args)], env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True)


def stored(home, key_part):
    with sqlite3.connect(home / "motcua.sqlite3") as db:
        rows = db.execute("SELECT value FROM motcua_cache WHERE cache_key LIKE ?", [f"%{key_part}%"]).fetchall()
    return [pickle.loads(base64.b64decode(value)) for (value,) in rows]


def test_two_processes_counting_at_once_lose_no_count(home):
    home, env = home
    key = f"motcua:test:shared:{uuid.uuid4().hex}"
    workers = [run(env, COUNT, 60, key) for _ in range(2)]
    assert [w.wait(timeout=120) for w in workers] == [0, 0]
    assert stored(home, key) == [120]


def test_a_clients_budget_spent_in_one_worker_holds_in_another(home):
    home, env = home
    first = run(env, VISIT, 5)
    out, _ = first.communicate(timeout=120)
    assert out.split() == ["404"] * 5  # an unknown code: the budget is spent all the same
    second = run(env, VISIT, 1)
    out, _ = second.communicate(timeout=120)
    assert out.split() == ["429"]
    assert stored(home, "203.0.113.7") == [6]


REDIS_URL = "redis://127.0.0.1:6379/11"  # a database number of these tests' own


def test_with_redis_two_processes_lose_no_count_either(home):
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    # A key of this run's own: CI runs the SQLite and PostgreSQL passes side by side on one Redis.
    name = f"motcua:test:shared:{uuid.uuid4().hex}"
    key = f"motcua:1:{name}"  # KEY_PREFIX:version:key
    _, env = home
    env = {**env, "MOTCUA_REDIS_URL": REDIS_URL}
    workers = [run(env, COUNT, 60, name) for _ in range(2)]
    try:
        assert [w.wait(timeout=120) for w in workers] == [0, 0]
        assert int(client.get(key)) == 120
    finally:
        client.delete(key)
