"""Settings declared once (motcua/settings.py), documented in the README, no public secret key, JSON logs."""

import json
import re
import stat
import subprocess
import sys

from django.conf import settings

from tests.ops.helpers import ROOT, child_env, motcua

PACKAGE = ROOT / "motcua"
SETTINGS_FILE = PACKAGE / "settings.py"


def python_sources():
    return [p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts]


def test_no_motcua_setting_is_read_with_a_default_outside_settings():
    pattern = re.compile(r"getattr\(\s*settings\s*,\s*[\"']MOTCUA_")
    environ = re.compile(r"environ(?:\.get\(|\[)\s*[\"']MOTCUA_")
    offenders = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in python_sources()
        for n, line in enumerate(p.read_text().splitlines(), 1)
        if pattern.search(line) or (p != SETTINGS_FILE and environ.search(line))
    ]
    assert offenders == []


def test_every_motcua_setting_the_code_reads_is_declared():
    read = {m for p in python_sources() for m in re.findall(r"settings\.(MOTCUA_[A-Z0-9_]+)", p.read_text())}
    assert {"MOTCUA_MAX_UPLOAD_MB", "MOTCUA_PUBLIC_CHECK_LIMIT", "MOTCUA_MAX_LOAD_MB"} <= read
    assert sorted(name for name in read if not hasattr(settings, name)) == []


def test_every_environment_variable_is_in_the_readme_table():
    declared = set(re.findall(r"[\"'](MOTCUA_[A-Z0-9_]+)[\"']", SETTINGS_FILE.read_text())) | {"DATABASE_URL"}
    readme = (ROOT / "README.md").read_text()
    rows = set(re.findall(r"^\| `(MOTCUA_[A-Z0-9_]+|DATABASE_URL)` \|", readme, re.M))
    assert {"MOTCUA_SECRET_KEY", "MOTCUA_SERVE_WORKERS", "MOTCUA_LOG_FORMAT", "MOTCUA_PUBLIC_CHECK_LIMIT"} <= declared
    assert sorted(declared - rows) == []


def test_bad_values_are_refused_in_one_line_naming_the_variable(tmp_path):
    for name, value in [("MOTCUA_SERVE_WORKERS", "nhiều"), ("MOTCUA_SERVE_TIMEOUT", "0"), ("MOTCUA_LOG_FORMAT", "xml")]:
        result = motcua("check", env=child_env(tmp_path, **{name: value}), check=False)
        assert result.returncode == 1
        assert result.stderr.count("\n") == 1 and f"{name}={value!r}" in result.stderr


def read_key(env) -> str:
    code = "import django; django.setup(); from django.conf import settings; print(settings.SECRET_KEY)"
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout.strip()


def test_without_a_key_each_data_directory_generates_its_own_kept_0600(tmp_path):
    env = child_env(tmp_path / "a", DJANGO_SETTINGS_MODULE="motcua.settings")
    first, again = read_key(env), read_key(env)
    other = read_key(child_env(tmp_path / "b", DJANGO_SETTINGS_MODULE="motcua.settings"))
    assert first == again and first != other and len(first) >= 50
    key_file = tmp_path / "a" / "secret_key"
    assert key_file.read_text().strip() == first
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "a").stat().st_mode) == 0o700
    # No key is written into the code.
    assert first not in SETTINGS_FILE.read_text()
    assert not re.search(r"SECRET_KEY\s*=\s*[\"']", SETTINGS_FILE.read_text())


def test_a_given_key_is_used_and_nothing_is_generated(tmp_path):
    env = child_env(tmp_path, DJANGO_SETTINGS_MODULE="motcua.settings", MOTCUA_SECRET_KEY="given-" + "x" * 50)
    assert read_key(env) == "given-" + "x" * 50
    assert not (tmp_path / "secret_key").exists()


def test_the_embedded_database_is_private_to_its_owner(tmp_path):
    home = tmp_path / "new-home"
    motcua("migrate", "--verbosity", "0", env=child_env(home))
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE((home / "motcua.sqlite3").stat().st_mode) == 0o600


LOG = (
    "import django, logging; django.setup(); "
    "logging.getLogger('motcua.thu').warning('Hồ sơ %s\\ntrễ hạn', 'H56.20.03-230605-0001')"
)


def log_output(env) -> str:
    return subprocess.run([sys.executable, "-c", LOG], env=env, capture_output=True, text=True, check=True).stderr


def test_json_log_format_writes_one_object_per_line(tmp_path):
    out = log_output(child_env(tmp_path, DJANGO_SETTINGS_MODULE="motcua.settings", MOTCUA_LOG_FORMAT="json"))
    lines = out.strip().splitlines()
    assert len(lines) == 1
    entry = json.loads(lines[0])
    assert (entry["level"], entry["logger"], entry["message"]) == ("WARNING", "motcua.thu", "Hồ sơ H56.20.03-230605-0001\ntrễ hạn")
    assert entry["time"].endswith("+00:00")


def test_text_log_format_and_level(tmp_path):
    out = log_output(child_env(tmp_path, DJANGO_SETTINGS_MODULE="motcua.settings"))
    assert "WARNING motcua.thu: Hồ sơ H56.20.03-230605-0001" in out
    quiet = log_output(child_env(tmp_path, DJANGO_SETTINGS_MODULE="motcua.settings", MOTCUA_LOG_LEVEL="ERROR"))
    assert quiet == ""
