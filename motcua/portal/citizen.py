"""A citizen signed in through VNeID (motcua.accounts.oidc): their own dossiers, opened without the 4-digit check."""

from __future__ import annotations

from django.shortcuts import redirect
from django.views.decorators.http import require_POST, require_safe

from motcua.accounts.oidc import oidc_enabled, sign_out_citizen, signed_in_citizen
from motcua.dossiers.models import Dossier, PortalFiling, PortalFilingState
from motcua.forms.text import datetime_text
from motcua.portal.labels import label
from motcua.portal.ratelimit import rate_limited
from motcua.portal.views import add_applicant_context, find_dossier, public_page, status_context

# A citizen's dossiers over the years: the newest this many.
LIST_LIMIT = 200


@require_safe
def sign_in(request):
    """The sign-in page: a button to VNeID, or a word that it is not available here."""
    if signed_in_citizen(request):
        return redirect("portal:citizen_dossiers")
    context = {"enabled": oidc_enabled(), "failed": request.GET.get("loi") == "1"}
    return public_page(request, "portal/citizen_sign_in.html", context)


@require_POST
def sign_out(request):
    sign_out_citizen(request)
    return redirect("portal:citizen_sign_in")


@require_safe
def my_dossiers(request):
    """List the dossiers whose applicant's ID number is the signed-in citizen's, and their filings still waiting."""
    citizen = signed_in_citizen(request)
    if citizen is None:
        return redirect("portal:citizen_sign_in")
    dossiers = (
        Dossier.objects.filter(applicant_id_number=citizen["id_number"])
        .select_related("procedure", "unit")
        .order_by("-received_at", "code")[:LIST_LIMIT]
    )
    rows = [
        {
            "code": d.code,
            "procedure": d.procedure.name,
            "unit": d.unit.name,
            "status": label(d.get_status_display()),
            "received": datetime_text(d.received_at),
            "due": datetime_text(d.due_at),
        }
        for d in dossiers
    ]
    waiting = PortalFiling.objects.filter(applicant_id_number=citizen["id_number"]).exclude(state=PortalFilingState.ACCEPTED)
    filings = [
        {"code": f.code, "procedure": f.procedure.name, "unit": f.unit.name, "state": label(f.get_state_display()),
         "filed": datetime_text(f.filed_at), "reasons": f.reasons}
        for f in waiting.select_related("procedure", "unit").order_by("-filed_at")[:LIST_LIMIT]
    ]
    return public_page(request, "portal/citizen_dossiers.html", {"citizen": citizen, "dossiers": rows, "filings": filings})


@require_safe
@rate_limited
def my_dossier(request, code: str):
    """Open one of the citizen's own dossiers as after the 4-digit check; another's is not found."""
    citizen = signed_in_citizen(request)
    if citizen is None:
        return redirect("portal:citizen_sign_in")
    dossier = find_dossier(code.strip())
    if dossier is None or dossier.applicant_id_number != citizen["id_number"]:
        return public_page(request, "portal/not_found.html", {"code": ""}, status=404)
    context = status_context(dossier)
    add_applicant_context(request, dossier, context)
    return public_page(request, "portal/status.html", context)
