"""Payments, refunds and exemptions: one line and one history event each, in one transaction; return refused while unpaid."""

import pytest

from motcua.dossiers import actions as a
from motcua.dossiers.error_codes import DossierActionError, DossierErrorCode
from motcua.dossiers.models import DossierEvent, Status
from motcua.payments.actions import do_exempt_fee, do_record_payment, do_refund_payment
from motcua.payments.balance import balance
from motcua.payments.error_codes import PaymentActionError, PaymentErrorCode as P
from motcua.payments.fees import amount_due
from motcua.payments.models import DossierFee, Payment

from .conftest import receive, vn

pytestmark = pytest.mark.django_db


def receive_with_fee(desk, procedure, at=None, copies=2, pages=3, group=None):
    quote = amount_due(procedure, copies=copies, pages=pages, group=group)
    return receive(desk, at or vn(2023, 6, 5, 8, 0), procedure=procedure, fee=quote)


def approve(desk, d, day=5):
    d = a.do_assign_dossier(desk.officer, d, desk.specialist, at=vn(2023, 6, day, 8, 30))
    d = a.do_start_processing(desk.specialist, d, at=vn(2023, 6, day, 9, 0))
    d = a.do_submit_for_decision(desk.specialist, d, at=vn(2023, 6, day, 9, 30))
    return a.do_approve_dossier(desk.leader, d, at=vn(2023, 6, day, 10, 0))


def test_the_quote_is_kept_with_the_dossier_and_its_receipt_event(desk, certify):
    d = receive_with_fee(desk, certify)
    fee = DossierFee.objects.get(dossier=d)
    # 12.000 (pages) + 6.000 (copies) + 5.000 (dossier) = 23.000 đ.
    assert (fee.copies, fee.pages, fee.total) == (2, 3, 23000)
    receipt = DossierEvent.objects.get(dossier=d, verb="receive")
    assert receipt.data["fee"]["total"] == 23000 and receipt.data["fee"]["lines"][0]["units"] == 6


def test_cash_payment_is_a_line_and_an_event(desk, certify):
    d = receive_with_fee(desk, certify)
    d = do_record_payment(desk.officer, d, 23000, "cash", "BL-2023-000001", at=vn(2023, 6, 5, 8, 5), expected_version=1)
    assert d.version == 2 and d.status == Status.RECEIVED
    p = Payment.objects.get(dossier=d)
    assert (p.amount, p.method, p.receipt, p.actor) == (23000, "cash", "BL-2023-000001", desk.officer)
    event = DossierEvent.objects.get(dossier=d, verb="record_payment")
    assert (event.actor, event.at, event.data["amount"], event.data["receipt"]) == (desk.officer, vn(2023, 6, 5, 8, 5), 23000, "BL-2023-000001")
    assert balance(d).settled


def test_refund_is_a_negative_line_with_its_reason(desk, certify):
    d = receive_with_fee(desk, certify)
    d = do_record_payment(desk.officer, d, 23000, "cash", "BL-1", at=vn(2023, 6, 5, 8, 5))
    d = do_refund_payment(desk.officer, d, 6000, "Người nộp chỉ cần 1 bản", at=vn(2023, 6, 5, 8, 10))
    refund = Payment.objects.get(dossier=d, amount__lt=0)
    assert (refund.amount, refund.reason) == (-6000, "Người nộp chỉ cần 1 bản")
    event = DossierEvent.objects.get(dossier=d, verb="refund_payment")
    assert event.reason == "Người nộp chỉ cần 1 bản" and event.data["amount"] == -6000
    # 23.000 − 6.000 = 17.000 paid, 6.000 owed again.
    assert (balance(d).paid, balance(d).outstanding) == (17000, 6000)


def test_exemption_needs_a_reason_and_settles_the_fee(desk, certify):
    d = receive_with_fee(desk, certify)
    with pytest.raises(PaymentActionError) as refused:
        do_exempt_fee(desk.officer, d, "  ", at=vn(2023, 6, 5, 8, 5))
    assert refused.value.code is P.REASON_REQUIRED
    assert not Payment.objects.exists() and not DossierEvent.objects.filter(verb="exempt_fee").exists()
    d = do_exempt_fee(desk.officer, d, "Người có công, giấy chứng nhận số 123", at=vn(2023, 6, 5, 8, 5))
    line = Payment.objects.get(dossier=d)
    assert (line.amount, line.method, line.reason) == (0, "exempt", "Người có công, giấy chứng nhận số 123")
    assert DossierEvent.objects.get(dossier=d, verb="exempt_fee").reason == "Người có công, giấy chứng nhận số 123"
    assert balance(d).settled


@pytest.mark.parametrize(
    "amount, method, receipt, code",
    [
        (23000, "cash", "", P.RECEIPT_REQUIRED),  # cash needs the e-receipt number
        (0, "cash", "BL-1", P.INVALID_AMOUNT),
        (24000, "cash", "BL-1", P.INVALID_AMOUNT),  # more than the 23.000 owed
        ("hai mươi", "cash", "BL-1", P.INVALID_AMOUNT),
        (23000, "province_gateway", "X", P.INVALID_METHOD),  # only the gateway records its own payments
    ],
)
def test_refused_payments_change_nothing(desk, certify, amount, method, receipt, code):
    d = receive_with_fee(desk, certify)
    with pytest.raises(PaymentActionError) as refused:
        do_record_payment(desk.officer, d, amount, method, receipt, at=vn(2023, 6, 5, 8, 5))
    assert refused.value.code is code
    assert not Payment.objects.exists()
    assert DossierEvent.objects.filter(dossier=d).count() == 1


def test_stale_version_and_role_are_checked(desk, certify):
    d = receive_with_fee(desk, certify)
    with pytest.raises(DossierActionError) as stale:
        do_record_payment(desk.officer, d, 23000, "cash", "BL-1", expected_version=7)
    assert stale.value.code is DossierErrorCode.STALE_VERSION
    with pytest.raises(DossierActionError) as role:
        do_record_payment(desk.specialist, d, 23000, "cash", "BL-1")
    assert role.value.code is DossierErrorCode.FORBIDDEN_ROLE
    with pytest.raises(DossierActionError) as scope:
        do_record_payment(desk.officer_b, d, 23000, "cash", "BL-1")
    assert scope.value.code is DossierErrorCode.OUT_OF_SCOPE
    assert not Payment.objects.exists()


def test_a_dossier_without_a_fee_has_nothing_to_pay(desk):
    d = receive(desk, vn(2023, 6, 5, 8, 0))
    with pytest.raises(PaymentActionError) as refused:
        do_record_payment(desk.officer, d, 1000, "cash", "BL-1", at=vn(2023, 6, 5, 8, 5))
    assert refused.value.code is P.NO_FEE
    # Nothing to pay: the result goes back as before.
    d = approve(desk, d)
    assert a.do_return_result(desk.officer, d, at=vn(2023, 6, 5, 11, 0)).status == Status.RETURNED


def test_return_is_refused_while_the_fee_is_unpaid(desk, certify):
    d = approve(desk, receive_with_fee(desk, certify))
    with pytest.raises(DossierActionError) as refused:
        a.do_return_result(desk.officer, d, at=vn(2023, 6, 5, 11, 0))
    assert refused.value.code is DossierErrorCode.FEE_UNPAID
    assert refused.value.message == (
        f"hồ sơ {d.code} còn nợ phí, lệ phí 23.000 đ (phải nộp 23.000 đ, đã nộp 0 đ): "
        "cần ghi nhận thanh toán hoặc miễn phí, lệ phí có lý do trước khi trả kết quả"
    )
    d.refresh_from_db()
    assert d.status == Status.APPROVED
    # Part paid is still unpaid: 23.000 − 20.000 = 3.000 owed.
    d = do_record_payment(desk.officer, d, 20000, "cash", "BL-1", at=vn(2023, 6, 5, 11, 5))
    with pytest.raises(DossierActionError, match="còn nợ phí, lệ phí 3.000 đ"):
        a.do_return_result(desk.officer, d, at=vn(2023, 6, 5, 11, 10))
    d = do_record_payment(desk.officer, d, 3000, "bank_transfer", "UNC-9", at=vn(2023, 6, 5, 11, 15))
    assert a.do_return_result(desk.officer, d, at=vn(2023, 6, 5, 11, 20)).status == Status.RETURNED


def test_an_exempted_dossier_is_returned_without_payment(desk, certify):
    d = approve(desk, receive_with_fee(desk, certify))
    d = do_exempt_fee(desk.leader, d, "Hộ nghèo, sổ số 45", at=vn(2023, 6, 5, 11, 0))
    assert a.do_return_result(desk.officer, d, at=vn(2023, 6, 5, 11, 5)).status == Status.RETURNED


def test_a_group_exempt_from_every_line_owes_nothing(desk, certify, poor):
    from motcua.payments.models import FeeExemption

    for name in ("Phí cấp bản sao", "Phí hồ sơ"):
        FeeExemption.objects.create(group=poor, procedure=certify, fee_name=name)
    d = approve(desk, receive_with_fee(desk, certify, group=poor))
    assert DossierFee.objects.get(dossier=d).total == 0
    assert a.do_return_result(desk.officer, d, at=vn(2023, 6, 5, 11, 0)).status == Status.RETURNED


def test_cash_for_a_dossier_waiting_for_its_fee_puts_it_in_the_desks_hands(desk, certify):
    from motcua.payments.online import do_await_payment

    d = receive(desk, vn(2023, 6, 5, 8, 0), procedure=certify)
    d = do_await_payment(d, amount_due(certify, copies=2, pages=3))
    assert d.status == Status.AWAITING_PAYMENT
    # Part paid: it still waits (23.000 − 20.000 = 3.000 owed).
    d = do_record_payment(desk.officer, d, 20000, "cash", "BL-1", at=vn(2023, 6, 5, 9, 0))
    assert d.status == Status.AWAITING_PAYMENT
    # Paid in full on Tuesday 6 June 08:00: received, the 3 working days counted from then (Friday 9 June 08:00).
    d = do_record_payment(desk.officer, d, 3000, "cash", "BL-2", at=vn(2023, 6, 6, 8, 0))
    assert d.status == Status.RECEIVED and d.due_at == vn(2023, 6, 9, 8, 0)
    event = DossierEvent.objects.filter(dossier=d, verb="record_payment").last()
    assert (event.from_status, event.to_status) == ("awaiting_payment", "received")
    assert event.data["after"]["due_at"].startswith("2023-06-09T08:00")
