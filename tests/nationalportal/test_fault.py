"""The outbox against a misbehaving portal, with real processes: `motcua portal-sim`, `motcua worker`s, a desk at work.

The portal fails every third request, then stalls, then is down for a while
(national-portal.md's 30 s and 2 minutes, compressed to seconds here), while
200 dossiers (1,000 on PostgreSQL) change state. At the end every dossier's
last message — exactly the state its last event left — is what the portal
holds, every message reached it once in its dossier's order, and every retry
carried its message's key. A worker killed mid-delivery loses nothing either.
The desk's timings with and without the portal are compared in benchmarks/portal.py.
"""

import json
import signal
import sys
import urllib.request
from collections import defaultdict

import pytest

from tests.jobs.site import BIN, free_port, make_site

TOKEN = "bi-mat-cua-cong"
STALL_SECONDS, DOWN_SECONDS = 3, 6

DRIVE = "import django; django.setup(); from tests.nationalportal.drive import main; main({count}, None, {start})"
OUTBOX = """
from django.db.models import Count
from motcua.nationalportal.models import OutboxMessage
out = dict(OutboxMessage.objects.values_list("status").annotate(n=Count("id")).order_by())
"""
FINAL = """
from motcua.dossiers.models import Dossier
from motcua.nationalportal.models import OutboxMessage
from motcua.nationalportal.payload import build_payload, facts_of
out = {}
for d in Dossier.objects.select_related("unit", "procedure__field"):
    messages = list(OutboxMessage.objects.filter(dossier=d).select_related("event").order_by("id"))
    last_event = d.events.order_by("-at", "-id").first()
    out[d.code] = {
        "keys": [str(m.key) for m in messages],
        "statuses": sorted({m.status for m in messages}),
        "last_payload": messages[-1].payload,
        "last_message_event": messages[-1].event_id,
        "last_event": last_event.pk,
        "state_now": build_payload(facts_of(d)),
    }
"""


class Portal:
    """The simulator process, seen through its HTTP control and listing."""

    def __init__(self, site):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = site._spawn(
            [str(BIN / "motcua"), "portal-sim", "--addr", f"127.0.0.1:{self.port}", "--token", TOKEN], "portal-sim"
        )
        site.wait_for(self._up, "the portal simulator to answer")
        site.env.update(
            MOTCUA_PORTAL_URL=self.url,
            MOTCUA_PORTAL_TOKEN=TOKEN,
            MOTCUA_PORTAL_TIMEOUT="1",
            MOTCUA_PORTAL_RETRY_SECONDS="0.2",
            MOTCUA_PORTAL_RETRY_MAX_SECONDS="2",
            MOTCUA_PORTAL_RETRIES="1000",
        )

    def _up(self):
        try:
            return self.listing()
        except OSError:
            return None

    def control(self, **settings) -> dict:
        request = urllib.request.Request(f"{self.url}/_control", data=json.dumps(settings).encode(), method="POST")
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    def listing(self) -> dict:
        with urllib.request.urlopen(f"{self.url}/_messages", timeout=30) as response:
            return json.loads(response.read())


@pytest.fixture(params=[pytest.param(("sqlite", 200), marks=pytest.mark.sqlite), pytest.param(("postgres", 1000), marks=pytest.mark.postgres)])
def site_and_count(request, tmp_path):
    database, count = request.param
    for site in make_site(tmp_path, database):
        yield site, count


def _check_delivered_in_order(site, portal):
    final = site.python(FINAL)
    listing = portal.listing()
    arrived = defaultdict(list)
    for m in listing["messages"]:
        arrived[m["payload"]["MaHoSo"]].append(m)
    for code, d in final.items():
        assert d["statuses"] == ["delivered"], code
        # Every message once, in the order its dossier's events wrote them.
        assert [m["key"] for m in arrived[code]] == d["keys"], code
        # The last message is the dossier's last event, and the state it reports is the dossier's state now.
        assert d["last_message_event"] == d["last_event"], code
        assert d["last_payload"] == d["state_now"], code
        assert arrived[code][-1]["payload"] == d["state_now"], code
    assert set(arrived) == set(final)
    return final, listing


def test_many_dossiers_reach_a_failing_stalling_then_down_portal_exactly(site_and_count):
    site, count = site_and_count
    portal = Portal(site)
    portal.control(fail_every=3)
    site.start_worker()
    site.start_worker()
    desk = site._spawn([sys.executable, "-c", DRIVE.format(count=count, start=0)], "desk")

    site.wait_for(lambda: portal.listing()["state"]["stored"] >= 100, "the first hundred messages to arrive")
    portal.control(stall_seconds=STALL_SECONDS)
    site.wait_for(lambda: portal.listing()["state"]["stalled_for"] == 0, "the stall to end")
    portal.control(down_seconds=DOWN_SECONDS)
    site.wait_for(lambda: portal.listing()["state"]["down_for"] == 0, "the portal to come back")
    site.wait_for(lambda: desk.poll() is not None, "the desk to finish", timeout=900)
    assert desk.returncode == 0, site.logs()
    site.wait_for(lambda: set(site.python(OUTBOX)) == {"delivered"}, "every message to be delivered", timeout=600)

    final, listing = _check_delivered_in_order(site, portal)
    assert len(final) == count
    # A quarter of the dossiers on each of the four paths (6, 7, 2 and 3 messages): 18 messages per four dossiers,
    # 900 for 200 dossiers, 4,500 for 1,000.
    assert sum(len(d["keys"]) for d in final.values()) == count // 4 * 18
    # Retries carried the same key: every key the portal saw is a message's, and some were sent several times.
    keys = {k for d in final.values() for k in d["keys"]}
    attempts = defaultdict(list)
    for r in listing["requests"]:
        attempts[r["key"]].append(r["status"])
    assert set(attempts) == keys
    answers = {s for statuses in attempts.values() for s in statuses}
    assert {0, 200, 503} <= answers  # dropped while down, delivered, failed every third
    retried = [k for k, statuses in attempts.items() if len(statuses) > 1]
    assert retried and all(statuses[-1] == 200 for statuses in attempts.values() if 200 in statuses)
    assert site.motcua("sync", "status", "--unit", "16003").strip().endswith("pending 0, failed 0")


@pytest.mark.parametrize("database", [pytest.param("sqlite", marks=pytest.mark.sqlite), pytest.param("postgres", marks=pytest.mark.postgres)])
def test_a_worker_killed_mid_delivery_loses_nothing_and_keeps_the_order(database, tmp_path):
    for site in make_site(tmp_path, database):
        portal = Portal(site)
        site.env["MOTCUA_PORTAL_TIMEOUT"] = "5"
        site.python(DRIVE.format(count=40, start=0).replace("import django; django.setup(); ", ""))
        portal.control(slow_seconds=3)  # every answer takes 3 s: the worker will be inside a request
        first = site.start_worker()
        in_flight = site.wait_for(lambda: portal.listing()["state"]["in_flight"], "the worker to be sending")
        site.kill(first, signal.SIGKILL)
        portal.control(slow_seconds=0)
        # The killed worker's message is held until its lease (2 × 5 s + 1 s) ends; then the next worker sends it again.
        site.start_worker()
        site.wait_for(lambda: set(site.python(OUTBOX)) == {"delivered"}, "every message to be delivered")
        final, listing = _check_delivered_in_order(site, portal)
        # 40 dossiers, 10 per path: 10 × 18 messages.
        assert sum(len(d["keys"]) for d in final.values()) == 180
        sent = [r["key"] for r in listing["requests"]]
        # The message being sent when the worker died went again, with its key (stored once: see above).
        assert sent.count(in_flight[0]) == 2
