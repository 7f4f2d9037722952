"""The fee parts of the pages: the intake quote (htmx), intake with a wrong count, the payment panel's bad input.

The fee lines on the administrator's procedure page: tests/administration/test_procedure_data_fields_page.py."""

import pytest

from motcua.dossiers.models import Dossier
from motcua.payments.actions import do_record_payment
from motcua.payments.fees import amount_due
from motcua.payments.models import DossierFee, Payment

from .conftest import receive, vn

pytestmark = pytest.mark.django_db


def test_intake_quote_follows_copies_pages_and_group(client, desk, certify, poor):
    client.force_login(desk.officer)
    url = f"/can-bo/tiep-nhan/phi/{certify.pk}/"
    page = client.get(url, {"fee_copies": "2", "fee_pages": "3"}).content.decode()
    # 12.000 + 6.000 + 5.000 = 23.000 đ.
    assert 'data-testid="fee-total">23.000 đ<' in page
    page = client.get(url, {"fee_copies": "2", "fee_pages": "3", "fee_group": "ho-ngheo"}).content.decode()
    # Poor households do not pay the per-page 12.000 đ: 11.000 đ.
    assert 'data-testid="fee-total">11.000 đ<' in page and "miễn" in page
    page = client.get(url, {"fee_copies": "0", "fee_pages": "3"}).content.decode()
    assert "Số bản và số trang phải là số nguyên từ 1 đến 9999." in page and "fee-total" not in page
    # The procedure page of a procedure without fees asks nothing.
    assert "intake-fee" not in client.get(f"/can-bo/tiep-nhan/thu-tuc/{desk.procedure.pk}/").content.decode()
    assert 'id="intake-fee"' in client.get(f"/can-bo/tiep-nhan/thu-tuc/{certify.pk}/").content.decode()


def intake_post(procedure, **fee):
    return {
        "procedure": procedure.pk,
        "channel": "counter",
        "result_delivery": "counter",
        "applicant_kind": "citizen",
        "applicant_name": "Nguyễn Văn Bình",
        "applicant_id_number": "038090001234",
        "comp-0-name": "Bản chính cần chứng thực",
        "comp-0-form": "original",
        "comp-0-quantity": "1",
        **fee,
    }


def test_intake_keeps_the_quote_and_refuses_a_wrong_count(client, desk, certify):
    client.force_login(desk.officer)
    response = client.post("/can-bo/tiep-nhan/", intake_post(certify, fee_copies="hai", fee_pages="3"))
    assert response.status_code == 422
    assert "Số bản và số trang phải là số nguyên từ 1 đến 9999." in response.content.decode()
    assert not Dossier.objects.exists()
    response = client.post("/can-bo/tiep-nhan/", intake_post(certify, fee_copies="2", fee_pages="3"))
    assert response.status_code == 302
    fee = DossierFee.objects.get()
    assert (fee.copies, fee.pages, fee.total) == (2, 3, 23000)
    receipt = client.get(response["Location"]).content.decode()
    assert 'data-testid="receipt-fee">23.000 đ<' in receipt


def test_payment_panel_says_what_is_wrong_and_changes_nothing(client, desk, certify):
    d = receive(desk, vn(2023, 6, 5, 8, 0), procedure=certify, fee=amount_due(certify, copies=2, pages=3))
    client.force_login(desk.officer)
    page = client.get(f"/can-bo/ho-so/{d.code}/").content.decode()
    assert 'data-testid="fee-due">23.000 đ<' in page and "Còn phải nộp 23.000 đ" in page
    url = f"/can-bo/ho-so/{d.code}/thanh-toan/ghi-nhan/"
    response = client.post(url, {"amount": "23000", "method": "cash", "receipt": "", "version": d.version}, follow=True)
    assert "Cần ghi số biên lai điện tử đã cấp cho người nộp tiền mặt." in response.content.decode()
    response = client.post(url, {"amount": "nhiều", "method": "cash", "receipt": "BL-1", "version": d.version}, follow=True)
    assert "Số tiền (đồng):" in response.content.decode()
    assert not Payment.objects.exists()
    assert client.post(f"/can-bo/ho-so/{d.code}/thanh-toan/xoa/", {}).status_code == 404
    response = client.post(url, {"amount": "23000", "method": "cash", "receipt": "BL-1", "version": d.version}, follow=True)
    assert "Đã ghi nhận thanh toán: hồ sơ" in response.content.decode() and "Đã nộp đủ" in response.content.decode()
    # Another unit's officer cannot see the dossier at all.
    client.force_login(desk.officer_b)
    assert client.post(url, {"amount": "1", "method": "cash", "receipt": "BL-2", "version": 2}).status_code == 404
    assert Payment.objects.count() == 1


def test_payment_panel_and_quote_in_english(desk, certify, client):
    from tests.web_desk.test_english import vietnamese_left

    d = receive(desk, vn(2023, 6, 5, 8, 0), procedure=certify, fee=amount_due(certify, copies=2, pages=3))
    d = do_record_payment(desk.officer, d, 20000, "cash", "BL-1", at=vn(2023, 6, 5, 8, 5))
    client.force_login(desk.officer)
    client.cookies["django_language"] = "en"
    page = client.get(f"/can-bo/ho-so/{d.code}/")
    panel = page.content.decode().split('<section id="payments"')[1].split("</section>")[0]

    class Part:
        content = panel.encode()

    data = [line["name"] for line in certify.fees] + ["Lê Thị Lan"]
    assert vietnamese_left(Part, data) == []
    assert "Cash at the counter" in panel and "3,000 VND still due" in panel and "Record a payment" in panel
    quote = client.get(f"/can-bo/tiep-nhan/phi/{certify.pk}/", {"fee_copies": "2", "fee_pages": "3"})
    assert vietnamese_left(quote, data + [name for _, name in poor_groups()]) == []


def poor_groups():
    from motcua.payments.models import ApplicantGroup

    return ApplicantGroup.objects.values_list("code", "name")
