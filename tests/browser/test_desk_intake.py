"""Intake at the counter in a real browser: search without diacritics, pick with Enter, receipt and its PDF."""

import re

import pytest

from motcua.accounts.models import Role
from motcua.dossiers.models import Dossier
from tests.desk.conftest import make_procedure
from tests.factories import make_tree, make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def officer(db):
    _, _, commune, *_ = make_tree()
    make_procedure("1.001193")  # "Thủ tục đăng ký khai sinh"
    marriage = make_procedure("1.000894", steps=False)
    marriage.name = "Đăng ký kết hôn"
    marriage.save()
    return make_user("tiepnhan", commune, Role.DESK_OFFICER, first_name="Lan")


def choose_birth_registration(page):
    page.goto("/can-bo/tiep-nhan/")
    search = page.locator("#procedure-search")
    assert search.evaluate("el => el === document.activeElement")  # autofocus: type at once
    search.fill("khai sinh")
    search.press("Enter")
    page.locator(".intake-procedure-detail").wait_for()
    assert "Thủ tục đăng ký khai sinh" in page.locator(".intake-procedure-detail").inner_text()
    assert "3 ngày làm việc" in page.locator(".intake-procedure-detail").inner_text()


def test_intake_to_receipt(page, login, officer):
    login(officer)
    choose_birth_registration(page)
    # Enter picked the first match and moved on to the applicant's name.
    page.keyboard.type("Nguyễn Văn Bình")
    page.get_by_label("Số CCCD / định danh cá nhân").fill("038090001234")
    page.get_by_label("Số điện thoại").fill("0912345678")
    page.get_by_label("Tên giấy tờ 1").fill("Tờ khai đăng ký khai sinh")
    page.get_by_label("Tên giấy tờ 2").fill("Giấy chứng sinh")
    page.get_by_label("Loại bản 2").select_option("copy")
    # Blank rows start unticked: the officer ticks what was handed over.
    page.get_by_label("Đã nhận giấy tờ 1").check()
    page.get_by_label("Đã nhận giấy tờ 2").check()
    page.get_by_role("button", name="Tiếp nhận và cấp mã hồ sơ").click()
    page.wait_for_url("**/can-bo/tiep-nhan/bien-nhan/**")
    code = page.locator(".intake-code").inner_text()
    assert re.fullmatch(r"H56\.20\.03-\d{6}-0001", code)
    dossier = Dossier.objects.get()
    assert dossier.code == code and dossier.applicant_name == "Nguyễn Văn Bình"
    assert dossier.components[1] == {"name": "Giấy chứng sinh", "form": "copy", "quantity": 1}
    assert page.get_by_role("button", name="Mở hồ sơ").get_attribute("href") == f"/can-bo/ho-so/{code}/"
    assert page.get_by_role("button", name="Tiếp nhận hồ sơ khác").is_visible()
    receipt = page.get_by_role("button", name="In giấy tiếp nhận (Mẫu 01)").get_attribute("href")
    response = page.request.get(receipt)
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert response.body()[:5] == b"%PDF-"


def test_bad_cccd_is_shown_next_to_the_field(page, login, officer):
    login(officer)
    choose_birth_registration(page)
    page.get_by_label("Họ và tên / tên tổ chức").fill("Nguyễn Văn Bình")
    page.get_by_label("Số CCCD / định danh cá nhân").fill("12345")
    page.get_by_role("button", name="Tiếp nhận và cấp mã hồ sơ").click()
    page.wait_for_load_state()
    cccd = page.get_by_label("Số CCCD / định danh cá nhân")
    assert cccd.get_attribute("aria-invalid") == "true"
    error = page.locator("#err-applicant_id_number")
    assert "Số CCCD không hợp lệ: số định danh phải gồm đúng 12 chữ số." in error.inner_text()
    # The message sits right under the field, inside its label.
    assert page.locator("label", has=page.locator("#id_applicant_id_number")).locator("#err-applicant_id_number").count() == 1
    # The chosen procedure and the typed name are kept for the correction.
    assert page.get_by_label("Họ và tên / tên tổ chức").input_value() == "Nguyễn Văn Bình"
    assert page.locator(".intake-procedure-detail").is_visible()
    assert Dossier.objects.count() == 0
