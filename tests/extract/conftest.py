import os
import subprocess
import sys

import pytest

from tests.extract.documents import SEED


@pytest.fixture
def seed_path():
    if not SEED.exists():
        pytest.skip(f"the reference report is not at {SEED} (tests/extract/data)")
    return SEED


@pytest.fixture(scope="session")
def motcua_cli(tmp_path_factory):
    """Run `python -m motcua ARGS…` on the embedded database of a fresh MOTCUA_HOME."""
    home = tmp_path_factory.mktemp("motcua-home")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(MOTCUA_HOME=str(home), PYTHONIOENCODING="utf-8")

    def run(*args):
        return subprocess.run(
            [sys.executable, "-m", "motcua", *map(str, args)], env=env, capture_output=True, text=True, encoding="utf-8"
        )

    return run
