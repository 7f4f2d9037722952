"""Fees of dossiers filed online: the dossier waits in "Chờ thanh toán" (national status 6) until the gateway confirms.

For the online form (motcua.portal): right after `do_submit_online_dossier`,
call `do_await_payment(dossier, quote)` when the quote has something to pay,
then redirect the citizen to `start_online_payment(dossier)`. The gateway
sends the citizen back to `payment_return_url(...)` and calls
`payment_callback_url()`; both (motcua.payments.views) end in
`settle_online_payment`, which records a `province_gateway` payment and
puts the dossier in the desk's hands ("Mới tiếp nhận"), its due time counted
from the payment.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from motcua.dossiers import actions as a
from motcua.dossiers.events import Verb, snapshot
from motcua.dossiers.models import Dossier, Status
from motcua.payments.actions import receive_when_paid
from motcua.payments.balance import balance, keep_quote
from motcua.payments.error_codes import PaymentActionError, PaymentErrorCode as P
from motcua.payments.gateway import PaymentGateway, configured_gateway
from motcua.payments.models import Method, OnlinePayment, OnlineStatus, Payment

# TrangThaiHoSo of the national portal (national-portal.md): 6 = financial obligation requested.
NATIONAL_STATUS = {Status.AWAITING_PAYMENT: 6}


def do_await_payment(dossier, quote, *, at=None) -> Dossier:
    """Keep the quote of a dossier just filed online and make it wait for its payment (no actor: the portal)."""
    if quote.total <= 0:
        raise PaymentActionError(P.NO_FEE, f"hồ sơ {dossier.code} không có phí, lệ phí phải nộp")
    with transaction.atomic():
        d = Dossier.objects.select_for_update(of=("self",)).get(pk=dossier.pk)
        if d.status != Status.RECEIVED or d.assignee_id is not None:
            raise PaymentActionError(P.NOT_AWAITING_PAYMENT, f"hồ sơ {d.code} đã được tiếp nhận xử lý, không chờ thanh toán")
        at = a._not_in_future(at or d.received_at, "thời điểm")
        before = snapshot(d, ["status"])
        fee = keep_quote(d, quote)
        d.status = Status.AWAITING_PAYMENT
        return a._finish(None, d, Verb.AWAIT_PAYMENT, at, before, data={"fee": fee})


def start_online_payment(dossier, *, gateway: PaymentGateway | None = None) -> str:
    """Open a payment of what the dossier still owes at the gateway; return the URL to send the citizen to."""
    gateway = gateway or configured_gateway()
    owed = balance(dossier).outstanding
    if owed <= 0:
        raise PaymentActionError(P.ALREADY_SETTLED, f"hồ sơ {dossier.code} không còn phí, lệ phí phải nộp")
    attempt = OnlinePayment.objects.create(dossier=dossier, amount=owed)
    reference = str(attempt.reference)
    started = gateway.start(
        reference,
        owed,
        f"Phí, lệ phí hồ sơ {dossier.code} — {dossier.procedure.name}"[:300],
        payment_return_url(reference),
        payment_callback_url(),
    )
    OnlinePayment.objects.filter(pk=attempt.pk).update(gateway_id=started.gateway_id)
    return started.pay_url


def payment_return_url(reference: str) -> str:
    return settings.MOTCUA_PUBLIC_URL.rstrip("/") + reverse("payments:online_return", args=[reference])


def payment_callback_url() -> str:
    return settings.MOTCUA_PUBLIC_URL.rstrip("/") + reverse("payments:online_callback")


def refresh_online_payment(reference: str, *, gateway: PaymentGateway | None = None) -> OnlinePayment:
    """Ask the gateway how a pending payment went and settle it (the browser came back; the callback may be lost)."""
    attempt = _attempt(reference)
    if attempt.status == OnlineStatus.PENDING and attempt.gateway_id:
        status = (gateway or configured_gateway()).status(attempt.gateway_id)
        if status != OnlineStatus.PENDING:
            return settle_online_payment(reference, status)
    return attempt


def settle_online_payment(reference: str, status: str, *, at=None) -> OnlinePayment:
    """Apply the gateway's verdict once: `paid` records a province_gateway payment; `failed` lets the citizen try again."""
    if status not in (OnlineStatus.PAID, OnlineStatus.FAILED):
        raise PaymentActionError(P.GATEWAY_FAILED, f"trạng thái thanh toán không rõ «{status}»")
    with transaction.atomic():
        attempt = _attempt(reference, lock=True)
        if attempt.status != OnlineStatus.PENDING:
            return attempt  # told twice (callback and return): the first one counted
        at = at or timezone.now()
        attempt.status, attempt.settled_at = status, at
        attempt.save(update_fields=["status", "settled_at"])
        if status == OnlineStatus.PAID:
            _record_gateway_payment(attempt, at)
    return attempt


def _record_gateway_payment(attempt: OnlinePayment, at) -> None:
    """The gateway's confirmation: a province_gateway line and its event, with no actor (like the portal's acts)."""
    d = Dossier.objects.select_for_update(of=("self",)).select_related("unit", "procedure").get(pk=attempt.dossier_id)
    payment = Payment.objects.create(
        dossier=d, at=at, amount=attempt.amount, method=Method.PROVINCE_GATEWAY, receipt=attempt.gateway_id[:64]
    )
    before = snapshot(d, ["status"])
    if d.status == Status.AWAITING_PAYMENT and balance(d).settled:
        before = snapshot(d, ["status", "due_at", "legal_due_at"])
        receive_when_paid(d, at)
    data = {"payment": payment.pk, "amount": attempt.amount, "method": str(Method.PROVINCE_GATEWAY), "receipt": payment.receipt}
    a._finish(None, d, Verb.RECORD_PAYMENT, at, before, data=data)


def _attempt(reference: str, lock: bool = False) -> OnlinePayment:
    rows = OnlinePayment.objects.select_related("dossier")
    if lock:
        rows = rows.select_for_update(of=("self",))
    try:
        return rows.get(reference=reference)
    except (OnlinePayment.DoesNotExist, ValueError, ValidationError):
        raise PaymentActionError(P.UNKNOWN_PAYMENT, "không tìm thấy giao dịch thanh toán") from None
