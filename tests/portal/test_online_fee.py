"""The online form shows the fee for what the citizen asks and makes a fee-bearing dossier wait for its payment."""

import pytest

from motcua.dossiers.models import Dossier, Status
from motcua.payments.models import DossierFee
from tests.portal.conftest import prove
from tests.portal.test_online_submission import form, media, online  # noqa: F401

pytestmark = pytest.mark.django_db

PER_PAGE = [{"name": "Lệ phí chứng thực bản sao", "amount": 2000, "per": "page"}]


@pytest.fixture
def certify(online):
    online.procedure.fees = PER_PAGE
    online.procedure.save()
    return online


def test_the_form_asks_copies_and_pages_and_quotes_the_fee(client, certify):
    prove(client)
    page = client.get(f"/nop-truc-tuyen/?unit={certify.unit.pk}&procedure={certify.procedure.pk}").content.decode()
    assert 'name="fee_copies"' in page and 'name="fee_pages"' in page
    assert f'hx-get="/nop-truc-tuyen/phi/{certify.procedure.pk}/"' in page
    # 3 pages × 2 copies × 2.000 đ = 12.000 đ, from the public quote the page refreshes.
    quote = client.get(f"/nop-truc-tuyen/phi/{certify.procedure.pk}/", {"fee_copies": "2", "fee_pages": "3"}).content.decode()
    assert 'data-testid="fee-total">12.000' in quote


def test_a_fee_bearing_filing_waits_for_its_payment_and_its_receipt_says_so(client, certify):
    prove(client)
    response = client.post("/nop-truc-tuyen/", form(certify, fee_copies="2", fee_pages="3"))
    dossier = Dossier.objects.get()
    # No gateway configured here: the receipt, which says how to pay.
    assert response.status_code == 302 and response["Location"] == f"/nop-truc-tuyen/da-nop/{dossier.code}/"
    assert dossier.status == Status.AWAITING_PAYMENT
    assert DossierFee.objects.get(dossier=dossier).total == 12000
    receipt = client.get(response["Location"]).content.decode()
    assert "Chờ thanh toán" in receipt and f'href="/thanh-toan/ho-so/{dossier.code}/"' in receipt
    assert 'data-testid="receipt-fee">12.000' in receipt


def test_bad_copies_are_named_and_nothing_is_filed(client, certify):
    prove(client)
    response = client.post("/nop-truc-tuyen/", form(certify, fee_copies="0", fee_pages="3"))
    assert response.status_code == 200 and not Dossier.objects.exists()
    assert "Số bản và số trang phải là số nguyên" in response.content.decode()


def test_a_free_procedure_is_received_at_once(client, online):
    prove(client)
    client.post("/nop-truc-tuyen/", form(online))
    assert Dossier.objects.get().status == Status.RECEIVED
