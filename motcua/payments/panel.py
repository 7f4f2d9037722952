"""What the payment panel of the desk's dossier page shows and offers."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.core.forms import CleanTextMixin
from motcua.dossiers.events import Verb
from motcua.dossiers.lifecycle import allowed_actions
from motcua.payments.actions import DESK_METHODS
from motcua.payments.balance import balance
from motcua.payments.models import DossierFee, Method, Payment

# Labels looked up in the catalog when shown (h14fees.po).
_METHOD_CHOICES = [(m.value, _(m.label)) for m in DESK_METHODS]  # noqa: INT001


class RecordPaymentForm(CleanTextMixin, forms.Form):
    amount = forms.IntegerField(label=_("Số tiền (đồng)"), min_value=1)
    method = forms.ChoiceField(label=_("Hình thức thanh toán"), choices=_METHOD_CHOICES, initial=Method.CASH)
    receipt = forms.CharField(label=_("Số biên lai điện tử / mã giao dịch"), max_length=64, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class RefundPaymentForm(CleanTextMixin, forms.Form):
    amount = forms.IntegerField(label=_("Số tiền hoàn trả (đồng)"), min_value=1)
    method = forms.ChoiceField(label=_("Hình thức hoàn trả"), choices=_METHOD_CHOICES, initial=Method.CASH)
    reason = forms.CharField(label=_("Lý do hoàn trả"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    version = forms.IntegerField(widget=forms.HiddenInput)


class ExemptFeeForm(CleanTextMixin, forms.Form):
    reason = forms.CharField(label=_("Lý do miễn phí, lệ phí"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    version = forms.IntegerField(widget=forms.HiddenInput)


FORMS = {"ghi-nhan": RecordPaymentForm, "hoan-tra": RefundPaymentForm, "mien": ExemptFeeForm}


def panel_context(user, dossier) -> dict:
    fee = DossierFee.objects.filter(dossier_id=dossier.pk).first()
    payments = list(Payment.objects.filter(dossier_id=dossier.pk).select_related("actor").order_by("at", "id"))
    b = balance(dossier)
    verbs = set(allowed_actions(user, dossier))
    initial = {"version": dossier.version}
    return {
        "dossier": dossier,
        "fee": fee,
        "payments": payments,
        "balance": b,
        "pay_form": RecordPaymentForm(initial={**initial, "amount": b.outstanding or None})
        if Verb.RECORD_PAYMENT in verbs and b.outstanding
        else None,
        "refund_form": RefundPaymentForm(initial=initial) if Verb.REFUND_PAYMENT in verbs and b.paid > 0 else None,
        "exempt_form": ExemptFeeForm(initial=initial) if Verb.EXEMPT_FEE in verbs and b.outstanding else None,
    }
