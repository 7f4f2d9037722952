"""The dossier page: everything about one dossier, the actions its state and the user's role allow, its files."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST, require_safe

from motcua.accounts.scoping import scoped
from motcua.desk.dossier_actions import STALE, Outcome, allowed_specs, run_action
from motcua.desk.dossier_facts import page_facts
from motcua.dossiers.models import Attachment, Dossier
from motcua.nationalportal.delivery import dossier_sync_state
from motcua.privacy.log import log_dossier_view


def get_scoped_dossier(user, code: str) -> Dossier:
    """Return the dossier `code` of the user's units; another unit's or an unknown code is 404."""
    return get_object_or_404(
        scoped(Dossier.objects.select_related("unit", "procedure__field", "assignee", "current_step"), user), code=code
    )


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def action_panels(user, dossier: Dossier, outcome: Outcome | None = None) -> tuple[list[dict], str]:
    """Return one panel per allowed action (with the failed form in place) and an error no panel can hold."""
    panels, loose_error = [], ""
    placed = False
    for spec in allowed_specs(user, dossier):
        panel = {"spec": spec, "url": reverse("desk:dossier_action", args=[dossier.code, spec.slug]), "notice": ""}
        if outcome is not None and not outcome.ok and outcome.spec is spec:
            placed = True
            if outcome.status == 409:
                # A fresh form carries the new version; the officer reads the page again before acting.
                panel["form"] = spec.form(dossier=dossier)
                panel["notice"] = gettext(STALE)
            else:
                panel["form"] = outcome.form
            panel["open"] = True
        else:
            panel["form"] = spec.form(dossier=dossier)
        panels.append(panel)
    if outcome is not None and not outcome.ok and not placed:
        loose_error = outcome.message
    return panels, loose_error


def page_context(request, dossier: Dossier, outcome: Outcome | None = None) -> dict:
    panels, action_error = action_panels(request.user, dossier, outcome)
    return {
        "dossier": dossier,
        "facts": page_facts(dossier),
        "portal_sync": dossier_sync_state(dossier),
        "panels": panels,
        "action_error": action_error,
        "notice": outcome.message if outcome is not None and outcome.ok else "",
    }


@require_safe
@login_required
def dossier_page(request, code: str):
    """Show one dossier of the user's units with its history and the actions allowed now."""
    dossier = get_scoped_dossier(request.user, code)
    log_dossier_view(request, dossier)  # personal data read (motcua/privacy)
    return render(request, "desk/dossier.html", page_context(request, dossier))


@require_POST
@login_required
def dossier_action(request, code: str, action: str):
    """Perform one action on the dossier; htmx gets the page body back, a plain form post a redirect."""
    dossier = get_scoped_dossier(request.user, code)
    outcome = run_action(request.user, dossier, action, request.POST, request.FILES)
    if outcome.ok:
        # Reload: the action returned a fresh row, but its joined rows were not re-read.
        dossier = get_scoped_dossier(request.user, code)
        if is_htmx(request):
            return render(request, "desk/dossier_body.html", page_context(request, dossier, outcome))
        messages.success(request, outcome.message)
        return redirect("desk:dossier", code=dossier.code)
    if outcome.status == 409:
        dossier = get_scoped_dossier(request.user, code)
    context = page_context(request, dossier, outcome)
    if is_htmx(request):
        # htmx swaps 2xx answers only; the errors are in the body.
        return render(request, "desk/dossier_body.html", context)
    return render(request, "desk/dossier.html", context, status=outcome.status)


@require_safe
@login_required
def attachment_download(request, code: str, pk: int):
    """Send a stored scan of a dossier of the user's units."""
    dossier = get_scoped_dossier(request.user, code)
    attachment = get_object_or_404(Attachment, dossier=dossier, pk=pk)
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404(gettext("Tệp không còn trong kho lưu trữ.")) from None
    log_dossier_view(request, dossier, detail=f"Tệp số hóa số {pk}")  # personal data read (motcua/privacy)
    # ?xem=1 opens a PDF in the browser (to read a draft, or print a signed result at the counter).
    inline = request.GET.get("xem") == "1" and attachment.content_type == "application/pdf"
    response = FileResponse(
        handle, content_type=attachment.content_type, as_attachment=not inline, filename=attachment.original_name or f"tep-{pk}"
    )
    # Personal papers: never kept by a shared cache.
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


__all__ = ["dossier_page", "dossier_action", "attachment_download", "get_scoped_dossier"]
