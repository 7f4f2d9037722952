"""The portal simulator's own behaviour over HTTP: token, key, de-duplication, faults, its listing; started for the demo."""

import http.client
import json
import time
import urllib.error
import urllib.request

import pytest

from tests.nationalportal.conftest import TOKEN


def _post(sim, key="k-1", token=TOKEN, body=None, timeout=10):
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
    if key:
        headers["Idempotency-Key"] = key
    data = json.dumps(body or {"MaHoSo": "H56.20.03-230605-0001", "TrangThaiHoSo": 2}).encode()
    request = urllib.request.Request(f"{sim.url}/dossiers", data=data, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_token_key_and_duplicates(sim):
    assert _post(sim, token="sai") == (401, {"error": "sai mã truy cập (Bearer token)"})
    assert _post(sim, key="") == (400, {"error": "thiếu tiêu đề Idempotency-Key"})
    assert _post(sim, key="a") == (200, {"key": "a", "duplicate": False})
    assert _post(sim, key="a") == (200, {"key": "a", "duplicate": True})  # stored once
    listing = sim.listing()
    assert [m["key"] for m in listing["messages"]] == ["a"]
    assert [(r["key"], r["status"]) for r in listing["requests"]] == [("k-1", 401), ("", 400), ("a", 200), ("a", 200)]
    page = urllib.request.urlopen(f"{sim.url}/", timeout=10).read().decode()
    assert "Cổng Dịch vụ công quốc gia — giả lập" in page and "H56.20.03-230605-0001" in page


def test_faults_every_nth_stall_and_down(sim):
    sim.control(fail_every=2)
    assert [_post(sim, key=f"n{i}")[0] for i in range(1, 5)] == [200, 503, 200, 503]
    sim.control(fail_every=0, stall_seconds=1.5)
    began = time.monotonic()
    assert _post(sim, key="stalled")[0] == 200  # answered once the stall is over
    assert time.monotonic() - began >= 1.0
    sim.control(down_seconds=30)
    with pytest.raises((http.client.RemoteDisconnected, ConnectionError, urllib.error.URLError)):
        _post(sim, key="down")
    state = sim.control(down_seconds=0)
    assert state["down_for"] == 0 and _post(sim, key="down")[0] == 200
    assert sim.control(reset=True)["stored"] == 0


def test_the_demo_starts_the_simulator_and_points_the_settings_at_it(settings):
    from tests.jobs.site import free_port
    from motcua.nationalportal.simulator import start_for_demo

    addr = f"127.0.0.1:{free_port()}"
    env = start_for_demo(addr, token="t")
    assert settings.MOTCUA_PORTAL_URL == f"http://{addr}" and env["MOTCUA_PORTAL_URL"] == f"http://{addr}"
    assert env["MOTCUA_PORTAL_TOKEN"] == "t"
    with urllib.request.urlopen(f"http://{addr}/_messages", timeout=10) as response:
        assert json.loads(response.read())["messages"] == []
