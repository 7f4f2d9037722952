"""A procedure's own data in a real browser: the officer picks khai sinh, fills the child's data, sees it kept and printed."""

import datetime as dt

import pytest
from django.utils import timezone

from motcua.accounts.models import Role
from motcua.catalog.data_fields import check_definitions
from motcua.dossiers.models import Dossier
from tests.desk.conftest import make_procedure
from tests.factories import make_tree, make_user
from tests.forms.conftest import pdf_text

pytestmark = pytest.mark.django_db(transaction=True)

BIRTH_FIELDS, _ = check_definitions([
    {"key": "child_name", "label": "Họ, chữ đệm, tên người được khai sinh", "type": "text", "required": True, "max": 100},
    {"key": "child_sex", "label": "Giới tính", "type": "choice", "required": True,
     "choices": [{"value": "nam", "label": "Nam"}, {"value": "nu", "label": "Nữ"}]},
    {"key": "birth_date", "label": "Ngày, tháng, năm sinh", "type": "date", "required": True, "max": "today"},
    {"key": "birth_place", "label": "Nơi sinh", "type": "text", "required": True},
])


@pytest.fixture
def officer(db):
    _, _, commune, *_ = make_tree()
    make_procedure("1.001193", data_fields=BIRTH_FIELDS)  # "Thủ tục đăng ký khai sinh"
    return make_user("tiepnhan", commune, Role.DESK_OFFICER)


def test_officer_fills_the_childs_data_and_sees_it_on_the_dossier_and_the_receipt(page, login, officer):
    born = timezone.localdate() - dt.timedelta(days=5)
    login(officer)
    page.goto("/can-bo/tiep-nhan/")
    page.locator("#procedure-search").fill("khai sinh")
    page.locator("#procedure-search").press("Enter")
    page.get_by_test_id("intake-data").wait_for()
    page.get_by_label("Họ và tên / tên tổ chức").fill("Nguyễn Văn Bình")
    page.get_by_label("Số CCCD / định danh cá nhân").fill("038090001234")
    page.get_by_label("Họ, chữ đệm, tên người được khai sinh").fill("Nguyễn Thị Hoa")
    page.get_by_label("Giới tính").select_option("nu")
    page.get_by_label("Ngày, tháng, năm sinh").fill(born.isoformat())
    # The place of birth is forgotten first: the page says so next to the field, and keeps the rest.
    page.get_by_role("button", name="Tiếp nhận và cấp mã hồ sơ").click()
    page.locator("#err-data__birth_place").wait_for()
    assert page.locator("#err-data__birth_place").inner_text().strip() == "Cần ghi mục này."
    assert page.get_by_label("Họ, chữ đệm, tên người được khai sinh").input_value() == "Nguyễn Thị Hoa"
    assert not Dossier.objects.exists()
    page.get_by_label("Nơi sinh").fill("Trạm Y tế xã Hoằng Lưu")
    page.get_by_role("button", name="Tiếp nhận và cấp mã hồ sơ").click()
    page.wait_for_url("**/can-bo/tiep-nhan/bien-nhan/**")

    dossier = Dossier.objects.get()
    assert dossier.data == {"child_name": "Nguyễn Thị Hoa", "child_sex": "nu", "birth_date": born.isoformat(),
                            "birth_place": "Trạm Y tế xã Hoằng Lưu"}
    assert page.locator('dd[data-key="child_name"]').inner_text() == "Nguyễn Thị Hoa"
    # Mẫu 01 as the print button opens it.
    href = page.get_by_role("button", name="In giấy tiếp nhận (Mẫu 01)").get_attribute("href")
    text = pdf_text(page.request.get(href).body())
    assert "Họ, chữ đệm, tên người được khai sinh: Nguyễn Thị Hoa" in text
    assert f"Ngày, tháng, năm sinh: {born:%d/%m/%Y}" in text
    assert "Giới tính: Nữ" in text

    page.get_by_role("button", name="Mở hồ sơ").click()
    data = page.get_by_test_id("dossier-data")
    data.wait_for()
    assert data.locator('dd[data-key="birth_date"]').inner_text() == f"{born:%d/%m/%Y}"
    assert data.locator('dd[data-key="child_sex"]').inner_text() == "Nữ"
    assert data.locator('dd[data-key="birth_place"]').inner_text() == "Trạm Y tế xã Hoằng Lưu"
