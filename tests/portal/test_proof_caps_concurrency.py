"""The daily caps of verification codes hold when a burst of requests arrives at once, on the production server.

Every request of a burst first loads the form (its CSRF cookie and token), then
all post together from threads at `motcua serve` (2 gunicorn workers × 4
threads) on the database under test: exactly the cap gets a code, every other
request is refused with the cap's message, and the database holds exactly the
cap's rows.
"""

from __future__ import annotations

import http.cookiejar
import re
import sqlite3
import subprocess
import threading
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import pytest
from django.db import connection

from motcua.portal.models import ContactProof
from tests.ops.helpers import MOTCUA, ROOT, TEST_KEY, child_env, free_port, motcua, wait_until_serving

PROOF = "/nop-truc-tuyen/xac-minh/"
PER_IP = 3
PER_CONTACT = 2
BURST = 10
SENT = 'name="ma"'
TOO_MANY_FROM_IP = "Hôm nay máy này đã yêu cầu quá nhiều mã xác minh"
TOO_MANY_FOR_CONTACT = "đã nhận quá nhiều mã xác minh hôm nay"


@contextmanager
def production_server(home):
    """`motcua serve` on the database under test (PostgreSQL: pytest's test database; SQLite: a fresh file in `home`)."""
    extra = dict(
        MOTCUA_SECRET_KEY=TEST_KEY,
        MOTCUA_PUBLIC_RATE_LIMIT="10000/minute",
        MOTCUA_ONLINE_DAILY_PER_IP=str(PER_IP),
        MOTCUA_ONLINE_DAILY_PER_CONTACT=str(PER_CONTACT),
        MOTCUA_SERVE_THREADS="4",
    )
    if connection.vendor == "postgresql":
        s = connection.settings_dict
        extra["DATABASE_URL"] = f"postgres://{s['USER']}:{s['PASSWORD'] or ''}@{s['HOST']}:{s['PORT'] or 5432}/{s['NAME']}"
    env = child_env(home, **extra)
    # Playwright's switch (tests/browser/conftest.py) is refused by the deployment checks.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    if connection.vendor == "sqlite":
        motcua("migrate", "--no-input", env=env)
    port = free_port()
    process = subprocess.Popen(
        [*MOTCUA, "serve", "--addr", f"127.0.0.1:{port}", "--workers", "2"],
        env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(process, base + "/healthz")
        yield base
    finally:
        process.terminate()
        process.communicate(timeout=120)


def stored_proofs(home) -> list[tuple[str, str]]:
    """The (contact, ip) of every proof row the server wrote."""
    if connection.vendor == "postgresql":
        return list(ContactProof.objects.order_by("id").values_list("contact", "ip"))
    with sqlite3.connect(home / "motcua.sqlite3") as db:
        return db.execute("SELECT contact, ip FROM portal_contactproof ORDER BY id").fetchall()


def burst(base: str, contacts: list[str]) -> list[str]:
    """Ask for a code for each contact, all at once from threads (each its own browser); return the answer pages."""
    ready = threading.Barrier(len(contacts))

    def ask(contact: str) -> str:
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        with browser.open(base + PROOF, timeout=300) as page:
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.read().decode())[1]
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "lien_he": contact}).encode()
        request = urllib.request.Request(base + PROOF, data=body, headers={"Referer": base + PROOF})
        ready.wait(timeout=300)
        with browser.open(request, timeout=300) as answer:
            return answer.read().decode()

    with ThreadPoolExecutor(len(contacts)) as pool:
        return list(pool.map(ask, contacts))


@pytest.mark.django_db(transaction=True)
def test_a_burst_gets_exactly_the_daily_caps(tmp_path):
    with production_server(tmp_path) as base:
        # One phone asked ten times at once: its cap (2) gets codes, the other 8 are refused.
        same_phone = burst(base, ["0912 345 678"] * BURST)
        # Ten phones at once from the same address, which has 1 code left of its 3.
        many_phones = burst(base, [f"09120000{n:02d}" for n in range(BURST)])
    assert sum(SENT in page for page in same_phone) == PER_CONTACT
    assert sum(TOO_MANY_FOR_CONTACT in page for page in same_phone) == BURST - PER_CONTACT
    assert sum(SENT in page for page in many_phones) == PER_IP - PER_CONTACT
    assert sum(TOO_MANY_FROM_IP in page for page in many_phones) == BURST - (PER_IP - PER_CONTACT)
    rows = stored_proofs(tmp_path)
    assert len(rows) == PER_IP and [c for c, _ in rows].count("0912345678") == PER_CONTACT
    assert {ip for _, ip in rows} == {"127.0.0.1"}
