"""Fixtures of the notice tests: the desk's commune and staff, tasks run at once, console SMS, locmem mail."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.desk.conftest import desk  # noqa: F401
from tests.jobs.work import IMMEDIATE

PUBLIC = "https://dichvucong.example.vn"
APPLICANT = {
    "kind": "citizen",
    "name": "Nguyễn Văn A",
    "id_number": "038090001234",
    "phone": "0912345678",
    "email": "nguyenvana@example.vn",
    "address": "Thôn 3, xã Hoằng Lưu",
}


@pytest.fixture(autouse=True)
def notice_settings(settings):
    from motcua.portal.senders import ConsoleSmsSender

    settings.TASKS = IMMEDIATE
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MOTCUA_SMS_BACKEND = "motcua.portal.senders.ConsoleSmsSender"
    settings.MOTCUA_PUBLIC_URL = PUBLIC
    settings.MOTCUA_NOTICE_ATTEMPTS = 3
    settings.MOTCUA_NOTICE_RETRY_SECONDS = 60
    ConsoleSmsSender.outbox.clear()
    yield settings
    ConsoleSmsSender.outbox.clear()


class SmsGateway:
    """A local stand-in for the province's SMS gateway: answers every POST with `status`, keeps what it got."""

    def __init__(self, status=500):
        self.status = status
        self.requests: list[dict] = []
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                gateway.requests.append(
                    {"path": self.path, "auth": self.headers.get("Authorization"), "json": json.loads(body.decode("utf-8"))}
                )
                self.send_response(gateway.status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/sms/send"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def gateway(settings):
    with SmsGateway() as gw:
        settings.MOTCUA_SMS_BACKEND = "motcua.notices.sms.HttpSmsSender"
        settings.MOTCUA_SMS_HTTP_URL = gw.url
        settings.MOTCUA_SMS_HTTP_TOKEN = "bi-mat"
        settings.MOTCUA_SMS_HTTP_TIMEOUT = 5
        yield gw
