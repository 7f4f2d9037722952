"""`motcua report extract|check FILE`: JSON out, one line per breach, one-line reasons and status 1 for bad files."""

import json

import pytest

from tests.extract.documents import CONSISTENT, write_docx


def test_extract_prints_the_exchange_json(motcua_cli, seed_path):
    done = motcua_cli("report", "extract", seed_path)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert list(result) == ["unit", "period", "values", "figures", "approximate", "statements", "parts", "checks"]
    assert result["values"]["3.3.1"] == 602 and result["values"]["1.4.2"] is None
    # 3.3.1, and nothing carried over stated: the total received; 3.3.1.c + d the online ones.
    assert result["figures"]["received_total"] == 602 and result["figures"]["online_received"] == 370
    assert "Hoằng Lưu" in done.stdout  # ensure_ascii=False


def test_check_lists_every_breach_and_exits_0(motcua_cli, seed_path):
    done = motcua_cli("report", "check", seed_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "C1: 3.3.1 = 602 nhưng 3.3.1.a + b + c + d = 625"
    assert {line.split(":")[0] for line in lines} == {"C1", "C2", "C4", "C6", "C10", "C11"}


def test_check_of_a_consistent_report_prints_nothing(motcua_cli, tmp_path):
    path = write_docx(tmp_path / "ok.docx", CONSISTENT, unit="Xã Hoằng Đông", place="Hoằng Đông",
                      period_title="quý II năm 2023", date_line="ngày 05 tháng 7 năm 2023")
    done = motcua_cli("report", "check", path)
    assert (done.returncode, done.stdout) == (0, ""), done.stderr


def _encrypted_pdf(tmp_path):
    pypdf = pytest.importorskip("pypdf", reason="pypdf makes the encrypted PDF")
    from tests.extract.documents import write_pdf

    plain = write_pdf(tmp_path / "plain.pdf", CONSISTENT, unit="Xã Hoằng Đông", place="Hoằng Đông",
                      period_title="quý II năm 2023", date_line="ngày 05 tháng 7 năm 2023")
    writer = pypdf.PdfWriter(clone_from=str(plain))
    writer.encrypt(user_password="mat-khau", owner_password="chu-so-huu")
    path = tmp_path / "encrypted.pdf"
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


@pytest.mark.parametrize(
    "make,reason",
    [
        (lambda tmp: (tmp / "empty.txt").write_bytes(b"") and None or tmp / "empty.txt", "tệp rỗng"),
        (lambda tmp: (tmp / "noise.bin").write_bytes(bytes(range(256)) * 8) and tmp / "noise.bin", "tệp nhị phân"),
        (lambda tmp: (tmp / "note.txt").write_text("Giấy mời họp\nThời gian: 8h00\n", encoding="utf-8") and tmp / "note.txt",
         "không tìm thấy phụ lục 01b"),
        (_encrypted_pdf, "mã hóa"),
    ],
    ids=["empty", "binary", "not-a-report", "encrypted-pdf"],
)
@pytest.mark.parametrize("action", ["extract", "check"])
def test_bad_file_exits_1_with_one_line(motcua_cli, tmp_path, make, reason, action):
    path = make(tmp_path)
    done = motcua_cli("report", action, path)
    assert done.returncode == 1
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1
    assert reason in done.stderr
