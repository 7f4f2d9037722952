"""Administrators in the browser: a declared day off moves the month view and the due preview; a new officer signs in."""

import pytest

from motcua.accounts.models import Role
from motcua.units.models import UnitLevel
from tests.factories import make_tree, make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _unit_levels():
    # After an earlier live-server test flushed the database, the serialized
    # rollback does not always bring the migration's levels back when other
    # (non-browser) tests ran first; make_tree needs them.
    for code, name, rank in [("province", "Tỉnh, thành phố", 1), ("district", "Huyện, quận, thị xã", 2), ("commune", "Xã, phường, thị trấn", 3)]:
        UnitLevel.objects.get_or_create(code=code, defaults={"name": name, "rank": rank})


def test_declared_day_off_changes_month_view_and_preview(page, login):
    province, _, commune, *_ = make_tree()
    admin = make_user("quantri", province, Role.ADMINISTRATOR)
    login(admin)
    page.goto(f"/quan-tri/lich/?unit={commune.pk}&month=2026-06")
    monday = page.locator('td[data-date="2026-06-08"]')
    assert monday.get_attribute("data-working") == "1"
    # Friday 5 June 2026, 09:00, three working days → Wednesday 10 June 09:00.
    page.get_by_label("Ngày nhận").fill("2026-06-05")
    page.get_by_label("Giờ nhận").fill("09:00")
    page.get_by_label("Thời hạn", exact=True).fill("3")
    page.get_by_role("button", name="Tính hạn trả").click()
    page.wait_for_load_state()
    assert "hẹn trả 09:00 Thứ Tư ngày 10/06/2026" in page.locator("#due-preview").inner_text()

    declare = page.locator("#declare")
    declare.locator("input[name=date]").fill("2026-06-08")
    declare.get_by_label("Loại").select_option("day_off")
    declare.get_by_label("Lý do").fill("Nghỉ bù theo quyết định của UBND tỉnh")
    declare.get_by_role("button", name="Khai báo").click()
    page.wait_for_load_state()
    # First the count of open dossiers the day would move (none here), then the confirmation.
    assert "dời hạn của 0 hồ sơ" in page.locator("#declare-preview").inner_text()
    page.locator("#declare").get_by_role("button", name="Xác nhận khai báo").click()
    page.wait_for_load_state()

    assert "Đã khai báo ngày nghỉ" in page.locator(".messages").inner_text()
    monday = page.locator('td[data-date="2026-06-08"]')
    assert monday.get_attribute("data-working") == "0"
    assert "Nghỉ bù theo quyết định" in monday.inner_text()
    # The same preview, now one working day later.
    assert "hẹn trả 09:00 Thứ Năm ngày 11/06/2026" in page.locator("#due-preview").inner_text()
    assert "Nghỉ bù theo quyết định" in page.locator("#declared-days").inner_text()

    # A make-up day on a weekday is refused next to the date.
    declare = page.locator("#declare")
    declare.locator("input[name=date]").fill("2026-06-10")
    declare.get_by_label("Loại").select_option("working_day")
    declare.get_by_role("button", name="Khai báo").click()
    page.wait_for_load_state()
    assert "Ngày làm bù phải là Thứ Bảy hoặc Chủ Nhật" in page.locator("#declare .errorlist").inner_text()
    assert page.locator("#declare input[name=date]").get_attribute("aria-invalid") == "true"


def test_administrator_creates_an_officer_who_signs_in(page, login):
    province, _, commune, *_ = make_tree()
    admin = make_user("quantri", province, Role.ADMINISTRATOR)
    login(admin)
    page.goto("/quan-tri/nguoi-dung/")
    page.get_by_role("button", name="Thêm người dùng").click()
    page.get_by_label("Tên đăng nhập").fill("tiepnhan_moi")
    page.get_by_label("Họ và tên đệm").fill("Nguyễn Thị")
    page.locator("input[name=first_name]").fill("Hằng")
    page.get_by_label("Đơn vị").select_option(str(commune.pk))
    page.get_by_label("Vai trò").select_option("desk_officer")
    page.get_by_label("Mật khẩu ban đầu").fill("ngan")
    page.get_by_label("Nhập lại mật khẩu").fill("ngan")
    page.get_by_role("button", name="Tạo tài khoản").click()
    page.wait_for_load_state()
    assert "Mật khẩu quá ngắn" in page.locator(".errorlist").inner_text()

    page.get_by_label("Mật khẩu ban đầu").fill("mot-cua-2026")
    page.get_by_label("Nhập lại mật khẩu").fill("mot-cua-2026")
    page.get_by_role("button", name="Tạo tài khoản").click()
    page.wait_for_load_state()
    assert "Đã tạo tài khoản tiepnhan_moi" in page.locator(".messages").inner_text()

    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url("**/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("tiepnhan_moi")
    page.get_by_label("Mật khẩu").fill("mot-cua-2026")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
    assert "/can-bo/" in page.url
    assert "Xã Hoằng Lưu" in page.locator("header").inner_text()
