"""`motcua report appendix`: the exchange.md JSON shape, files, formats and exit statuses."""

import io
import json
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from motcua.reports.indicators import VALUE_CODES
from tests.embedded import migrated_home

from .scenario import EXPECTED_A


def appendix(*args) -> str:
    out = io.StringIO()
    call_command("report", "appendix", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_json_shape(scenario):
    text = appendix("--unit", "16003", "--period", "2023-Q2")
    assert text.endswith("}\n") and text.count("\n") == 1
    assert "Xã Hoằng Lưu" in text  # ensure_ascii=False
    data = json.loads(text)
    assert list(data) == ["unit", "period", "values", "checks"]
    assert data["unit"] == {"code": "16003", "name": "Xã Hoằng Lưu"}
    assert data["period"] == {"label": "2023-Q2", "start": "2023-04-01", "end": "2023-06-30"}
    assert list(data["values"]) == list(VALUE_CODES)
    assert {code: data["values"][code] for code in EXPECTED_A} == EXPECTED_A
    assert data["values"]["1.1.1"] is None  # not entered
    assert '"3.2.4": 75.0' in text and '"3.3.1": 10,' in text
    assert data["checks"] == []


@pytest.mark.django_db
def test_format_json_is_the_default_and_explicit(scenario):
    assert appendix("--unit", "388", "--period", "2023-Q2", "--format", "json") == appendix(
        "--unit", "388", "--period", "2023-Q2"
    )


@pytest.mark.django_db
def test_output_file(scenario, tmp_path):
    target = tmp_path / "phu-luc.json"
    message = appendix("--unit", "16003", "--period", "2023-Q2", "-o", str(target))
    assert message.strip() == f"đã ghi phụ lục 01b của Xã Hoằng Lưu kỳ 2023-Q2 vào {target}"
    assert target.read_text(encoding="utf-8") == appendix("--unit", "16003", "--period", "2023-Q2")


@pytest.mark.django_db
def test_entered_values_appear(scenario):
    call_command("report", "set", "--unit", "16003", "--period", "2023-Q2", "1.1.1=28", "7.6=1", stdout=io.StringIO())
    values = json.loads(appendix("--unit", "16003", "--period", "2023-Q2"))["values"]
    assert (values["1.1.1"], values["7.6"]) == (28, 1)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "args, message",
    [
        (["--unit", "99999", "--period", "2023-Q2"], "không tìm thấy đơn vị có mã 99999"),
        (["--unit", "16003", "--period", "2023-Q9"], "kỳ báo cáo không hợp lệ"),
        (["--unit", "16003", "--period", "2023-Q2", "--format", "xlsx"], "định dạng xlsx cần tệp ghi ra"),
        (["--unit", "16003", "--period", "2023-Q2", "--format", "docx"], "định dạng docx cần tệp ghi ra"),
    ],
)
def test_user_errors(scenario, args, message):
    with pytest.raises(CommandError, match=message):
        appendix(*args)


def motcua(*args, home):
    if not (home / "motcua.sqlite3").exists():
        migrated_home(home)
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["MOTCUA_HOME"] = str(home)
    return subprocess.run([sys.executable, "-m", "motcua", *args], capture_output=True, text=True, env=env, timeout=180)


def test_exit_statuses(tmp_path):
    # An empty embedded database in its own MOTCUA_HOME.
    result = motcua("report", "appendix", "--unit", "16003", "--period", "2023-Q2", home=tmp_path)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.strip() == "CommandError: không tìm thấy đơn vị có mã 16003"
    result = motcua("report", "appendix", "--unit", "16003", "--period", "2023-Q2", "--format", "docx", home=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == "CommandError: định dạng docx cần tệp ghi ra: thêm -o TỆP.docx"
    result = motcua("report", "set", "--unit", "16003", "--period", "2023-Q2", "1.1.1=1", home=tmp_path)
    assert result.returncode == 1
    for bad in (["report", "appendix", "--unit", "16003"], ["report", "appendix", "--unit", "1", "--period", "2023",
                "--format", "pdf"], ["report", "set", "--unit", "1", "--period", "2023"], ["report"]):
        assert motcua(*bad, home=tmp_path).returncode == 2, bad


@pytest.mark.django_db
def test_period_follows_the_deployment_calendar(scenario, settings):
    settings.MOTCUA_PERIOD_CALENDAR = "cutoff"
    data = json.loads(appendix("--unit", "16003", "--period", "2023-Q2"))
    assert data["period"] == {"label": "2023-Q2", "start": "2023-03-15", "end": "2023-06-14"}
    # 15 Mar – 14 Jun: D8 (20 Mar) joins; D7 (20 Jun) and D11 (25 Jun) leave.
    assert data["values"]["3.3.1"] == 9
    assert data["checks"] == []
