"""A migrated embedded (SQLite) data directory for tests that run the `motcua` command in a child process.

The first command in a fresh MOTCUA_HOME migrates its database (10–20 s). Tests about something else start
from a copy of one directory migrated once per test session; tests of that first run
(tests/core/test_cli.py) still start from nothing.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

_TEMPLATE: list[Path] = []


def template_home() -> Path:
    """Return this session's migrated data directory (made on first use, removed at exit)."""
    if not _TEMPLATE:
        home = Path(tempfile.mkdtemp(prefix="motcua-home-template-"))
        atexit.register(shutil.rmtree, home, True)
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        env["MOTCUA_HOME"] = str(home)
        subprocess.run(
            [sys.executable, "-m", "motcua", "migrate", "-v", "0"], env=env, check=True, capture_output=True, timeout=600
        )
        _TEMPLATE.append(home)
    return _TEMPLATE[0]


def migrated_home(home: Path) -> Path:
    """Fill `home` (made if missing) with a copy of the session's migrated data directory; return it."""
    shutil.copytree(template_home(), home, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.log"))
    return home
