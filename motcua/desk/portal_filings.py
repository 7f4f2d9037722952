"""Dossiers filed on the national portal, waiting at the desk: the list, one filing, accept or refuse it."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from motcua.accounts.models import Role
from motcua.accounts.scoping import scoped
from motcua.core.forms import CleanTextMixin
from motcua.desk.forms import VietnameseErrorsMixin
from motcua.dossiers.error_codes import DossierActionError
from motcua.dossiers.models import PortalFiling, PortalFilingState
from motcua.dossiers.portal_filings import do_accept_portal_filing, do_refuse_portal_filing
from motcua.portal.labels import message as domain_message
from motcua.privacy.log import log_export

# Who decides on a filing (the domain checks again): the desk officers of its unit.
DECIDING_ROLES = {Role.DESK_OFFICER}


class RefuseFilingForm(CleanTextMixin, VietnameseErrorsMixin, forms.Form):
    reasons = forms.CharField(
        label=_("Lý do không tiếp nhận (mỗi dòng một ý)"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reasons"].error_messages["required"] = _("Cần ghi rõ lý do không tiếp nhận hồ sơ.")

    def reason_lines(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["reasons"].splitlines() if line.strip()]


def _filings(user):
    return scoped(PortalFiling.objects.select_related("unit", "procedure", "dossier", "decided_by"), user)


def _sentence(text: str) -> str:
    text = domain_message(text).strip()
    return (text[:1].upper() + text[1:]).rstrip(".") + "."


@require_safe
@login_required
def filing_list(request):
    """List the filings of the user's units: those waiting first, then the 50 last decided."""
    filings = _filings(request.user)
    waiting = list(filings.filter(state=PortalFilingState.FILED).order_by("filed_at", "id"))
    decided = list(filings.exclude(state=PortalFilingState.FILED).order_by("-decided_at", "-id")[:50])
    if waiting or decided:
        log_export(request, len(waiting) + len(decided), "Danh sách hồ sơ nộp trên Cổng DVC quốc gia")
    return render(request, "desk/portal_filings.html", {"waiting": waiting, "decided": decided})


def _filing_page(request, filing, form, status=200, error=""):
    can_decide = filing.state == PortalFilingState.FILED and request.user.role in DECIDING_ROLES
    context = {"filing": filing, "form": form, "can_decide": can_decide, "error": error}
    return render(request, "desk/portal_filing.html", context, status=status)


@require_safe
@login_required
def filing_detail(request, pk: int):
    """Show one filing as the portal sent it, with the accept and refuse buttons while it waits."""
    filing = get_object_or_404(_filings(request.user), pk=pk)
    log_export(request, 1, f"Hồ sơ nộp trên Cổng {filing.code}")
    return _filing_page(request, filing, RefuseFilingForm())


@require_POST
@login_required
def filing_accept(request, pk: int):
    """Accept a filing: the dossier is received now, with its code and due time; go to its page."""
    filing = get_object_or_404(_filings(request.user), pk=pk)
    try:
        dossier = do_accept_portal_filing(request.user, filing)
    except DossierActionError as error:
        filing.refresh_from_db()
        return _filing_page(request, filing, RefuseFilingForm(), status=409, error=_sentence(error.message))
    return redirect("desk:dossier", code=dossier.code)


@require_http_methods(["POST"])
@login_required
def filing_refuse(request, pk: int):
    """Refuse a filing with its reasons; the portal is told status 3."""
    filing = get_object_or_404(_filings(request.user), pk=pk)
    if request.user.role not in DECIDING_ROLES:
        raise PermissionDenied
    form = RefuseFilingForm(request.POST)
    if form.is_valid():
        try:
            do_refuse_portal_filing(request.user, filing, form.reason_lines())
        except DossierActionError as error:
            form.add_error(None, _sentence(error.message))
        else:
            return redirect("desk:portal_filing", pk=filing.pk)
    form.mark_invalid()
    filing.refresh_from_db()
    return _filing_page(request, filing, form, status=422)
