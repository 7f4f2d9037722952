"""A specialist keeps the reform registers in the browser: adds a task, marks it done late, imports a file."""

import pytest
from openpyxl import Workbook

from motcua.reform.registers import BY_SLUG
from motcua.reform.xlsx import headers
from tests.factories import make_tree, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_specialist_adds_a_plan_task_and_marks_it_done_late(page, login):
    _, _, commune, *_ = make_tree()
    login(make_user("chuyenvien", commune, "specialist"))
    page.goto("/cai-cach/")
    page.get_by_role("link", name="Nhiệm vụ CCHC (kế hoạch và cấp trên giao)").click()
    page.get_by_role("button", name="Thêm mới").click()
    page.get_by_label("Loại nhiệm vụ").select_option(label="Nhiệm vụ trong kế hoạch")
    page.get_by_label("Năm").fill("2023")
    page.get_by_label("Nội dung nhiệm vụ").fill("Niêm yết công khai TTHC tại Bộ phận Một cửa")
    page.get_by_label("Thời hạn").fill("2023-06-30")
    page.get_by_label("Người/bộ phận chủ trì").fill("Văn phòng - Thống kê")
    page.get_by_role("button", name="Lưu").click()
    page.goto("/cai-cach/nhiem-vu/?ky=2023")
    row = page.locator("tr", has_text="Niêm yết công khai TTHC")
    row.get_by_role("link", name="Sửa").click()
    page.get_by_label("Tình trạng").select_option(label="Đã hoàn thành")
    # First a completion date missing: the message stands next to the field.
    page.get_by_role("button", name="Lưu").click()
    assert page.locator("#id_completed_on_error").inner_text() == "Nhiệm vụ đã hoàn thành phải có ngày hoàn thành."
    assert page.get_by_label("Ngày hoàn thành").get_attribute("aria-invalid") == "true"
    page.get_by_label("Ngày hoàn thành").fill("2023-07-10")
    page.get_by_role("button", name="Lưu").click()
    row = page.locator("tr", has_text="Niêm yết công khai TTHC")
    assert "10/07/2023" in row.inner_text()
    assert row.locator(".badge-late").inner_text() == "quá hạn"
    row.get_by_role("link", name="Lịch sử").click()
    assert "Đã hoàn thành" in page.locator("table").inner_text()


def test_import_with_one_bad_row_shows_its_row_number(page, login, tmp_path):
    _, _, commune, *_ = make_tree()
    login(make_user("chuyenvien", commune, "specialist"))
    register = BY_SLUG["van-ban-di"]
    book = Workbook()
    book.active.append(headers(register))
    book.active.append(["12/UBND-VP", "02/05/2023", "Báo cáo CCHC", "UBND huyện", "Có", "Điện tử (có chữ ký số)"])
    book.active.append(["13/UBND-VP", "03/05/2023", "Báo cáo", "Phòng Nội vụ", "Có", "Fax"])
    path = tmp_path / "van-ban-di.xlsx"
    book.save(path)
    page.goto("/cai-cach/van-ban-di/")
    page.get_by_role("button", name="Nhập từ Excel").click()
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(str(path))
    page.get_by_role("button", name="Nhập").click()
    problems = page.locator(".reform-problems").inner_text()
    assert "Dòng 3, cột “Hình thức gửi”: Giá trị “Fax” không có trong danh sách." in problems
    page.goto("/cai-cach/van-ban-di/?ky=2023")
    assert "Chưa có bản ghi nào" in page.locator("main").inner_text()
