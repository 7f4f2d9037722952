"""Amounts in đồng, fee units, and the payment panel of the desk's dossier page."""

from django import template
from django.utils.translation import get_language, gettext, gettext_noop

from motcua.payments.fees import dong as _dong

register = template.Library()

_PER = {"dossier": gettext_noop("hồ sơ"), "copy": gettext_noop("bản"), "page": gettext_noop("trang")}


@register.filter
def dong(amount):
    """12000 → "12.000 đ" (in English: "12,000 VND")."""
    try:
        amount = int(amount)
    except (TypeError, ValueError):
        return ""
    if get_language() == "en":
        return f"{amount:,} VND"
    return _dong(amount)


@register.filter
def per_label(per):
    return gettext(_PER.get(per, per or ""))


@register.inclusion_tag("payments/_panel.html", takes_context=True)
def payment_panel(context, dossier):
    from motcua.payments.panel import panel_context

    return {**panel_context(context["request"].user, dossier), "csrf_token": context.get("csrf_token")}
