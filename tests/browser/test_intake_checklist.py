"""The intake checklist in a real browser: the catalog's papers appear ticked, the officer unticks, changes and adds."""

import pytest

from motcua.accounts.models import Role
from motcua.dossiers.models import Dossier
from tests.desk.conftest import make_procedure
from tests.factories import make_tree, make_user

pytestmark = pytest.mark.django_db(transaction=True)

PAPERS = [
    {"name": "Tờ khai đăng ký khai sinh theo mẫu", "form": "original", "quantity": 1},
    {"name": "Giấy chứng sinh", "form": "original", "quantity": 1},
    {"name": "Văn bản ủy quyền có chứng thực", "form": "original", "quantity": 1},
]


@pytest.fixture
def officer(db):
    _, _, commune, *_ = make_tree()
    make_procedure("1.001193", components=PAPERS)  # "Thủ tục đăng ký khai sinh"
    return make_user("tiepnhan", commune, Role.DESK_OFFICER)


def test_checklist_is_prefilled_and_follows_the_officers_ticks(page, login, officer):
    login(officer)
    page.goto("/can-bo/tiep-nhan/")
    page.locator("#procedure-search").fill("khai sinh")
    page.locator("#procedure-search").press("Enter")
    detail = page.locator(".intake-procedure-detail")
    detail.wait_for()
    assert [t.strip() for t in detail.locator(".intake-paper-name").all_inner_texts()] == [p["name"] for p in PAPERS]
    assert page.get_by_label("Đã nhận giấy tờ 1").is_checked()
    # The parent came in person: no authorisation; the birth certificate is a copy.
    page.get_by_label("Đã nhận giấy tờ 3").uncheck()
    page.get_by_label("Loại bản 2").select_option("copy")
    # A paper the catalog does not name, on a row added with the button (rows 4 and 5 are the blank ones).
    page.get_by_role("button", name="Thêm dòng giấy tờ").click()
    added = page.get_by_label("Tên giấy tờ 6")
    assert added.evaluate("el => el === document.activeElement")
    added.fill("Giấy xác nhận cư trú")
    page.get_by_label("Loại bản 6").select_option("certified_copy")
    page.get_by_label("Họ và tên / tên tổ chức").fill("Nguyễn Văn Bình")
    page.get_by_label("Số CCCD / định danh cá nhân").fill("038090001234")
    page.get_by_role("button", name="Tiếp nhận và cấp mã hồ sơ").click()
    page.wait_for_url("**/can-bo/tiep-nhan/bien-nhan/**")
    assert Dossier.objects.get().components == [
        {"name": "Tờ khai đăng ký khai sinh theo mẫu", "form": "original", "quantity": 1},
        {"name": "Giấy chứng sinh", "form": "copy", "quantity": 1},
        {"name": "Giấy xác nhận cư trú", "form": "certified_copy", "quantity": 1},
    ]
