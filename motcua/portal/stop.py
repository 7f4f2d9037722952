"""The applicant's online request to stop handling a dossier (TT 03/2025, Mẫu 05), after the 4-digit check."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from motcua.core.forms import CleanTextMixin
from motcua.dossiers.error_codes import DossierActionError, DossierErrorCode as E
from motcua.dossiers.events import Verb
from motcua.dossiers.lifecycle import TRANSITIONS
from motcua.dossiers.stopping import do_stop_dossier_online
from motcua.portal.labels import label, message
from motcua.portal.ratelimit import check_attempts_left, count_failed_check, rate_limited
from motcua.portal.views import _CODE, NOT_DIGITS, TOO_MANY_WRONG, WRONG_DIGITS, find_dossier, public_page


class StopRequestForm(CleanTextMixin, forms.Form):
    ly_do = forms.CharField(
        label=_("Lý do đề nghị dừng xử lý (không bắt buộc)"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    so_cuoi = forms.RegexField(
        label=_("4 chữ số cuối số điện thoại hoặc CCCD của người nộp"),
        regex=r"^[0-9]{4}$",
        error_messages={"required": NOT_DIGITS, "invalid": NOT_DIGITS},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 4, "autocomplete": "off"}),
    )


@require_http_methods(["GET", "HEAD", "POST"])
@rate_limited
def stop(request, code: str):
    """Let the applicant ask to stop handling a dossier still in progress."""
    dossier = find_dossier(code.strip())
    if dossier is None:
        return public_page(request, "portal/not_found.html", {"code": code if _CODE.match(code) else ""}, status=404)
    stoppable = dossier.status in TRANSITIONS[Verb.STOP].sources
    form = StopRequestForm(request.POST if request.method == "POST" and stoppable else None)
    context = {"code": dossier.code, "unit": dossier.unit.name, "stoppable": stoppable, "form": form, "error": ""}
    if form.is_bound and form.is_valid():
        key = f"dossier:{dossier.pk}"
        if not check_attempts_left(request, key):
            form.add_error("so_cuoi", TOO_MANY_WRONG)
        else:
            try:
                dossier = do_stop_dossier_online(dossier, form.cleaned_data["so_cuoi"], form.cleaned_data["ly_do"])
            except DossierActionError as error:
                if error.code == E.INVALID_APPLICANT:
                    count_failed_check(request, key)
                    form.add_error("so_cuoi", WRONG_DIGITS)
                else:
                    context["error"] = message(error.message[0].upper() + error.message[1:] + ".")
            else:
                context.update(stoppable=False, done=True, status=label(dossier.get_status_display()))
    return public_page(request, "portal/stop.html", context)
