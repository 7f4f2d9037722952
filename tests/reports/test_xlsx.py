"""`report appendix --format xlsx`: the printed table's columns with the same values as the JSON."""

import io
import json

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from motcua.reports.indicators import PRINTED_ROWS

pytestmark = pytest.mark.django_db


def test_workbook_holds_the_table(scenario, tmp_path):
    target = tmp_path / "phu-luc-01b.xlsx"
    where = ["--unit", "16003", "--period", "2023-Q2"]
    call_command("report", "set", *where, "6.1=1", "1.1=252/QĐ-UBND", stdout=io.StringIO())
    out = io.StringIO()
    call_command("report", "appendix", *where, "--format", "xlsx", "-o", str(target), stdout=out)
    assert out.getvalue().strip() == f"đã ghi phụ lục 01b của Xã Hoằng Lưu kỳ 2023-Q2 vào {target}"
    json_out = io.StringIO()
    call_command("report", "appendix", "--unit", "16003", "--period", "2023-Q2", stdout=json_out)
    values = json.loads(json_out.getvalue())["values"]

    sheet = load_workbook(target).active
    assert sheet["A2"].value == "THỐNG KÊ SỐ LIỆU VỀ KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH TẠI XÃ HOẰNG LƯU"
    assert sheet["A3"].value == "Kỳ báo cáo: quý II năm 2023 (từ ngày 01/04/2023 đến ngày 30/06/2023)"
    assert [c.value for c in sheet[5]] == ["STT", "Chỉ tiêu thống kê", "Đơn vị tính", "Số liệu", "Ghi chú"]
    rows = {r[0]: r for r in sheet.iter_rows(min_row=6, max_row=5 + len(PRINTED_ROWS), values_only=True)}
    # The printed table's rows, group headings of the reference report (4.1, 6, 7, 7.2, 7.4, 7.5) included.
    assert list(rows) == [row.code for row in PRINTED_ROWS]
    assert rows["7.5"][1:4] == ("Dịch vụ công trực tuyến", None, None)
    for code, value in values.items():
        assert rows[code][3] == value, code
    assert rows["3.3.1"][1:4] == ("Số lượng hồ sơ đã tiếp nhận", "Số lượng hồ sơ", 10)
    assert rows["1.4.2"][3:] == (2, "Kết hợp")
    assert rows["6.1"][3:] == (1, "Có")
    assert rows["3"][1:4] == ("Cải cách thủ tục hành chính", None, None)


def test_a_typed_text_value_is_written_as_text_not_a_formula(scenario, tmp_path):
    from tests.spreadsheet import formula_cells

    target = tmp_path / "phu-luc-01b.xlsx"
    where = ["--unit", "16003", "--period", "2023-Q2"]
    hostile = "=HYPERLINK(\"http://evil.example\",\"252/QĐ-UBND\")"
    call_command("report", "set", *where, f"1.1={hostile}", stdout=io.StringIO())
    call_command("report", "appendix", *where, "--format", "xlsx", "-o", str(target), stdout=io.StringIO())
    assert formula_cells(target.read_bytes()) == []
    rows = {r[0]: r for r in load_workbook(target).active.iter_rows(min_row=6, values_only=True)}
    assert rows["1.1"][3] == hostile
