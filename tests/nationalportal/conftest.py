"""The national portal simulator (motcua.nationalportal.simulator) served from a thread of the test process."""

import json
import threading
import urllib.request

import pytest

from motcua.nationalportal.simulator import make_server

TOKEN = "bi-mat-cua-cong"


class Sim:
    def __init__(self, server):
        self.server = server
        host, port = server.server_address[:2]
        self.url = f"http://{host}:{port}"

    def control(self, **settings) -> dict:
        request = urllib.request.Request(f"{self.url}/_control", data=json.dumps(settings).encode(), method="POST")
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())

    def listing(self) -> dict:
        with urllib.request.urlopen(f"{self.url}/_messages", timeout=10) as response:
            return json.loads(response.read())


@pytest.fixture
def sim(settings):
    server = make_server("127.0.0.1:0", TOKEN)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    s = Sim(server)
    settings.MOTCUA_PORTAL_URL = s.url
    settings.MOTCUA_PORTAL_TOKEN = TOKEN
    settings.MOTCUA_PORTAL_TIMEOUT = 2
    settings.MOTCUA_PORTAL_RETRIES = 4
    settings.MOTCUA_PORTAL_RETRY_SECONDS = 0
    yield s
    server.shutdown()
    server.server_close()
