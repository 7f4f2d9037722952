"""The fee part of the intake page: what the officer asks (copies, pages, group) and the quote it gives."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from motcua.payments.fees import COUNT_MAX, FeeInputError, Quote, amount_due
from motcua.payments.models import ApplicantGroup

# The intake form's fields (posted with the rest of the form, and by the htmx quote request).
COPIES, PAGES, GROUP = "fee_copies", "fee_pages", "fee_group"


def quote_from_post(procedure, data) -> tuple[Quote | None, str]:
    """Return (the quote, "") for what the form asks, (None, "") when the procedure has no fee, or (None, problem)."""
    if procedure is None or not procedure.fees:
        return None, ""
    copies = (data.get(COPIES) or "1").strip()
    pages = (data.get(PAGES) or "1").strip()
    group = (data.get(GROUP) or "").strip()
    if group and not ApplicantGroup.objects.filter(code=group).exists():
        return None, _("Đối tượng được miễn phí, lệ phí không có trong danh sách, hãy chọn lại.")
    try:
        return amount_due(procedure, copies=copies, pages=pages, group=group or None), ""
    except FeeInputError:
        return None, _("Số bản và số trang phải là số nguyên từ 1 đến %(max)s.") % {"max": COUNT_MAX}


def fee_context(procedure, data=None, quote_url: str | None = None) -> dict:
    """The context of payments/_intake_fee.html: the fields to ask and the quote so far.

    `quote_url` is where the partial asks for a new quote as the numbers change:
    the desk's intake (staff) by default; the public online form passes its own.
    """
    if procedure is None or not procedure.fees:
        return {"fee": None}
    data = data or {}
    quote, problem = quote_from_post(procedure, data)
    per = {line["per"] for line in procedure.fees}
    return {
        "fee": {
            "procedure": procedure,
            "quote_url": quote_url or reverse("payments:intake_quote", args=[procedure.pk]),
            "asks_copies": bool(per & {"copy", "page"}),
            "asks_pages": "page" in per,
            "copies": data.get(COPIES) or "1",
            "pages": data.get(PAGES) or "1",
            "group": data.get(GROUP) or "",
            "groups": list(ApplicantGroup.objects.order_by("name").values_list("code", "name")),
            "quote": quote,
            "error": problem,
        }
    }
