"""`motcua report aggregate`: a district workbook with a column per commune, totals and a breach sheet."""

from openpyxl import load_workbook

from tests.extract.documents import CONSISTENT, variant, write_docx, write_pdf

Q2 = dict(period_title="quý II năm 2023", date_line="ngày 05 tháng 7 năm 2023")


def test_two_reports_and_the_seed(motcua_cli, tmp_path, seed_path):
    second = variant(**{"3.3.1": 100, "3.3.1.a": 40, "3.3.1.b": 0, "3.3.1.c": 30, "3.3.1.d": 30, "3.2.4": 50.0})
    first_file = write_docx(tmp_path / "dong.docx", CONSISTENT, unit="Xã Hoằng Đông", place="Hoằng Đông", **Q2)
    second_file = write_pdf(tmp_path / "hai.pdf", second, unit="Xã Hoằng Hải", place="Hoằng Hải", **Q2)
    broken = tmp_path / "hong.pdf"
    broken.write_bytes(b"%PDF-1.4 truncated")
    output = tmp_path / "summary.xlsx"

    done = motcua_cli("report", "aggregate", first_file, second_file, seed_path, broken, "--period", "2023-Q2", "-o", output)

    assert done.returncode == 0, done.stderr
    assert "hong.pdf: tệp PDF bị hỏng" in done.stderr
    book = load_workbook(output)
    sheet = book["Tổng hợp"]
    header = [cell.value for cell in sheet[2]]
    assert header == ["Mã", "Chỉ tiêu", "Đơn vị tính", "Xã Hoằng Đông", "Xã Hoằng Hải", "Xã Hoằng Lưu", "Toàn huyện"]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=3)}
    assert [c.value for c in rows["3.3.1"][3:]] == [410, 100, 602, 1112]
    assert [c.value for c in rows["3.3.1.a"][3:]] == [150, 40, 255, 445]
    # Percentages and flags are not summed.
    assert [c.value for c in rows["3.2.4"][3:]] == [97.5, 50, 100, None]
    assert rows["6.1"][6].value is None
    # The seed's C1 breach fills its cells; the consistent report's stay plain.
    assert rows["3.3.1"][5].fill.fgColor.rgb.endswith("FFC7CE")
    assert rows["3.3.1"][3].fill.fgColor.rgb in (None, "00000000")
    checks = [[c.value for c in row] for row in book["Kiểm tra"].iter_rows(min_row=2)]
    assert ["Xã Hoằng Lưu", "C1", "lỗi", "3.3.1, 3.3.1.a, 3.3.1.b, 3.3.1.c, 3.3.1.d",
            "3.3.1 = 602 nhưng 3.3.1.a + b + c + d = 625"] in checks
    assert not any(row[0] in ("Xã Hoằng Đông", "Xã Hoằng Hải") for row in checks)
    assert any(row[0].endswith("hong.pdf") and row[2] == "không đọc được" for row in checks)


def test_nothing_readable_exits_1(motcua_cli, tmp_path):
    empty = tmp_path / "a.txt"
    empty.write_text("", encoding="utf-8")
    done = motcua_cli("report", "aggregate", empty, "--period", "2023-Q2", "-o", tmp_path / "s.xlsx")
    assert done.returncode == 1
    assert "không đọc được báo cáo nào" in done.stderr
    assert not (tmp_path / "s.xlsx").exists()


def test_report_of_another_period_is_left_out(motcua_cli, tmp_path):
    h1 = write_docx(tmp_path / "h1.docx", CONSISTENT, unit="Xã Hoằng Đông", place="Hoằng Đông",
                    period_title="6 tháng đầu năm 2023", date_line="ngày 05 tháng 7 năm 2023")
    done = motcua_cli("report", "aggregate", h1, "--period", "2023-Q2", "-o", tmp_path / "s.xlsx")
    assert done.returncode == 1
    assert "kỳ báo cáo 2023-H1 khác kỳ tổng hợp 2023-Q2" in done.stderr
