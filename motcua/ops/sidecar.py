"""Simulators started beside the demo: a `motcua` subcommand in a child process, ready once it answers.

The demo runs the national portal simulator (`motcua portal-sim`) and the
payment gateway simulator (`motcua payment-sim`) next to its server. Both are
started the same way: spawn, stop with the demo, and wait (up to `wait`
seconds) until the simulator answers HTTP on `probe_url` — any answer, an
error status included, means it listens.
"""

from __future__ import annotations

import atexit
import subprocess
import sys
import time
import urllib.error
import urllib.request


def start_sidecar(args: list[str], probe_url: str, env: dict | None = None, wait: float = 15.0) -> subprocess.Popen:
    """Run `python -m motcua *args` in a child process that ends with this one; return once it answers."""
    process = subprocess.Popen([sys.executable, "-m", "motcua", *args], env=env)
    atexit.register(lambda: process.poll() is None and process.terminate())
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline and process.poll() is None:
        try:
            urllib.request.urlopen(probe_url, timeout=2).close()
            break
        except urllib.error.HTTPError:
            break  # it answers
        except OSError:
            time.sleep(0.1)
    return process
