"""The public status page of a dossier: what anyone holding the code may know; the applicant, masked, after a check."""

from __future__ import annotations

import re

from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext, gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from motcua.dossiers.error_codes import DossierActionError, DossierErrorCode as E
from motcua.dossiers.events import Verb
from motcua.dossiers.models import Channel, Dossier, Rating, RatingChannel, RatingValue
from motcua.dossiers.online import RATEABLE_STATUSES, applicant_matches, do_rate_dossier_online
from motcua.forms.text import datetime_text
from motcua.lib.masking import mask_id_tail, mask_name, mask_phone_tail
from motcua.portal.labels import label, message
from motcua.portal.ratelimit import check_attempts_left, count_failed_check, rate_limited
from motcua.portal.results import remember_check, result_download_url

# Dossier codes are {agency_id}-{yymmdd}-{seq}: letters, digits, dots and dashes.
_CODE = re.compile(r"^[A-Za-z0-9.\-]{1,64}$")
# The steps a citizen is told about; filing scans, ratings and publication are the office's business.
PUBLIC_VERBS = frozenset(
    {
        Verb.RECEIVE,
        Verb.ASSIGN,
        Verb.START_PROCESSING,
        Verb.HAND_OVER,
        Verb.REQUEST_SUPPLEMENT,
        Verb.RECEIVE_SUPPLEMENT,
        Verb.SUBMIT_FOR_DECISION,
        Verb.SEND_BACK,
        Verb.APPROVE,
        Verb.REFUSE,
        Verb.ISSUE_APOLOGY,
        Verb.WITHDRAW,
        Verb.STOP,
        Verb.TRANSFER,
        Verb.RECEIVE_BACK,
        Verb.RETURN_RESULT,
    }
)
WRONG_DIGITS = _("4 chữ số vừa nhập không khớp với số điện thoại hoặc số định danh của người nộp hồ sơ.")
# Dossiers submitted on this portal, whose receipt (Mẫu 01) it gives back after the check.
ONLINE_CHANNELS = frozenset({Channel.ONLINE_PARTIAL, Channel.ONLINE_FULL})
NOT_DIGITS = _("Xin nhập đúng 4 chữ số (0–9).")
TOO_MANY_WRONG = _("Bạn đã nhập sai quá nhiều lần; xin thử lại sau một giờ hoặc liên hệ bộ phận một cửa.")


@require_safe
@rate_limited
def lookup(request):
    """Show the look-up form, or the status of the code given as ?ma=."""
    code = (request.GET.get("ma") or "").strip()
    if not code:
        return public_page(request, "portal/lookup.html", {})
    return _status(request, code)


@require_http_methods(["GET", "HEAD", "POST"])
@rate_limited
def status(request, code: str):
    """Show the public status of a dossier; on POST, check the 4 digits and show the applicant masked."""
    return _status(request, code.strip())


def _status(request, code: str):
    dossier = find_dossier(code)
    if dossier is None:
        return public_page(request, "portal/not_found.html", {"code": code if _CODE.match(code) else ""}, status=404)
    context = status_context(dossier)
    if request.method == "POST":
        context["verify_error"] = applicant_check(request, dossier)
        if not context["verify_error"]:
            add_applicant_context(request, dossier, context)
    return public_page(request, "portal/status.html", context)


def add_applicant_context(request, dossier: Dossier, context: dict) -> None:
    """Add what the applicant may see once known (the 4-digit check, or signed in as the applicant): masked."""
    # The procedure may say much (a death, an adoption): shown once the check passes.
    context["procedure"], context["procedure_code"] = dossier.procedure.name, dossier.procedure.code
    context["applicant"] = {
        "name": mask_name(dossier.applicant_name),
        "id_number": mask_id_tail(dossier.applicant_id_number),
        "phone": mask_phone_tail(dossier.applicant_phone),
    }
    remember_check(request, dossier)
    context["result_url"] = result_download_url(dossier)
    context["receipt_online"] = dossier.channel in ONLINE_CHANNELS


def applicant_check(request, dossier: Dossier) -> str:
    """Check the 4 digits posted as `so_cuoi` against the dossier's applicant; return why they are refused, or "".

    Every attempt, right or wrong, spent one request of the client's budget
    (rate_limited); wrong ones also spend the check's own budget. A passed
    check is remembered in the session (the result and the receipt open).
    """
    digits = (request.POST.get("so_cuoi") or "").strip()
    if not re.fullmatch(r"[0-9]{4}", digits):
        return NOT_DIGITS
    if not check_attempts_left(request, f"dossier:{dossier.pk}"):
        return TOO_MANY_WRONG
    if not applicant_matches(dossier, digits):
        count_failed_check(request, f"dossier:{dossier.pk}")
        return WRONG_DIGITS
    remember_check(request, dossier)
    return ""


def status_context(dossier: Dossier) -> dict:
    """Return what anyone holding the code may know: status and dates, never the procedure, the applicant nor the staff.

    Codes are sequential ({agency}-{yymmdd}-{seq}): anyone can walk through a
    day's dossiers, so a code alone must not tell that a family registered a death.
    """
    apology = dossier.apologies.order_by("-issued_at", "-id").first()
    events = dossier.events.filter(verb__in=PUBLIC_VERBS).order_by("at", "id").values_list("verb", "at")
    return {
        "code": dossier.code,
        "unit": dossier.unit.name,
        "channel": label(dossier.get_channel_display()),
        "status": label(dossier.get_status_display()),
        "received": datetime_text(dossier.received_at),
        "due": datetime_text(dossier.due_at),
        "new_due": datetime_text(apology.new_due_at) if apology and apology.new_due_at else "",
        # The apology's reason stays inside the office: it may name people or papers.
        "apology": {"issued": datetime_text(apology.issued_at), "new_due": datetime_text(apology.new_due_at)} if apology else None,
        "resolved": datetime_text(dossier.resolved_at),
        "outcome": label(dossier.get_outcome_display()) if dossier.outcome else "",
        "returned": datetime_text(dossier.returned_at),
        "steps": [{"label": label(Verb(verb).label), "at": datetime_text(at)} for verb, at in events] or loaded_steps(dossier),
        "rateable": dossier.status in RATEABLE_STATUSES,
        "stoppable": dossier.is_open,
    }


@require_http_methods(["GET", "HEAD", "POST"])
@rate_limited
def rate(request, code: str):
    """Let the applicant rate a dossier's handling once its result exists, after the 4-digit check."""
    dossier = find_dossier(code.strip())
    if dossier is None:
        return public_page(request, "portal/not_found.html", {"code": code if _CODE.match(code) else ""}, status=404)
    context = {
        "code": dossier.code,
        "unit": dossier.unit.name,
        "choices": [(value, label(text)) for value, text in RatingValue.choices],
        "rateable": dossier.status in RATEABLE_STATUSES,
        "already": Rating.objects.filter(dossier=dossier, channel=RatingChannel.ONLINE).exists(),
        "errors": {},
    }
    if request.method == "POST":
        digits = (request.POST.get("so_cuoi") or "").strip()
        value = request.POST.get("muc_do") or ""
        context["chosen"] = value
        if not re.fullmatch(r"[0-9]{4}", digits):
            context["errors"]["so_cuoi"] = NOT_DIGITS
        if value not in RatingValue.values:
            context["errors"]["muc_do"] = gettext("Xin chọn một mức độ hài lòng.")
        if not context["errors"] and not check_attempts_left(request, f"dossier:{dossier.pk}"):
            context["errors"]["so_cuoi"] = TOO_MANY_WRONG
        if not context["errors"]:
            try:
                do_rate_dossier_online(dossier, digits, value)
            except DossierActionError as error:
                field = {E.INVALID_APPLICANT: "so_cuoi"}.get(error.code, "")
                if field:
                    count_failed_check(request, f"dossier:{dossier.pk}")
                text = WRONG_DIGITS if field else message(error.message[0].upper() + error.message[1:] + ".")
                context["errors"][field or "form"] = text
            else:
                return redirect("portal:rated", code=dossier.code)
        return public_page(request, "portal/rate.html", context, status=200)
    return public_page(request, "portal/rate.html", context)


@require_safe
@rate_limited
def rated(request, code: str):
    """Thank the applicant for the rating."""
    dossier = find_dossier(code.strip())
    if dossier is None:
        return public_page(request, "portal/not_found.html", {"code": ""}, status=404)
    return public_page(request, "portal/rated.html", {"code": dossier.code})


def loaded_steps(dossier: Dossier) -> list[dict]:
    """Return the steps of a dossier loaded from the exchange, which has dates but no history."""
    steps = [{"label": label(Verb.RECEIVE.label), "at": datetime_text(dossier.received_at)}]
    if dossier.resolved_at:
        text = label(dossier.get_outcome_display()) if dossier.outcome else gettext("Có kết quả giải quyết")
        steps.append({"label": text, "at": datetime_text(dossier.resolved_at)})
    if dossier.returned_at:
        steps.append({"label": label(Verb.RETURN_RESULT.label), "at": datetime_text(dossier.returned_at)})
    return steps


def find_dossier(code: str) -> Dossier | None:
    """Return the dossier of a typed or scanned code, or None."""
    if not _CODE.match(code):
        return None
    found = Dossier.objects.select_related("procedure", "unit").filter(code=code).first()
    if found is None and code != code.upper():
        # Typed from paper in lower case: agency identifiers are upper case.
        found = Dossier.objects.select_related("procedure", "unit").filter(code=code.upper()).first()
    return found


def public_page(request, template: str, context: dict, status: int = 200):
    """Render a public page that no cache keeps and no search engine indexes."""
    response = render(request, template, context, status=status)
    # The status changes as the dossier moves; and codes are not for search engines.
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
