"""Run the real `motcua` console command in a child process with an environment of its own."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MOTCUA = [sys.executable, "-m", "motcua"]
# A test key (never used outside these tests' throw-away data directories).
TEST_KEY = "ops-tests-" + "k" * 60


def child_env(home: Path, **extra: str) -> dict[str, str]:
    """The parent's environment without any MOTCUA_* or DATABASE_URL, plus a data directory and `extra`."""
    # Nor the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE: no production server runs with it (check --deploy refuses it).
    dropped = {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if not k.startswith("MOTCUA_") and k not in dropped}
    env.update(MOTCUA_HOME=str(home), PYTHONPATH=str(ROOT), **extra)
    return env


def motcua(*args: str, env: dict[str, str], check: bool = True, timeout: float = 600) -> subprocess.CompletedProcess:
    result = subprocess.run([*MOTCUA, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    if check and result.returncode != 0:
        raise AssertionError(f"motcua {' '.join(args)} → {result.returncode}\n{result.stdout}\n{result.stderr}")
    return result


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_serving(process: subprocess.Popen, url: str, patience: float = 300) -> None:
    """Wait until `url` answers (any HTTP status), failing at once if the server exits."""
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server exited with {process.returncode}: {process.stderr.read()}")
        try:
            urllib.request.urlopen(url, timeout=30).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"{url} did not answer")
