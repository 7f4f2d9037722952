"""A small stand-in for the national portal's sync endpoint (`motcua portal-sim`), for the demo and the tests.

A real HTTP server (the standard library's ThreadingHTTPServer, one thread per
request) that speaks the outbound side of national-portal.md:

- `POST /dossiers` checks `Authorization: Bearer <token>` (401) and requires an
  `Idempotency-Key` (400); a key already received is answered 200 with
  `"duplicate": true` and not stored again.
- Faults, set by flags at start or at any time by `POST /_control` with JSON
  `{"fail_every": N, "stall_seconds": S, "slow_seconds": S, "down_seconds": S}`:
  every Nth request answered 503 (0 = never); for the next S seconds every
  request hangs until that time is over (or a new stall_seconds ends it), then is handled; every answer
  delayed by S seconds; for the next S seconds connections are closed without
  an answer (the portal is down). `{"reset": true}` forgets the messages.
- `GET /` shows what it got (a page), `GET /_messages` the same as JSON:
  the stored messages in arrival order and every request's key and answer.
"""

from __future__ import annotations

import html
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class PortalState:
    """What the simulator received and how it misbehaves; shared by the request threads under one lock."""

    def __init__(self, token: str = "", fail_every: int = 0, slow_seconds: float = 0.0):
        self.lock = threading.Lock()
        self.token = token
        self.fail_every = fail_every
        self.slow_seconds = slow_seconds
        self.stall_until = 0.0
        self.down_until = 0.0
        self.requests = 0
        self.messages: list[dict] = []  # stored, in arrival order: {"key", "received", "payload"}
        self.keys: set[str] = set()
        self.log: list[dict] = []  # every POST: {"key", "status"}
        self.in_flight: list[str] = []  # keys of the requests being handled now

    def control(self, settings: dict) -> dict:
        now = time.monotonic()
        with self.lock:
            if settings.get("reset"):
                self.messages, self.keys, self.log, self.requests = [], set(), [], 0
            if "fail_every" in settings:
                self.fail_every = int(settings["fail_every"])
            if "slow_seconds" in settings:
                self.slow_seconds = float(settings["slow_seconds"])
            if "stall_seconds" in settings:
                self.stall_until = now + float(settings["stall_seconds"])
            if "down_seconds" in settings:
                self.down_until = now + float(settings["down_seconds"])
            return self.describe(now)

    def describe(self, now: float | None = None) -> dict:
        now = time.monotonic() if now is None else now
        return {
            "fail_every": self.fail_every,
            "slow_seconds": self.slow_seconds,
            "stalled_for": max(0.0, self.stall_until - now),
            "down_for": max(0.0, self.down_until - now),
            "requests": self.requests,
            "stored": len(self.messages),
            "in_flight": list(self.in_flight),
        }


class Handler(BaseHTTPRequestHandler):
    server_version = "motcua-portal-sim/1"
    state: PortalState  # set on the class the server is built with

    def log_message(self, format, *args):  # quiet: the page and /_messages tell what happened
        pass

    def _answer(self, status: int, body: dict | str, content_type="application/json; charset=utf-8") -> None:
        data = (json.dumps(body, ensure_ascii=False) if isinstance(body, dict) else body).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def do_GET(self):
        state = self.state
        with state.lock:
            listing = {"state": state.describe(), "messages": list(state.messages), "requests": list(state.log)}
        if self.path.startswith("/_messages"):
            return self._answer(200, listing)
        if self.path in ("/", ""):
            return self._answer(200, _page(listing), "text/html; charset=utf-8")
        return self._answer(404, {"error": "không có trang này"})

    def do_POST(self):
        state = self.state
        if self.path == "/_control":
            try:
                settings = json.loads(self._body() or b"{}")
            except ValueError:
                return self._answer(400, {"error": "nội dung không phải JSON"})
            return self._answer(200, state.control(settings))
        if self.path != "/dossiers":
            return self._answer(404, {"error": "không có địa chỉ này"})
        body = self._body()
        with state.lock:
            state.requests += 1
            number = state.requests
            down = time.monotonic() < state.down_until
            stall = state.stall_until - time.monotonic()
            fail = state.fail_every > 0 and number % state.fail_every == 0
            slow = state.slow_seconds
        key = self.headers.get("Idempotency-Key", "")
        with state.lock:
            state.in_flight.append(key)
        try:
            self._receive(state, key, body, number, down, stall, fail, slow)
        finally:
            with state.lock:
                state.in_flight.remove(key)

    def _receive(self, state, key, body, number, down, stall, fail, slow):
        if down:
            self._log(key, 0)
            self.close_connection = True  # no answer at all: the client sees the connection dropped
            return
        # Hang while the stall lasts (a new control may end it early or extend it).
        while stall > 0 and time.monotonic() < state.stall_until:
            time.sleep(0.05)
        if slow > 0:
            time.sleep(slow)
        if self.headers.get("Authorization", "") != f"Bearer {state.token}":
            return self._reply(key, 401, {"error": "sai mã truy cập (Bearer token)"})
        if not key:
            return self._reply(key, 400, {"error": "thiếu tiêu đề Idempotency-Key"})
        if fail:
            return self._reply(key, 503, {"error": f"lỗi giả lập: yêu cầu thứ {number}"})
        try:
            payload = json.loads(body)
        except ValueError:
            return self._reply(key, 400, {"error": "nội dung không phải JSON"})
        with state.lock:
            duplicate = key in state.keys
            if not duplicate:
                state.keys.add(key)
                state.messages.append({"key": key, "received": time.time(), "payload": payload})
        self._reply(key, 200, {"key": key, "duplicate": duplicate})

    def _log(self, key: str, status: int) -> None:
        with self.state.lock:
            self.state.log.append({"key": key, "status": status})

    def _reply(self, key: str, status: int, body: dict) -> None:
        self._log(key, status)
        self._answer(status, body)


def _page(listing: dict) -> str:
    rows = "".join(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td></tr>".format(
            n,
            html.escape(str(m["payload"].get("MaHoSo", ""))),
            html.escape(str(m["payload"].get("TrangThaiHoSo", ""))),
            html.escape(m["key"]),
        )
        for n, m in enumerate(reversed(listing["messages"][-500:]), start=1)
    )
    state = html.escape(json.dumps(listing["state"], ensure_ascii=False))
    return (
        '<!doctype html><html lang="vi"><meta charset="utf-8"><title>Cổng DVC quốc gia (giả lập)</title>'
        "<h1>Cổng Dịch vụ công quốc gia — giả lập</h1>"
        f"<p>Trạng thái: <code>{state}</code></p>"
        "<table border=1 cellpadding=4><tr><th>#</th><th>Mã hồ sơ</th><th>Trạng thái</th><th>Idempotency-Key</th></tr>"
        f"{rows}</table></html>"
    )


def make_server(addr: str, token: str, fail_every: int = 0, slow_seconds: float = 0.0) -> ThreadingHTTPServer:
    """Build (bound, not yet serving) a simulator on "host:port" (port 0: any free port)."""
    host, _, port = addr.rpartition(":")
    state = PortalState(token=token, fail_every=fail_every, slow_seconds=slow_seconds)
    handler = type("BoundHandler", (Handler,), {"state": state})
    server = ThreadingHTTPServer((host or "127.0.0.1", int(port)), handler)
    server.daemon_threads = True
    server.state = state  # type: ignore[attr-defined]
    return server


def start_for_demo(addr: str = "127.0.0.1:8765", token: str = "demo-portal-token") -> dict:
    """Start `motcua portal-sim` beside the demo and point this process's settings at it.

    Returns the environment for the demo's other processes (its worker), with
    MOTCUA_PORTAL_URL and MOTCUA_PORTAL_TOKEN set. The simulator stops when the demo exits.
    """
    import os

    from django.conf import settings

    from motcua.ops.sidecar import start_sidecar

    url = f"http://{addr}"
    start_sidecar(["portal-sim", "--addr", addr, "--token", token], f"{url}/_messages")
    settings.MOTCUA_PORTAL_URL, settings.MOTCUA_PORTAL_TOKEN = url, token
    return {**os.environ, "MOTCUA_PORTAL_URL": url, "MOTCUA_PORTAL_TOKEN": token}
