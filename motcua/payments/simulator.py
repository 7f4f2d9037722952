"""A small payment gateway for the demo and the tests: `motcua payment-sim` (a real HTTP server, standard library only).

It speaks the protocol of motcua.payments.gateway. A payment it creates waits
until someone decides it: the citizen on its page (`GET /pay/{id}`, buttons
"confirm" and "fail"), or a test with `POST /pay/{id}/confirm` or `/fail` and
`?redirect=0`. Deciding calls the payment's `callback_url` (signed, best
effort: motcua also polls `GET /payments/{id}` when the browser returns) and
sends the browser back to `return_url`. Payments live in memory.
"""

from __future__ import annotations

import html
import json
import re
import threading
import urllib.error
import urllib.request
import uuid
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from motcua.payments.gateway import SIGNATURE_HEADER, sign, signature_ok

_DECIDE = re.compile(r"^/pay/([0-9a-f]{32})/(confirm|fail)$")
_PAGE = re.compile(r"^/pay/([0-9a-f]{32})$")
_STATUS = re.compile(r"^/payments/([0-9a-f]{32})$")


class Simulator(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, secret: str = ""):
        super().__init__(address, _Handler)
        self.secret = secret
        self.payments: dict[str, dict] = {}
        self.lock = threading.Lock()

    @property
    def base_url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"


class _Handler(BaseHTTPRequestHandler):
    server: Simulator

    # ------------------------------------------------------------ helpers
    def _json(self, status: int, obj) -> None:
        body = json.dumps(obj, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _public(self, p: dict) -> dict:
        return {"id": p["id"], "reference": p["reference"], "amount": p["amount"], "status": p["status"]}

    # ------------------------------------------------------------ routes
    def do_POST(self):
        path, _, query = self.path.partition("?")
        if path == "/payments":
            return self._create()
        match = _DECIDE.match(path)
        if match:
            return self._decide(match.group(1), match.group(2), redirect="redirect=0" not in query)
        self._json(HTTPStatus.NOT_FOUND, {"error": "not found"})

    def do_GET(self):
        path = self.path.partition("?")[0]
        match = _STATUS.match(path)
        if match:
            p = self.server.payments.get(match.group(1))
            return self._json(HTTPStatus.OK, self._public(p)) if p else self._json(HTTPStatus.NOT_FOUND, {"error": "not found"})
        match = _PAGE.match(path)
        if match and match.group(1) in self.server.payments:
            return self._page(self.server.payments[match.group(1)])
        self._json(HTTPStatus.NOT_FOUND, {"error": "not found"})

    def _create(self):
        raw = self._body()
        if not signature_ok(raw, self.headers.get(SIGNATURE_HEADER, ""), self.server.secret):
            return self._json(HTTPStatus.FORBIDDEN, {"error": "bad signature"})
        try:
            body = json.loads(raw)
            amount = int(body["amount"])
            fields = {k: str(body[k]) for k in ("reference", "return_url", "callback_url")}
        except (ValueError, KeyError, TypeError):
            return self._json(HTTPStatus.BAD_REQUEST, {"error": "bad request"})
        pid = uuid.uuid4().hex
        payment = {"id": pid, "amount": amount, "status": "pending", "description": str(body.get("description", "")), **fields}
        with self.server.lock:
            self.server.payments[pid] = payment
        self._json(HTTPStatus.CREATED, {"id": pid, "pay_url": f"{self.server.base_url}/pay/{pid}"})

    def _decide(self, pid: str, verdict: str, redirect: bool):
        with self.server.lock:
            p = self.server.payments.get(pid)
            if p is None:
                return self._json(HTTPStatus.NOT_FOUND, {"error": "not found"})
            if p["status"] == "pending":
                p["status"] = "paid" if verdict == "confirm" else "failed"
        self._callback(p)
        if redirect:
            self.send_response(HTTPStatus.SEE_OTHER)
            self.send_header("Location", p["return_url"])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        return self._json(HTTPStatus.OK, self._public(p))

    def _callback(self, p: dict) -> None:
        data = json.dumps(self._public(p), ensure_ascii=False).encode("utf-8")
        request = urllib.request.Request(p["callback_url"], data=data, method="POST")
        request.add_header("Content-Type", "application/json; charset=utf-8")
        if self.server.secret:
            request.add_header(SIGNATURE_HEADER, sign(data, self.server.secret))
        try:
            urllib.request.urlopen(request, timeout=10).close()
        except (urllib.error.URLError, OSError) as error:
            # Best effort: motcua asks GET /payments/{id} when the browser comes back.
            self.log_message("callback to %s failed: %s", p["callback_url"], error)

    def _page(self, p: dict):
        amount = f"{p['amount']:,}".replace(",", ".")
        pid = html.escape(p["id"])
        body = f"""<!doctype html><html lang="vi"><meta charset="utf-8"><title>Cổng thanh toán (mô phỏng)</title>
<body style="font-family:sans-serif;max-width:40rem;margin:2rem auto">
<h1>Cổng thanh toán (mô phỏng)</h1>
<p>{html.escape(p['description'])}</p>
<p>Số tiền: <strong class="sim-amount">{amount} đ</strong> — trạng thái: <span class="sim-status">{html.escape(p['status'])}</span></p>
<form method="post" action="/pay/{pid}/confirm" style="display:inline"><button type="submit">Xác nhận thanh toán</button></form>
<form method="post" action="/pay/{pid}/fail" style="display:inline"><button type="submit">Thanh toán không thành công</button></form>
</body></html>""".encode("utf-8")
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(host: str = "127.0.0.1", port: int = 8766, secret: str = "", ready=None) -> None:
    """Serve the simulator until interrupted; `ready(base_url)` is called once it listens."""
    server = Simulator((host, port), secret)
    if ready is not None:
        ready(server.base_url)
    try:
        server.serve_forever()
    finally:
        server.server_close()


def start_for_demo(host: str = "127.0.0.1", port: int = 8766, public_url: str = "", secret: str = "demo-payment-secret") -> dict:
    """Start `motcua payment-sim` beside the demo and point this process's settings at it.

    Returns the environment for the demo's other processes (its worker) with the gateway's URL and
    secret; the citizen's browser comes back to `public_url` (the demo's own server). The simulator
    stops when the demo exits.
    """
    import os

    from django.conf import settings

    from motcua.ops.sidecar import start_sidecar

    env = {**os.environ, "MOTCUA_PAYMENT_GATEWAY_SECRET": secret}
    url = f"http://{host}:{port}"
    start_sidecar(["payment-sim", "--host", host, "--port", str(port)], url + "/", env=env)
    settings.MOTCUA_PAYMENT_GATEWAY_URL, settings.MOTCUA_PAYMENT_GATEWAY_SECRET = url, secret
    if public_url:
        settings.MOTCUA_PUBLIC_URL = public_url
    return {
        "MOTCUA_PAYMENT_GATEWAY_URL": url,
        "MOTCUA_PAYMENT_GATEWAY_SECRET": secret,
        **({"MOTCUA_PUBLIC_URL": public_url} if public_url else {}),
    }
