"""Start the test provider on a free port in a subprocess; stop it after the test."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STARTUP_SECONDS = 60


@dataclass
class Provider:
    url: str  # the issuer, e.g. http://127.0.0.1:PORT/openid
    client_id: str
    client_secret: str

    def settings(self) -> dict:
        """The relying party's settings (mozilla-django-oidc's names, as motcua/settings.py maps MOTCUA_OIDC_*)."""
        return {
            "OIDC_RP_CLIENT_ID": self.client_id,
            "OIDC_RP_CLIENT_SECRET": self.client_secret,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{self.url}/authorize",
            "OIDC_OP_TOKEN_ENDPOINT": f"{self.url}/token",
            "OIDC_OP_USER_ENDPOINT": f"{self.url}/userinfo",
            "OIDC_OP_JWKS_ENDPOINT": f"{self.url}/jwks",
            "OIDC_RP_SIGN_ALGO": "RS256",
            "OIDC_RP_SCOPES": "openid profile",
        }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_provider(workdir: Path, redirect_uri: str, users: list[tuple[str, str, str]]):
    """Prepare and run the provider with its (user name, password, name) users; yield a Provider once its discovery document answers."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.oidc_provider.settings",
        "OIDC_TEST_PROVIDER_DB": str(workdir / "provider.sqlite3"),
        "PYTHONPATH": str(ROOT),
    }
    client_id, client_secret = "motcua-test", "motcua-test-secret"
    subprocess.run(
        [sys.executable, "-m", "tests.oidc_provider.prepare", redirect_uri, client_id, client_secret, *(":".join(u) for u in users)],
        cwd=ROOT, env=env, check=True, capture_output=True,
    )
    port = _free_port()
    log = open(workdir / "provider.log", "w")
    process = subprocess.Popen(
        [sys.executable, "-m", "django", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/openid"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                with urllib.request.urlopen(f"{url}/.well-known/openid-configuration", timeout=5) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the test OIDC provider did not start: {(workdir / 'provider.log').read_text()}")
                time.sleep(0.2)
        yield Provider(url, client_id, client_secret)
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()
