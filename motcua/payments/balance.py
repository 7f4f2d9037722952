"""What a dossier owes: its quoted fee, what was paid, exempted or refunded, and what is left."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Sum

from motcua.payments.fees import Quote, dong
from motcua.payments.models import DossierFee, Method, Payment


@dataclass(frozen=True)
class Balance:
    due: int  # the quoted total (0: no fee)
    paid: int  # the sum of the payment lines, refunds negative
    exempt_reason: str  # the reason of the latest exemption still standing, "" when none

    @property
    def outstanding(self) -> int:
        if self.exempt_reason:
            return 0
        return max(self.due - self.paid, 0)

    @property
    def settled(self) -> bool:
        return self.outstanding == 0


def keep_quote(dossier, quote: Quote) -> dict:
    """Store the fee quoted at intake with the dossier (inside the receipt's transaction); return it for the event."""
    DossierFee.objects.create(
        dossier=dossier,
        copies=quote.copies,
        pages=quote.pages,
        group=quote.group,
        lines=[line.as_dict() for line in quote.lines],
        total=quote.total,
    )
    return quote.as_dict()


def balance(dossier) -> Balance:
    """Return the dossier's fee balance (two or three small queries)."""
    due = DossierFee.objects.filter(dossier_id=dossier.pk).values_list("total", flat=True).first() or 0
    lines = Payment.objects.filter(dossier_id=dossier.pk)
    paid = lines.exclude(method=Method.EXEMPT).aggregate(s=Sum("amount"))["s"] or 0
    exempt_reason = ""
    last_exempt = lines.filter(method=Method.EXEMPT).order_by("-at", "-id").first()
    if last_exempt is not None and last_exempt.amount == 0:
        exempt_reason = last_exempt.reason
    return Balance(due, paid, exempt_reason)


def unpaid_problem(dossier) -> str:
    """Return why the dossier's result cannot be handed over for its fee ("" when nothing is owed)."""
    b = balance(dossier)
    if b.settled:
        return ""
    return (
        f"hồ sơ {dossier.code} còn nợ phí, lệ phí {dong(b.outstanding)} (phải nộp {dong(b.due)}, đã nộp {dong(b.paid)}): "
        "cần ghi nhận thanh toán hoặc miễn phí, lệ phí có lý do trước khi trả kết quả"
    )
