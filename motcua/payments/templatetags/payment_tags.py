"""Amounts in đồng, fee units, and the payment panel of the desk's dossier page."""

from django import template
from django.utils.translation import gettext, gettext_noop

from motcua.payments.fees import dong as _dong

register = template.Library()

_PER = {"dossier": gettext_noop("hồ sơ"), "copy": gettext_noop("bản"), "page": gettext_noop("trang")}


@register.filter
def dong(amount):
    """12000 → "12.000 đ"."""
    try:
        return _dong(int(amount))
    except (TypeError, ValueError):
        return ""


@register.filter
def per_label(per):
    return gettext(_PER.get(per, per or ""))


@register.inclusion_tag("payments/_panel.html", takes_context=True)
def payment_panel(context, dossier):
    from motcua.payments.panel import panel_context

    return {**panel_context(context["request"].user, dossier), "csrf_token": context.get("csrf_token")}
