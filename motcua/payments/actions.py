"""Every change of a dossier's payments: `do_record_payment`, `do_refund_payment`, `do_exempt_fee`.

Like motcua.dossiers.actions: one transaction each that locks the dossier,
checks the actor, the expected version and the status (lifecycle.TRANSITIONS),
appends the payment line, bumps the dossier's version and records the event
in its history. A refused action raises PaymentActionError and changes nothing.
"""

from __future__ import annotations

from django.db import transaction

from motcua.dossiers import actions as a
from motcua.dossiers.events import Verb, snapshot
from motcua.dossiers.deadlines import legal_due
from motcua.dossiers.models import Dossier, Status
from motcua.lib.cleaning import problem as text_problem
from motcua.payments.balance import balance
from motcua.payments.error_codes import PaymentActionError, PaymentErrorCode as P
from motcua.payments.fees import AMOUNT_MAX, dong
from motcua.payments.models import Method, Payment
from motcua.workdays.service import due_for_unit

# Paid by a person at the desk; the gateway's confirmations go through motcua.payments.online.
DESK_METHODS = (Method.CASH, Method.BANK_TRANSFER, Method.PORTAL)
RECEIPT_MAX = 64

__all__ = ["do_record_payment", "do_refund_payment", "do_exempt_fee", "PaymentActionError"]


def _fail(code: P, message: str):
    raise PaymentActionError(code, message)


def do_record_payment(actor, dossier, amount, method, receipt="", *, at=None, expected_version=None) -> Dossier:
    """Record a fee paid for the dossier: cash at the counter (with its e-receipt number), bank transfer, or the national portal."""
    with transaction.atomic():
        d, at = a._begin(actor, dossier, Verb.RECORD_PAYMENT, expected_version, at)
        if method not in DESK_METHODS:
            _fail(P.INVALID_METHOD, f"hình thức thanh toán «{method}» không ghi nhận được tại quầy")
        amount = _amount(amount, "số tiền nộp")
        if amount == 0:
            _fail(P.INVALID_AMOUNT, "số tiền nộp phải lớn hơn 0 đ (hồ sơ không phải nộp thì ghi miễn phí, lệ phí)")
        receipt = _text(receipt, "số biên lai", RECEIPT_MAX)
        if method == Method.CASH and not receipt:
            _fail(P.RECEIPT_REQUIRED, "cần ghi số biên lai điện tử đã cấp cho người nộp tiền mặt")
        b = balance(d)
        if b.due == 0:
            _fail(P.NO_FEE, f"hồ sơ {d.code} không có phí, lệ phí phải nộp")
        if amount > b.outstanding:
            _fail(P.INVALID_AMOUNT, f"số tiền {dong(amount)} vượt số còn phải nộp {dong(b.outstanding)}")
        return _append(actor, d, Verb.RECORD_PAYMENT, at, amount, method, receipt, "")


def do_refund_payment(actor, dossier, amount, reason, method=Method.CASH, receipt="", *, at=None, expected_version=None) -> Dossier:
    """Give back part or all of what was paid, as a negative line with its reason."""
    with transaction.atomic():
        d, at = a._begin(actor, dossier, Verb.REFUND_PAYMENT, expected_version, at)
        if method not in DESK_METHODS + (Method.PROVINCE_GATEWAY,):
            _fail(P.INVALID_METHOD, f"hình thức hoàn trả «{method}» không hợp lệ")
        amount = _amount(amount, "số tiền hoàn trả")
        reason = _reason(reason, "cần ghi lý do hoàn trả phí, lệ phí")
        receipt = _text(receipt, "số chứng từ", RECEIPT_MAX)
        paid = balance(d).paid
        if amount == 0 or amount > paid:
            _fail(P.NOTHING_TO_REFUND, f"số tiền hoàn trả phải từ 1 đ đến số đã nộp ({dong(paid)})")
        return _append(actor, d, Verb.REFUND_PAYMENT, at, -amount, method, receipt, reason)


def do_exempt_fee(actor, dossier, reason, *, at=None, expected_version=None) -> Dossier:
    """Exempt the dossier from its fee, with the reason (e.g. the applicant's group and paper shown)."""
    with transaction.atomic():
        d, at = a._begin(actor, dossier, Verb.EXEMPT_FEE, expected_version, at)
        reason = _reason(reason, "cần ghi lý do miễn phí, lệ phí")
        b = balance(d)
        if b.due == 0:
            _fail(P.NO_FEE, f"hồ sơ {d.code} không có phí, lệ phí phải nộp")
        if b.exempt_reason:
            _fail(P.ALREADY_SETTLED, f"hồ sơ {d.code} đã được miễn phí, lệ phí")
        return _append(actor, d, Verb.EXEMPT_FEE, at, 0, Method.EXEMPT, "", reason)


def _append(actor, d, verb, at, amount, method, receipt, reason) -> Dossier:
    """Append the payment line; a dossier filed online that waited for its fee is received once settled."""
    payment = Payment.objects.create(dossier=d, at=at, amount=amount, method=method, receipt=receipt, reason=reason, actor=actor)
    before = snapshot(d, ["status"])
    if d.status == Status.AWAITING_PAYMENT and balance(d).settled:
        before = snapshot(d, ["status", "due_at", "legal_due_at"])
        receive_when_paid(d, at)
    data = {"payment": payment.pk, "amount": amount, "method": str(method), "receipt": receipt}
    return a._finish(actor, d, verb, at, before, reason=reason, data=data)


def receive_when_paid(d: Dossier, at) -> None:
    """Put a dossier that waited for its fee in the desk's hands, its time to resolve counted from the payment."""
    value, duration_unit = d.procedure.committed_duration
    d.status = Status.RECEIVED
    d.due_at = due_for_unit(d.unit, at, value, duration_unit)
    d.legal_due_at = legal_due(d.unit, d.procedure, at)


def _amount(value, what: str) -> int:
    if isinstance(value, bool):
        value = None
    try:
        number = int(str(value).strip().replace(".", ""))
    except (TypeError, ValueError):
        _fail(P.INVALID_AMOUNT, f"{what} phải là số nguyên đồng, nhận được «{value}»")
    if not 0 <= number <= AMOUNT_MAX:
        _fail(P.INVALID_AMOUNT, f"{what} phải từ 0 đến {dong(AMOUNT_MAX)}")
    return number


def _text(value, what: str, limit: int) -> str:
    text = " ".join(str(value or "").split())
    bad = text_problem(text) if text else None
    if bad:
        _fail(P.RECEIPT_REQUIRED, f"{what}: {bad}")
    if len(text) > limit:
        _fail(P.RECEIPT_REQUIRED, f"{what} dài {len(text)} ký tự, tối đa {limit}")
    return text


def _reason(value, message: str) -> str:
    text = str(value or "").strip()
    if not text:
        _fail(P.REASON_REQUIRED, message)
    bad = text_problem(text, multiline=True)
    if bad:
        _fail(P.REASON_REQUIRED, f"lý do: {bad}")
    return text
