"""XLSX import and export of every register: a bad row rejects the whole file with its row number."""

import datetime as dt
import io

import pytest
from openpyxl import Workbook, load_workbook

from motcua.reform import models as m
from motcua.reform.actions import do_import_register_rows
from motcua.reform.registers import BY_SLUG, REGISTERS
from motcua.reform.xlsx import export_xlsx, headers, read_import, template_xlsx

from .conftest import D

pytestmark = pytest.mark.django_db

# slug: (a good row, a bad row, the bad row's column, part of its message)
CASES = {
    "ke-hoach": ([2023, "252/QĐ-UBND", "30/12/2022"], [2023, "253/QĐ-UBND", "30/12/2020"], "Ngày ban hành", "năm 2022 hoặc 2023"),
    "nhiem-vu": (
        ["Nhiệm vụ cấp trên giao", 2023, "Báo cáo Đề án 06", "02/03/2023", "CV 12/UBND", "20/03/2023", "Văn phòng", "Đã hoàn thành", "25/03/2023"],
        ["Nhiệm vụ trong kế hoạch", 2023, "Niêm yết", None, None, "20/03/2023", "Văn phòng", "Đã hoàn thành", None],
        "Ngày hoàn thành", "phải có ngày hoàn thành",
    ),
    "van-ban-chi-dao": (["12/KH-UBND", dt.datetime(2023, 2, 1), "Kế hoạch tuyên truyền"], ["13/KH-UBND", "31/02/2023", "x"], "Ngày ban hành", "Ngày không hợp lệ"),
    "kiem-tra": (["Kiểm tra CCHC", "BB-09", "Văn phòng", "05/05/2023", ""], ["Kiểm tra đột xuất", "BB-10", "Văn phòng", "05/05/2023", ""], "Loại kiểm tra", "không có trong danh sách"),
    "van-de-kiem-tra": (["BB-01", "Niêm yết chưa cập nhật", "20/05/2023"], ["BB-01", "Thiếu chữ ký", "01/05/2023"], "Ngày xử lý xong", "không được trước ngày kiểm tra"),
    "ke-hoach-tu-kiem-tra": ([2023, "5/KH-UBND", "10/01/2023", 5], [2023, "6/KH-UBND", "10/01/2023", 0], "Số bộ phận thuộc diện kiểm tra", "lớn hơn 0"),
    "ky-luat": (["Nguyễn Văn A", "Công chức cấp xã", "01/06/2023", "Khiển trách", "Không"], ["Lê Thị B", "Công chức cấp xã", "01/06/2023", "Cảnh cáo", "Chưa rõ"], "Kỷ luật Đảng", "“Có” hoặc “Không”"),
    "dot-khao-sat": (["Đợt 2", "01/07/2023", "30/09/2023"], ["Đợt 3", "01/10/2023", "30/09/2023"], "Đến ngày", "không được trước ngày bắt đầu"),
    "phieu-khao-sat": (["Đợt 1", "10/03/2023", "Phát phiếu", 20, 19], ["Đợt 1", "10/03/2023", "Phát phiếu", 20, 21], "Số phiếu hài lòng", "không được lớn hơn"),
    "hoat-dong": (["Đối thoại của lãnh đạo với người dân, doanh nghiệp", "19/05/2023", "Đối thoại", 80], ["Hội nghị tuyên truyền CCHC", "ngày mai", "Hội nghị", 30], "Ngày tổ chức", "Ngày không hợp lệ"),
    "vbqppl": (["01/NQ", "Nghị quyết", "03/04/2023", "20/04/2023", None, None, None, None], ["02/NQ", "Nghị quyết", "03/04/2023", "01/04/2023", None, None, None, None], "Ngày kiểm tra", "không được trước ngày ban hành"),
    "can-bo": (
        ["Lê Văn Minh", "Công chức", "Văn phòng - Thống kê", "Đại học", "Trung cấp", "01/01/2010", "15/05/2023", "Tinh giản biên chế"],
        ["Lê Thị Hoa", "Công chức", "Tư pháp", "Đại học", "Sơ cấp", "01/01/2010", "15/05/2009", "Nghỉ hưu"],
        "Ngày thôi công tác", "không được trước ngày bắt đầu",
    ),
    "bien-che": ([2023, 22, "QĐ 1/UBND"], [2014, 22, ""], "Năm", "từ 2015"),
    "van-ban-di": (["15/UBND-VP", "02/05/2023", "Báo cáo", "UBND huyện", "Có", "Điện tử (có chữ ký số)"], ["16/UBND-VP", "", "Báo cáo", "UBND huyện", "Có", "Điện tử (có chữ ký số)"], "Ngày văn bản", "bắt buộc"),
}


def xlsx_file(register, rows) -> bytes:
    book = Workbook()
    book.active.append(headers(register))
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def parents(tree):
    m.Inspection.objects.create(unit=tree.a, reference="BB-01", department="Văn phòng", inspected_on=D(2023, 5, 10))
    m.SurveyCampaign.objects.create(unit=tree.a, title="Đợt 1", starts_on=D(2023, 3, 1), ends_on=D(2023, 5, 31))


def test_every_register_has_a_case():
    assert set(CASES) == {r.slug for r in REGISTERS}


@pytest.mark.parametrize("slug", list(CASES))
def test_good_file_imports_and_bad_row_rejects_the_whole_file(people, parents, slug):
    register = BY_SLUG[slug]
    good, bad, column, fragment = CASES[slug]
    before = register.model.objects.count()

    parsed = read_import(register, people.specialist_a.unit, xlsx_file(register, [good, [None], bad]))
    problems = [str(p) for p in parsed.problems]
    assert len(problems) == 1, problems
    # The header is row 1; the bad row is the file's last row (an empty row in between is skipped, not renumbered).
    assert problems[0].startswith(f"Dòng 4, cột “{column}”: ") and fragment in problems[0], problems
    assert register.model.objects.count() == before

    parsed = read_import(register, people.specialist_a.unit, xlsx_file(register, [good]))
    assert parsed.problems == []
    saved = do_import_register_rows(people.specialist_a, register, parsed.rows)
    assert register.model.objects.count() == before + 1 == before + len(saved)
    assert m.RegisterChange.objects.filter(register=register.key, kind="import").count() == 1


def test_parent_of_another_unit_is_not_found(people, parents):
    register = BY_SLUG["van-de-kiem-tra"]
    parsed = read_import(register, people.specialist_b.unit, xlsx_file(register, [["BB-01", "x", None]]))
    assert [str(p) for p in parsed.problems] == ["Dòng 2, cột “Cuộc kiểm tra”: Không có cuộc kiểm tra “BB-01” của đơn vị."]


def test_duplicate_unique_key_within_one_file_imports_nothing(people):
    register = BY_SLUG["ke-hoach"]
    parsed = read_import(register, people.specialist_a.unit, xlsx_file(register, [[2023, "1/QĐ", "30/12/2022"], [2023, "2/QĐ", "30/12/2022"]]))
    assert parsed.problems == []
    with pytest.raises(Exception) as refused:
        do_import_register_rows(people.specialist_a, register, parsed.rows)
    assert list(refused.value.rows) == [3]
    assert not m.ReformPlan.objects.exists()


def test_wrong_header_and_unreadable_file(people):
    register = BY_SLUG["van-ban-di"]
    book = Workbook()
    book.active.append(["Số", "Ngày"])
    out = io.BytesIO()
    book.save(out)
    assert str(read_import(register, people.specialist_a.unit, out.getvalue()).problems[0]).startswith(
        "Dòng 1: Dòng tiêu đề không đúng mẫu"
    )
    assert str(read_import(register, people.specialist_a.unit, b"not a zip").problems[0]) == (
        "Tệp: Không đọc được tệp: hãy dùng tệp Excel .xlsx theo mẫu."
    )


def test_export_round_trips_through_import(people, parents):
    register = BY_SLUG["nhiem-vu"]
    good = CASES["nhiem-vu"][0]
    parsed = read_import(register, people.specialist_a.unit, xlsx_file(register, [good]))
    do_import_register_rows(people.specialist_a, register, parsed.rows)
    exported = export_xlsx(register, m.ReformTask.objects.all())
    sheet = load_workbook(io.BytesIO(exported)).active
    assert [c.value for c in sheet[2]][:3] == ["Nhiệm vụ cấp trên giao", 2023, "Báo cáo Đề án 06"]
    again = read_import(register, people.specialist_b.unit, exported)
    assert again.problems == [] and again.rows[0][1]["completed_on"] == dt.date(2023, 3, 25)
    template = load_workbook(io.BytesIO(template_xlsx(register))).active
    assert [c.value for c in template[1]] == headers(register) and template.max_row == 1


def test_export_writes_hostile_text_as_text_and_it_round_trips(people, parents):
    from motcua.lib import spreadsheet
    from tests.spreadsheet import formula_cells

    register = BY_SLUG["nhiem-vu"]
    good = list(CASES["nhiem-vu"][0])
    good[2] = '=HYPERLINK("http://evil.example","Mở")'
    book = Workbook()
    for row in (headers(register), good):
        spreadsheet.append(book.active, row)
    out = io.BytesIO()
    book.save(out)
    parsed = read_import(register, people.specialist_a.unit, out.getvalue())
    assert parsed.problems == []
    do_import_register_rows(people.specialist_a, register, parsed.rows)
    exported = export_xlsx(register, m.ReformTask.objects.all())
    assert formula_cells(exported) == []
    again = read_import(register, people.specialist_b.unit, exported)
    assert again.problems == [] and again.rows[0][1]["title"] == good[2]
