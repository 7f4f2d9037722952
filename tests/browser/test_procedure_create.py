"""An administrator creates a procedure on the catalog page; a desk officer of one of its units receives a dossier for it at once."""

import pytest

from motcua.accounts.models import Role
from motcua.catalog.models import Field, Procedure
from motcua.dossiers.models import Dossier
from motcua.units.models import UnitLevel
from tests.factories import make_tree, make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _unit_levels():
    # As in test_admin_pages: a live-server test's flush may leave the migration's levels out.
    for code, name, rank in [("province", "Tỉnh, thành phố", 1), ("district", "Huyện, quận, thị xã", 2), ("commune", "Xã, phường, thị trấn", 3)]:
        UnitLevel.objects.get_or_create(code=code, defaults={"name": name, "rank": rank})


def test_a_procedure_made_in_the_ui_is_offered_at_the_counter_right_after(page, login):
    province, _, commune, *_ = make_tree()
    Field.objects.create(code="chung-thuc", name="Chứng thực")
    admin = make_user("quantri", province, Role.ADMINISTRATOR)
    officer = make_user("tiepnhan", commune, Role.DESK_OFFICER, first_name="Lan")

    login(admin)
    page.goto("/quan-tri/thu-tuc/")
    page.get_by_role("button", name="Thêm thủ tục").click()
    page.wait_for_url("**/quan-tri/thu-tuc/them/")
    page.get_by_label("Mã thủ tục").fill("2.000815 H56")  # a space: refused as the loader refuses it
    page.get_by_label("Tên thủ tục").fill("Chứng thực bản sao từ bản chính")
    page.get_by_label("Lĩnh vực").select_option(label="Chứng thực")
    page.get_by_label("Cấp thực hiện").select_option("commune")
    page.get_by_label("Thời hạn theo quy định").fill("1")
    page.locator("select[name=legal_duration_unit]").select_option("working_day")
    page.get_by_label("Xã Hoằng Lưu (16003)").check()
    page.locator("input[name=components-0-name]").fill("Bản chính giấy tờ cần chứng thực")
    page.locator("input[name=steps-0-name]").fill("Tiếp nhận, chứng thực")
    page.locator("input[name=steps-0-working_hours]").fill("4")
    page.get_by_role("button", name="Thêm thủ tục").click()
    page.wait_for_load_state()

    # Nothing saved; the message is listed on top, linking to the field, and stands next to it.
    summary = page.locator("#error-summary")
    assert "Chưa lưu: có 1 lỗi cần sửa." in summary.inner_text()
    link = summary.get_by_role("link")
    assert link.get_attribute("href") == "#id_code"
    assert "Mã thủ tục: chỉ được gồm chữ cái không dấu" in link.inner_text()
    assert page.get_by_label("Mã thủ tục").get_attribute("aria-invalid") == "true"
    assert "chỉ được gồm chữ cái không dấu" in page.locator("#id_code_error").inner_text()
    assert not Procedure.objects.filter(name="Chứng thực bản sao từ bản chính").exists()
    # What was typed stays for the correction.
    assert page.locator("input[name=components-0-name]").input_value() == "Bản chính giấy tờ cần chứng thực"

    page.get_by_label("Mã thủ tục").fill("2.000815.H56")
    page.get_by_role("button", name="Thêm thủ tục").click()
    page.wait_for_url("**/quan-tri/thu-tuc/*/")
    assert "Đã thêm thủ tục 2.000815.H56." in page.locator(".messages").inner_text()
    assert "thêm thủ tục" in page.locator("table").last.inner_text()  # the history row on the procedure's page

    page.context.clear_cookies()
    login(officer)
    page.goto("/can-bo/tiep-nhan/")
    page.locator("#procedure-search").fill("chung thuc ban sao")
    page.locator("#procedure-search").press("Enter")
    page.locator(".intake-procedure-detail").wait_for()
    detail = page.locator(".intake-procedure-detail").inner_text()
    assert "Chứng thực bản sao từ bản chính" in detail and "1 ngày làm việc" in detail
    page.get_by_label("Họ và tên / tên tổ chức").fill("Nguyễn Văn Bình")
    page.get_by_label("Số CCCD / định danh cá nhân").fill("038090001234")
    # The checklist starts from the papers the administrator listed.
    assert page.locator(".intake-paper-name").all_inner_texts() == ["Bản chính giấy tờ cần chứng thực"]
    page.get_by_label("Đã nhận giấy tờ 1").check()
    page.get_by_role("button", name="Tiếp nhận và cấp mã hồ sơ").click()
    page.wait_for_url("**/can-bo/tiep-nhan/bien-nhan/**")
    dossier = Dossier.objects.get()
    assert dossier.procedure.code == "2.000815.H56" and dossier.unit == commune
    assert dossier.components == [{"name": "Bản chính giấy tờ cần chứng thực", "form": "original", "quantity": 1}]
