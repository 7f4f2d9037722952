"""The proof step before an online dossier gets a code: a one-time code to the phone or e-mail, daily caps, one dossier per proof."""

import datetime as dt

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from motcua.dossiers.models import Dossier
from motcua.portal import proof as p
from motcua.portal.models import ContactProof
from motcua.portal.senders import ConsoleSmsSender
from tests.portal.conftest import last_code, prove
from tests.portal.test_online_submission import form, online, media  # noqa: F401

pytestmark = pytest.mark.django_db


def ask(client, contact):
    return client.post("/nop-truc-tuyen/xac-minh/", {"lien_he": contact})


def test_without_a_proof_nothing_is_submitted(online):
    client = Client()
    assert client.get(f"/nop-truc-tuyen/?unit={online.unit.pk}")["Location"] == "/nop-truc-tuyen/xac-minh/"
    # A script posting the form straight away, as the spammer did: no dossier.
    for _ in range(5):
        response = client.post("/nop-truc-tuyen/", form(online))
        assert response.status_code == 302 and response["Location"] == "/nop-truc-tuyen/xac-minh/"
    assert Dossier.objects.count() == 0


def test_one_proof_lets_one_dossier_through(online):
    client = prove(Client())
    assert client.post("/nop-truc-tuyen/", form(online)).status_code == 302
    dossier = Dossier.objects.get()
    assert ContactProof.objects.get().dossier_code == dossier.code
    again = client.post("/nop-truc-tuyen/", form(online))
    assert again["Location"] == "/nop-truc-tuyen/xac-minh/"
    assert Dossier.objects.count() == 1


def test_the_form_must_carry_the_proven_phone(online):
    client = prove(Client(), "0912 345 678")
    page = client.post("/nop-truc-tuyen/", form(online, phone="0987 654 321")).content.decode()
    assert "Xin ghi đúng số điện thoại hoặc thư điện tử đã xác minh: 0912345678." in page
    assert Dossier.objects.count() == 0
    # The same number written another way is the same number; the proof was not spent by the refusal.
    assert client.post("/nop-truc-tuyen/", form(online, phone="+84 912.345.678")).status_code == 302
    assert Dossier.objects.count() == 1


def test_an_email_proof_goes_through_django_mail(online):
    client = prove(Client(), "Bich@Example.vn")
    assert mail.outbox[-1].to == ["bich@example.vn"] and ConsoleSmsSender.outbox == []
    assert client.post("/nop-truc-tuyen/", form(online, email="bich@example.vn")).status_code == 302


def test_the_code_is_stored_hashed_and_the_sms_says_it(online):
    ask(Client(), "0987 654 321")
    (phone, text), = ConsoleSmsSender.outbox
    code = last_code("0987654321")
    assert phone == "0987654321" and len(code) == 6 and "10 phút" in text
    row = ContactProof.objects.values().get()
    assert code not in str(row)
    assert row["expires_at"] - row["created_at"] == dt.timedelta(minutes=10)


def test_wrong_codes_are_limited_then_even_the_right_one_fails(online):
    client = Client()
    ask(client, "0987654321")
    code = last_code("0987654321")
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for _ in range(p.MAX_ATTEMPTS - 1):
        assert "Mã xác minh không đúng." in client.post("/nop-truc-tuyen/xac-minh/", {"ma": wrong}).content.decode()
    assert "Đã nhập sai quá nhiều lần" in client.post("/nop-truc-tuyen/xac-minh/", {"ma": wrong}).content.decode()
    response = client.post("/nop-truc-tuyen/xac-minh/", {"ma": code})
    assert response.status_code == 200 and "Đã nhập sai quá nhiều lần" in response.content.decode()
    assert client.get("/nop-truc-tuyen/").status_code == 302


def test_a_code_expires_after_ten_minutes(online):
    sent = timezone.now() - dt.timedelta(minutes=11)
    proof = p.request_code("0987654321", "10.0.0.1", now=sent)
    with pytest.raises(p.ProofError, match="hết hạn"):
        p.verify_code(proof.pk, last_code("0987654321"))
    fresh = p.request_code("0987654321", "10.0.0.1")
    assert p.verify_code(fresh.pk, last_code("0987654321")).verified_at is not None


def test_daily_cap_per_client_address_counted_in_the_database(online, settings):
    settings.MOTCUA_ONLINE_DAILY_PER_IP = 3
    client = Client(REMOTE_ADDR="203.0.113.7")
    for n in range(3):
        assert 'name="ma"' in ask(client, f"09120000{n:02d}").content.decode()
    # The request budget lives in the cache; the cap is the day's rows, so a restart (empty cache) does not reset it.
    cache.clear()
    page = ask(client, "0912000099").content.decode()
    assert "Hôm nay máy này đã yêu cầu quá nhiều mã xác minh" in page
    assert ContactProof.objects.count() == 3 and len(ConsoleSmsSender.outbox) == 3
    # Another address is not affected; yesterday's rows do not count.
    assert 'name="ma"' in ask(Client(REMOTE_ADDR="203.0.113.8"), "0912000099").content.decode()
    ContactProof.objects.filter(ip="203.0.113.7").update(created_at=timezone.now() - dt.timedelta(days=1))
    assert 'name="ma"' in ask(client, "0912000100").content.decode()


def test_daily_cap_per_phone_across_addresses(online, settings):
    settings.MOTCUA_ONLINE_DAILY_PER_CONTACT = 2
    for n in range(2):
        assert 'name="ma"' in ask(Client(REMOTE_ADDR=f"198.51.100.{n}"), "0987 654 321").content.decode()
    page = ask(Client(REMOTE_ADDR="198.51.100.9"), "0987.654.321").content.decode()
    assert "đã nhận quá nhiều mã xác minh hôm nay" in page
    assert len(ConsoleSmsSender.outbox) == 2


def test_bad_contact_is_refused_and_sends_nothing(online):
    page = ask(Client(), "gọi tôi").content.decode()
    assert "Xin ghi số điện thoại (8–20 chữ số) hoặc địa chỉ thư điện tử hợp lệ." in page and 'aria-invalid="true"' in page
    assert ContactProof.objects.count() == 0 and ConsoleSmsSender.outbox == [] and mail.outbox == []
