"""The console command: settings preset, schema created on first use, exit statuses."""

import json
import os
import subprocess
import sys


def run_motcua(*args, home):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["MOTCUA_HOME"] = str(home)
    return subprocess.run([sys.executable, "-m", "motcua", *args], capture_output=True, text=True, env=env, timeout=120)


def test_first_command_creates_the_embedded_database(tmp_path):
    home = tmp_path / "data"
    result = run_motcua("dumpdata", "units.UnitLevel", home=home)
    assert result.returncode == 0, result.stderr
    assert (home / "motcua.sqlite3").exists()
    levels = [row["fields"]["code"] for row in json.loads(result.stdout)]
    assert levels == ["province", "district", "commune"]


def test_unknown_command_is_reported(tmp_path):
    result = run_motcua("no-such-command", home=tmp_path)
    assert result.returncode == 1
    assert "Unknown command" in result.stderr
