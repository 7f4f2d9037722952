"""`motcua report build` and `report appendix --format docx`: files, default names, signing and user errors."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from docx import Document

from motcua.reports.indicators import VALUE_CODES
from tests.embedded import migrated_home

from .test_signing import PASSWORD, make_p12, validate

WHERE = ["--unit", "16003", "--period", "2023-Q2"]


def report(*args) -> str:
    out = io.StringIO()
    call_command("report", *args, stdout=out)
    return out.getvalue().strip()


@pytest.mark.django_db
def test_build_docx_with_the_default_name(scenario, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    printed = report("build", *WHERE)
    target = tmp_path / "bao-cao-cchc-16003-2023-Q2.docx"
    assert Path(printed) == target
    paragraphs = [p.text for p in Document(target).paragraphs]
    assert "BÁO CÁO" in paragraphs and "Phụ lục 01b" in paragraphs


@pytest.mark.django_db
def test_build_signed_pdf(scenario, tmp_path, monkeypatch):
    cert = make_p12(tmp_path / "ubnd.p12")
    monkeypatch.setenv("MOTCUA_SIGN_PASSWORD", PASSWORD)
    target = tmp_path / "bao-cao.pdf"
    assert report("build", *WHERE, "--format", "pdf", "--sign", str(tmp_path / "ubnd.p12"), "-o", str(target)) == str(
        target
    )
    signature, status = validate(target.read_bytes(), cert)
    assert status.intact and status.valid and status.bottom_line
    assert signature.sig_object["/Location"] == "Hoằng Lưu"


@pytest.mark.django_db
def test_appendix_docx(scenario, tmp_path):
    target = tmp_path / "phu-luc.docx"
    assert report("appendix", *WHERE, "--format", "docx", "-o", str(target)) == (
        f"đã ghi phụ lục 01b của Xã Hoằng Lưu kỳ 2023-Q2 vào {target}"
    )
    doc = Document(target)
    codes = {row.cells[0].text for row in doc.tables[0].rows}
    assert set(VALUE_CODES) <= codes
    row = next(r for r in doc.tables[0].rows if r.cells[0].text == "3.3.1")
    assert [c.text for c in row.cells[1:4]] == ["Số lượng hồ sơ đã tiếp nhận", "Số lượng hồ sơ", "10"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "args, env, message",
    [
        (["--unit", "99999", "--period", "2023-Q2"], None, "không tìm thấy đơn vị có mã 99999"),
        (["--unit", "16003", "--period", "2023-Q5"], None, "kỳ báo cáo không hợp lệ"),
        ([*WHERE, "--sign", "{tmp}/ubnd.p12"], PASSWORD, "chỉ ký số được báo cáo định dạng pdf"),
        ([*WHERE, "--format", "pdf", "--sign", "{tmp}/khong-co.p12"], PASSWORD, "không tìm thấy tệp chứng thư số"),
        ([*WHERE, "--format", "pdf", "--sign", "{tmp}/ubnd.p12"], "sai-mat-khau", "sai mật khẩu"),
        ([*WHERE, "--format", "pdf", "--sign", "{tmp}/ubnd.p12"], None, "chưa đặt biến môi trường MOTCUA_SIGN_PASSWORD"),
    ],
)
def test_user_errors(scenario, tmp_path, monkeypatch, args, env, message):
    make_p12(tmp_path / "ubnd.p12")
    monkeypatch.chdir(tmp_path)
    if env is None:
        monkeypatch.delenv("MOTCUA_SIGN_PASSWORD", raising=False)
    else:
        monkeypatch.setenv("MOTCUA_SIGN_PASSWORD", env)
    with pytest.raises(CommandError, match=message):
        report("build", *[a.format(tmp=tmp_path) for a in args])
    assert list(tmp_path.glob("bao-cao-*")) == []


def test_exit_status_and_one_line_message(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "MOTCUA_SIGN_PASSWORD")}
    env["MOTCUA_HOME"] = str(migrated_home(tmp_path))
    result = subprocess.run(
        [sys.executable, "-m", "motcua", "report", "build", *WHERE, "--format", "pdf", "--sign", "x.p12"],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=180,
    )
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.strip() == "CommandError: không tìm thấy đơn vị có mã 16003"
