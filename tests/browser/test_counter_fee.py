"""The counter's fee in Chromium: a chứng thực of 3 pages × 2 copies at 2.000 đ/page is 12.000 đ at intake and on
the receipt (page and Mẫu 01 PDF); the result cannot be returned unpaid; the cash payment is recorded; the cash list adds up."""

import io

import pytest
from openpyxl import load_workbook

from motcua.accounts.models import Role
from motcua.dossiers import actions as a
from motcua.dossiers.models import Dossier
from motcua.payments.models import Payment
from tests.desk.conftest import make_procedure
from tests.factories import make_tree, make_user
from tests.forms.conftest import pdf_text

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def staff():
    _, _, commune, *_ = make_tree()
    procedure = make_procedure("2.000815", steps=False)
    procedure.name = "Chứng thực bản sao từ bản chính giấy tờ, văn bản"
    procedure.fees = [{"name": "Lệ phí chứng thực bản sao", "amount": 2000, "per": "page"}]
    procedure.save()
    return {
        "officer": make_user("tiepnhan", commune, Role.DESK_OFFICER, first_name="Lan", last_name="Lê Thị"),
        "specialist": make_user("tuphap", commune, Role.SPECIALIST),
        "leader": make_user("chutich", commune, Role.LEADER),
    }


def approve(staff, dossier):
    """The back office's part, done through the domain actions: assign, process, submit, approve."""
    d = a.do_assign_dossier(staff["officer"], dossier, staff["specialist"])
    d = a.do_start_processing(staff["specialist"], d)
    d = a.do_submit_for_decision(staff["specialist"], d)
    return a.do_approve_dossier(staff["leader"], d)


def test_counter_fee_from_intake_to_return(page, login, staff):
    login(staff["officer"])
    page.goto("/can-bo/tiep-nhan/")
    page.locator("#procedure-search").fill("chung thuc")
    page.locator("#procedure-search").press("Enter")
    page.locator("#intake-fee").wait_for()
    total = page.locator('[data-testid="fee-total"]')
    # One copy of one page until asked: 2.000 đ.
    assert total.inner_text() == "2.000 đ"
    page.get_by_label("Số bản").fill("2")
    page.get_by_label("Số trang mỗi bản").fill("3")
    # 3 pages × 2 copies × 2.000 đ = 12.000 đ, recomputed by the server as the officer types.
    page.wait_for_function("() => document.querySelector('[data-testid=fee-total]').textContent === '12.000 đ'")
    assert "6" in page.locator(".intake-fee-lines tbody td").nth(2).inner_text()

    page.get_by_label("Họ và tên / tên tổ chức").fill("Nguyễn Văn Bình")
    page.get_by_label("Số CCCD / định danh cá nhân").fill("038090001234")
    page.get_by_label("Tên giấy tờ 1").fill("Giấy chứng nhận quyền sử dụng đất (bản chính)")
    page.get_by_label("Đã nhận giấy tờ 1").check()
    page.get_by_role("button", name="Tiếp nhận và cấp mã hồ sơ").click()
    page.wait_for_url("**/can-bo/tiep-nhan/bien-nhan/**")
    assert page.locator('[data-testid="receipt-fee"]').inner_text() == "12.000 đ"
    receipt = page.request.get(page.get_by_role("button", name="In giấy tiếp nhận (Mẫu 01)").get_attribute("href"))
    text = pdf_text(receipt.body())
    assert "Lệ phí chứng thực bản sao" in text and "2.000 đ/trang" in text
    assert "Tổng cộng 12.000 đ" in text

    dossier = approve(staff, Dossier.objects.get())
    page.goto(f"/can-bo/ho-so/{dossier.code}/")
    assert page.locator('[data-testid="fee-state"]').inner_text() == "Còn phải nộp 12.000 đ"
    # Returning the result unpaid is refused, and says why.
    panel = page.locator('details[data-action="return-result"]')
    panel.locator("summary").click()
    old_body = page.locator("#dossier-body").element_handle()
    panel.locator("button[type=submit]").click()
    page.wait_for_function("body => !body.isConnected", arg=old_body)
    assert "còn nợ phí, lệ phí 12.000 đ" in page.locator("#dossier-body").inner_text()
    assert Dossier.objects.get().status == "approved"

    # Cash at the counter with the e-receipt number; the amount owed is filled in.
    payments = page.locator("#payments")
    assert payments.get_by_label("Số tiền (đồng)").input_value() == "12000"
    payments.get_by_label("Số biên lai điện tử / mã giao dịch").fill("BL-2026-000001")
    payments.get_by_role("button", name="Ghi nhận thanh toán").click()
    page.locator('[data-testid="fee-state"]:has-text("Đã nộp đủ")').wait_for()
    assert "BL-2026-000001" in payments.inner_text()
    assert list(Payment.objects.values_list("amount", "method", "receipt")) == [(12000, "cash", "BL-2026-000001")]

    panel = page.locator('details[data-action="return-result"]')
    panel.locator("summary").click()
    old_body = page.locator("#dossier-body").element_handle()
    panel.locator("button[type=submit]").click()
    page.wait_for_function("body => !body.isConnected", arg=old_body)
    assert Dossier.objects.get().status == "returned"

    # The officer's cash list of the day: one line of 12.000 đ, total 12.000 đ.
    sheet = load_workbook(io.BytesIO(page.request.get("/can-bo/bang-ke-tien-mat.xlsx").body())).active
    assert [row[6] for row in sheet.iter_rows(min_row=4, values_only=True)] == [12000, 12000]
