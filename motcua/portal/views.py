"""The public status page of a dossier: what anyone holding the code may know, and no personal data."""

from __future__ import annotations

import re

from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from motcua.dossiers.models import Dossier
from motcua.forms.text import datetime_text
from motcua.portal.ratelimit import rate_limited

# Dossier codes are {agency_id}-{yymmdd}-{seq}: letters, digits, dots and dashes.
_CODE = re.compile(r"^[A-Za-z0-9.\-]{1,64}$")


@require_safe
@rate_limited
def lookup(request):
    """Show the look-up form, or the status of the code given as ?ma=."""
    code = (request.GET.get("ma") or "").strip()
    if not code:
        return _page(request, "portal/lookup.html", {})
    return _status(request, code)


@require_safe
@rate_limited
def status(request, code: str):
    """Show the public status of a dossier."""
    return _status(request, code.strip())


def _status(request, code: str):
    dossier = _find(code)
    if dossier is None:
        return _page(request, "portal/not_found.html", {"code": code if _CODE.match(code) else ""}, status=404)
    apology = dossier.apologies.order_by("-issued_at", "-id").first()
    # Only what the receipt's holder already knows about the handling: never the
    # applicant (name, identity number, phone, e-mail, address) nor the staff.
    context = {
        "code": dossier.code,
        "procedure": dossier.procedure.name,
        "procedure_code": dossier.procedure.code,
        "unit": dossier.unit.name,
        "status": dossier.get_status_display(),
        "received": datetime_text(dossier.received_at),
        "due": datetime_text(dossier.due_at),
        "new_due": datetime_text(apology.new_due_at) if apology and apology.new_due_at else "",
        "resolved": datetime_text(dossier.resolved_at),
        "outcome": dossier.get_outcome_display() if dossier.outcome else "",
        "returned": datetime_text(dossier.returned_at),
    }
    return _page(request, "portal/status.html", context)


def _find(code: str) -> Dossier | None:
    if not _CODE.match(code):
        return None
    found = Dossier.objects.select_related("procedure", "unit").filter(code=code).first()
    if found is None and code != code.upper():
        # Typed from paper in lower case: agency identifiers are upper case.
        found = Dossier.objects.select_related("procedure", "unit").filter(code=code.upper()).first()
    return found


def _page(request, template: str, context: dict, status: int = 200):
    response = render(request, template, context, status=status)
    # The status changes as the dossier moves; and codes are not for search engines.
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
