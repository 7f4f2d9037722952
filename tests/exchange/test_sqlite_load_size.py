"""On SQLite a load holds the one write lock for its whole length: above a size it is refused, pointing to PostgreSQL."""

import os
import subprocess
import sys

import pytest
from django.db import connection

from motcua.exchange.loading import load_file, load_jsonl
from tests.embedded import migrated_home
from tests.exchange.conftest import MIN_DOSSIER, counts, dossier, lines

pytestmark = pytest.mark.django_db

ON_SQLITE = connection.vendor == "sqlite"


def four_dossiers():
    return [dossier(MIN_DOSSIER, code=f"H56.20.03-230412-{n:04d}") for n in range(1, 5)]


@pytest.mark.skipif(not ON_SQLITE, reason="the cap is SQLite's")
def test_a_load_above_the_cap_is_refused_on_sqlite_and_writes_nothing(catalog, settings, tmp_path):
    settings.MOTCUA_SQLITE_MAX_LOAD_LINES = 3
    before = counts()
    for report in (
        load_jsonl("dossiers", lines(*four_dossiers())),
        load_file("dossiers", _write(tmp_path / "bon.jsonl", four_dossiers())),
    ):
        assert report.errors == [
            (
                4,
                "tệp có hơn 3 dòng: trên SQLite một lần nạp lớn giữ khóa ghi của cả cơ sở dữ liệu và làm việc tiếp nhận "
                "ở bộ phận một cửa bị lỗi «database is locked»; hãy nạp vào PostgreSQL (DATABASE_URL) hoặc chia nhỏ tệp",
            )
        ]
        assert report.summary() == "không nạp gì: 1 dòng có lỗi"
        assert counts() == before


def test_a_load_within_the_cap_goes_through(catalog, settings):
    settings.MOTCUA_SQLITE_MAX_LOAD_LINES = 4
    report = load_jsonl("dossiers", lines(*four_dossiers()))
    assert report.ok, report.error_lines() and report.created == 4


@pytest.mark.skipif(ON_SQLITE, reason="PostgreSQL has no such cap")
def test_postgresql_has_no_cap(catalog, settings):
    settings.MOTCUA_SQLITE_MAX_LOAD_LINES = 3
    assert load_jsonl("dossiers", lines(*four_dossiers())).created == 4


def test_the_command_refuses_with_one_line_and_status_1(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(MOTCUA_HOME=str(migrated_home(tmp_path / "home")), MOTCUA_SQLITE_MAX_LOAD_LINES="2")
    path = _write(tmp_path / "don-vi.jsonl", [{"code": "x"}] * 3)
    done = subprocess.run([sys.executable, "-m", "motcua", "load", "units", path], capture_output=True, text=True, env=env, timeout=180)
    assert done.returncode == 1
    assert done.stderr.splitlines()[0].startswith("line 3: tệp có hơn 2 dòng: trên SQLite")
    assert "PostgreSQL" in done.stderr


def _write(path, objs):
    path.write_text("\n".join(lines(*objs)) + "\n", encoding="utf-8")
    return str(path)
