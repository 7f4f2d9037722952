"""Online payment through a real gateway process: `motcua payment-sim` confirms or fails on request.

The simulator runs as its own process on a free port; motcua talks to it over
HTTP (HttpPaymentGateway) and the simulator calls motcua's live server back.
"""

import json
import os
import subprocess
import sys
import urllib.request

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.dossiers.models import DossierEvent, Status
from motcua.dossiers.online import do_submit_online_dossier
from motcua.payments.error_codes import PaymentActionError
from motcua.payments.fees import amount_due
from motcua.payments.gateway import sign
from motcua.payments.models import OnlinePayment, Payment
from motcua.payments.online import NATIONAL_STATUS, do_await_payment, start_online_payment

from .conftest import make_certify

pytestmark = pytest.mark.django_db(transaction=True)

SECRET = "khoa-ky-thu-nghiem"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def simulator():
    """Start `motcua payment-sim --port 0` and return its base URL (read from its first line: no waiting by the clock)."""
    env = {**os.environ, "MOTCUA_PAYMENT_GATEWAY_SECRET": SECRET}
    process = subprocess.Popen(
        [sys.executable, "-m", "motcua", "payment-sim", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    line = process.stdout.readline()
    assert line.startswith("payment-sim listening on http://127.0.0.1:"), line
    yield line.split()[-1]
    process.terminate()
    process.wait(timeout=30)


@pytest.fixture
def gateway(settings, simulator, live_server, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.MOTCUA_PAYMENT_GATEWAY_URL = simulator
    settings.MOTCUA_PAYMENT_GATEWAY_SECRET = SECRET
    settings.MOTCUA_PUBLIC_URL = live_server.url
    return simulator


def filed_online(desk):
    procedure = make_certify()
    procedure.online = "full"
    procedure.save()
    applicant = {"name": "Trần Thị Bích", "id_number": "038190004321", "phone": "0987654321"}
    d = do_submit_online_dossier(desk.unit, procedure, applicant, [("Bản chính cần chứng thực", SimpleUploadedFile("a.pdf", PDF))])
    # 2 copies of 3 pages: 12.000 + 6.000 + 5.000 = 23.000 đ.
    return do_await_payment(d, amount_due(procedure, copies=2, pages=3))


def post(url: str) -> dict:
    with urllib.request.urlopen(urllib.request.Request(url, data=b"", method="POST"), timeout=30) as response:
        return json.loads(response.read())


def test_confirmed_payment_puts_the_dossier_in_the_desks_hands(desk, gateway, client):
    d = filed_online(desk)
    assert d.status == Status.AWAITING_PAYMENT and NATIONAL_STATUS[d.status] == 6
    assert DossierEvent.objects.filter(dossier=d, verb="await_payment").count() == 1

    pay_url = start_online_payment(d)
    assert pay_url.startswith(gateway + "/pay/")
    with urllib.request.urlopen(pay_url, timeout=30) as page:
        assert "23.000 đ" in page.read().decode("utf-8")

    # The citizen confirms; the simulator calls motcua back (signed) before it answers.
    assert post(pay_url + "/confirm?redirect=0")["status"] == "paid"
    d.refresh_from_db()
    assert d.status == Status.RECEIVED
    payment = Payment.objects.get(dossier=d)
    assert (payment.amount, payment.method, payment.actor) == (23000, "province_gateway", None)
    event = DossierEvent.objects.get(dossier=d, verb="record_payment")
    assert (event.actor, event.from_status, event.to_status, event.data["amount"]) == (None, "awaiting_payment", "received", 23000)

    # The browser comes back: the page says so, and nothing is recorded twice.
    attempt = OnlinePayment.objects.get(dossier=d)
    response = client.get(f"/thanh-toan/ket-qua/{attempt.reference}/")
    assert "Đã thanh toán thành công" in response.content.decode()
    assert Payment.objects.filter(dossier=d).count() == 1
    with pytest.raises(PaymentActionError):
        start_online_payment(d)  # nothing left to pay


def test_failed_payment_leaves_the_dossier_waiting_and_can_be_tried_again(desk, gateway, client, settings):
    d = filed_online(desk)
    # The callback cannot reach motcua (nothing listens at that address): the return page asks the gateway itself.
    settings.MOTCUA_PUBLIC_URL = "http://127.0.0.1:9"
    pay_url = start_online_payment(d)
    assert post(pay_url + "/fail?redirect=0")["status"] == "failed"
    attempt = OnlinePayment.objects.get(dossier=d)
    assert attempt.status == "pending"  # not told yet
    response = client.get(f"/thanh-toan/ket-qua/{attempt.reference}/")
    assert "Thanh toán không thành công" in response.content.decode()
    attempt.refresh_from_db()
    d.refresh_from_db()
    assert attempt.status == "failed" and d.status == Status.AWAITING_PAYMENT
    assert not Payment.objects.exists()
    # Tried again: a second attempt at the gateway.
    assert start_online_payment(d).startswith(gateway + "/pay/")
    assert OnlinePayment.objects.filter(dossier=d).count() == 2


def test_a_callback_with_a_wrong_signature_is_refused(desk, gateway, client):
    d = filed_online(desk)
    start_online_payment(d)
    attempt = OnlinePayment.objects.get(dossier=d)
    body = json.dumps({"reference": str(attempt.reference), "status": "paid"}).encode()
    forged = client.post("/thanh-toan/thong-bao/", body, content_type="application/json", HTTP_X_SIGNATURE=sign(body, "sai"))
    assert forged.status_code == 403
    assert not Payment.objects.exists()
    signed = client.post("/thanh-toan/thong-bao/", body, content_type="application/json", HTTP_X_SIGNATURE=sign(body, SECRET))
    assert signed.status_code == 200 and Payment.objects.get().amount == 23000


def test_the_citizen_pays_from_the_dossiers_payment_page(desk, gateway, client):
    d = filed_online(desk)
    url = f"/thanh-toan/ho-so/{d.code}/"
    assert "Thanh toán trực tuyến" in client.get(url).content.decode()
    wrong = client.post(url, {"digits": "1111"})
    assert wrong.status_code == 422 and "4 chữ số không khớp" in wrong.content.decode()
    assert not OnlinePayment.objects.exists()
    # 0987654321: the phone's last 4 digits are 4321.
    response = client.post(url, {"digits": "4321"})
    assert response.status_code == 302 and response["Location"].startswith(gateway + "/pay/")
    assert post(response["Location"] + "/confirm?redirect=0")["status"] == "paid"
    d.refresh_from_db()
    assert d.status == Status.RECEIVED
    # Paid: the page is no longer there.
    assert client.get(url).status_code == 404
