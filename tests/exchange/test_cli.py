"""`motcua load` and `motcua export` as a user runs them: exit statuses 0, 1 and 2.

Subprocesses do not see the test database: each uses its own fresh MOTCUA_HOME (embedded SQLite).
"""

import io
import json
import os
import subprocess
import sys

import pytest

from tests.embedded import migrated_home

from .conftest import FULL_DOSSIER, MIN_DOSSIER, PROCEDURES, UNITS, dossier, lines


def motcua(*args, home):
    if not home.exists():
        migrated_home(home)
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["MOTCUA_HOME"] = str(home)
    return subprocess.run([sys.executable, "-m", "motcua", *args], capture_output=True, text=True, env=env, timeout=180)


def write(path, *objs):
    path.write_text("\n".join(lines(*objs)) + "\n", encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("files")
    return {
        "units": write(d / "units.jsonl", *UNITS),
        "procedures": write(d / "procedures.jsonl", *PROCEDURES),
        "dossiers": write(d / "dossiers.jsonl", MIN_DOSSIER, FULL_DOSSIER),
        "bad": write(
            d / "bad.jsonl",
            dossier(MIN_DOSSIER, code="H56.20.03-230412-0003"),
            dossier(MIN_DOSSIER, code="H56.20.03-230412-0004", channel="fax"),
            "{oops",
        ),
    }


def test_load_export_and_load_into_an_empty_database(tmp_path, files):
    home_a, home_b = tmp_path / "a", tmp_path / "b"
    result = motcua("load", "units", files["units"], home=home_a)
    assert (result.returncode, result.stdout.strip()) == (0, "đã nạp 6 đơn vị mới, 0 cập nhật, 0 không đổi"), result.stderr
    result = motcua("load", "procedures", files["procedures"], home=home_a)
    assert (result.returncode, result.stdout.strip()) == (0, "đã nạp 2 thủ tục mới, 0 cập nhật, 0 không đổi"), result.stderr
    result = motcua("load", "dossiers", files["dossiers"], home=home_a)
    assert (result.returncode, result.stdout.strip()) == (0, "đã nạp 2 hồ sơ mới, 0 không đổi"), result.stderr
    result = motcua("load", "dossiers", files["dossiers"], home=home_a)
    assert (result.returncode, result.stdout.strip()) == (0, "đã nạp 0 hồ sơ mới, 2 không đổi"), result.stderr

    exported = motcua("export", "dossiers", "--unit", "38", home=home_a)
    assert exported.returncode == 0, exported.stderr
    assert [json.loads(line)["code"] for line in exported.stdout.splitlines()] == [
        "H56.20.03-230412-0001",
        "H56.20.03-230412-0002",
    ]
    target = tmp_path / "export.jsonl"
    result = motcua("export", "dossiers", "--unit", "388", "--period", "2023-Q2", "-o", str(target), home=home_a)
    assert result.returncode == 0, result.stderr
    assert target.read_text(encoding="utf-8") == exported.stdout

    for kind in ("units", "procedures"):
        assert motcua("load", kind, files[kind], home=home_b).returncode == 0
    result = motcua("load", "dossiers", str(target), home=home_b)
    assert (result.returncode, result.stdout.strip()) == (0, "đã nạp 2 hồ sơ mới, 0 không đổi"), result.stderr
    again = motcua("export", "dossiers", "--unit", "38", home=home_b)
    assert again.stdout == exported.stdout


def test_bad_lines_exit_1_and_are_listed_on_stderr(tmp_path, files):
    home = tmp_path / "h"
    for kind in ("units", "procedures"):
        assert motcua("load", kind, files[kind], home=home).returncode == 0
    result = motcua("load", "dossiers", files["bad"], home=home)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        'line 2: trường "channel" có giá trị không hợp lệ "fax" (cho phép: counter, postal, online_partial, online_full)',
        "line 3: dòng không phải JSON hợp lệ: tên trường phải đặt trong dấu ngoặc kép (cột 2)",
        "không nạp gì: 2 dòng có lỗi",
    ]
    # Nothing of the file was written: line 1 is new on a second, clean try.
    result = motcua("load", "dossiers", files["dossiers"], home=home)
    assert result.stdout.strip() == "đã nạp 2 hồ sơ mới, 0 không đổi"


def test_user_errors_exit_1_and_bad_arguments_exit_2(tmp_path):
    home = tmp_path / "h"
    result = motcua("load", "dossiers", str(tmp_path / "missing.jsonl"), home=home)
    assert result.returncode == 1
    assert f"không tìm thấy tệp {tmp_path / 'missing.jsonl'}" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1

    result = motcua("load", "people", str(tmp_path / "x.jsonl"), home=home)
    assert result.returncode == 2
    assert "invalid choice: 'people'" in result.stderr

    result = motcua("export", "dossiers", "--unit", "99", home=home)
    assert result.returncode == 1
    assert "không tìm thấy đơn vị có mã 99" in result.stderr

    result = motcua("export", "dossiers", home=home)
    assert result.returncode == 2


@pytest.mark.django_db
def test_export_bad_period_exits_1(tmp_path, files):
    home = tmp_path / "h"
    assert motcua("load", "units", files["units"], home=home).returncode == 0
    result = motcua("export", "dossiers", "--unit", "38", "--period", "2023-Q7", home=home)
    assert result.returncode == 1
    assert "kỳ báo cáo không hợp lệ" in result.stderr


@pytest.mark.django_db
def test_load_command_in_process(catalog, tmp_path):
    from django.core.management import call_command

    good = tmp_path / "good.jsonl"
    write(good, FULL_DOSSIER)
    out = io.StringIO()
    call_command("load", "dossiers", str(good), stdout=out)
    assert out.getvalue().strip() == "đã nạp 1 hồ sơ mới, 0 không đổi"

    bad = tmp_path / "bad.jsonl"
    write(bad, dossier(MIN_DOSSIER, channel="fax"))
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("load", "dossiers", str(bad), stdout=io.StringIO(), stderr=err)
    assert exit_info.value.code == 1
    assert err.getvalue().splitlines()[0].startswith('line 1: trường "channel"')
