"""Online submission: a citizen picks a unit and a procedure offered online, fills in, attaches, gets a receipt."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_safe

from motcua.accounts.oidc import vneid_verified_for
from motcua.catalog.data_forms import add_field_errors
from motcua.catalog.models import Procedure
from motcua.dossiers.error_codes import DossierActionError, DossierErrorCode as E
from motcua.dossiers.models import Dossier, Status
from motcua.dossiers.online import CHANNEL_OF_LEVEL, do_submit_online_dossier, expected_due
from motcua.forms import rulesets as rs
from motcua.forms.qr import qr_svg, status_url
from motcua.forms.render import render_form
from motcua.forms.text import datetime_text
from motcua.lib.masking import mask_name
from motcua.payments.intake import fee_context, quote_from_post
from motcua.payments.models import DossierFee
from motcua.payments.online import do_await_payment, start_online_payment
from motcua.portal import proof as p
from motcua.portal.forms import EXTRA_FILES_MAX, OnlineSubmissionForm, online_procedures, online_units
from motcua.portal.labels import label, message
from motcua.portal.ratelimit import client_ip, rate_limited
from motcua.portal.results import passed_check
from motcua.portal.views import ONLINE_CHANNELS, applicant_check, find_dossier, public_page

# The session remembers the codes this browser submitted: it opens their receipts without the 4-digit check.
SESSION_KEY = "motcua_online_receipts"
# The proof this browser is verifying (sent), and the one it verified.
PROOF_SENT_KEY = "motcua_online_proof_sent"
PROOF_KEY = "motcua_online_proof"
_KEEP = 20
# Which field a refusal of do_submit_online_dossier belongs next to.
_FIELD_OF_ERROR = {
    E.UNIT_NOT_IN_FORCE: "unit",
    E.PROCEDURE_NOT_IN_FORCE: "procedure",
    E.PROCEDURE_NOT_APPLICABLE: "procedure",
    E.PROCEDURE_WITHOUT_DURATION: "procedure",
    E.INVALID_CHANNEL: "procedure",
    E.INVALID_APPLICANT: "applicant_name",
    E.INVALID_ID_NUMBER: "id_number",
    E.INVALID_COMPONENTS: "extras",
    E.INVALID_FILE: "extras",
    E.FILE_TOO_LARGE: "extras",
    E.INVALID_RESULT_DELIVERY: "result_delivery",
    E.INVALID_NOTIFY: "notify",
}


@require_http_methods(["GET", "HEAD", "POST"])
@rate_limited
def submit(request):
    """Show the submission form (first the unit, then the procedure, then its papers), or submit it.

    Only after the proof step: without a verified code the citizen is sent there first.
    """
    proven = p.verified_proof(request.session.get(PROOF_KEY))
    if proven is None:
        return redirect("portal:proof")
    source = request.POST if request.method == "POST" else request.GET
    unit = online_units().filter(pk=_int(source.get("unit"))).first()
    procedure = online_procedures(unit).filter(pk=_int(source.get("procedure"))).first() if unit is not None else None
    if request.method != "POST":
        contact = {("email" if proven.kind == "email" else "phone"): proven.contact}
        initial = {"unit": unit, "procedure": procedure, **contact}
        form = OnlineSubmissionForm(unit=unit, procedure=procedure, initial=initial)
        return _form_page(request, form, unit, procedure)
    form = OnlineSubmissionForm(request.POST, request.FILES, unit=unit, procedure=procedure)
    if form.is_valid() and not p.matches(proven, form.cleaned_data["phone"], form.cleaned_data["email"]):
        field = "email" if proven.kind == "email" else "phone"
        form.add_error(field, gettext("Xin ghi đúng số điện thoại hoặc thư điện tử đã xác minh: %(contact)s.") % {"contact": proven.contact})
    if form.is_valid():
        dossier = _submit(request, form, proven)
        if dossier is not None:
            codes = [c for c in request.session.get(SESSION_KEY, []) if c != dossier.code]
            request.session[SESSION_KEY] = [*codes, dossier.code][-_KEEP:]
            request.session.pop(PROOF_KEY, None)
            if dossier.status == Status.AWAITING_PAYMENT:
                return _pay(request, dossier)
            return redirect("portal:receipt", code=dossier.code)
    return _form_page(request, form, unit, procedure)


def _submit(request, form, proven):
    """Create the dossier with the proof claimed for it; None (the form carrying the reason) when refused."""
    data = form.cleaned_data
    applicant = {
        "name": data["applicant_name"],
        "id_number": data["id_number"],
        "phone": data["phone"],
        "email": data["email"],
        "address": data["address"],
    }
    # The fee for what the citizen asked (copies, pages, an exempt group), as the counter computes it.
    quote, problem = quote_from_post(data["procedure"], request.POST)
    if problem:
        form.add_error(None, problem)
        return None
    if not p.claim(proven):
        # Another request of this browser used the proof a moment ago.
        form.add_error(None, gettext("Mã xác minh này đã được dùng cho một hồ sơ. Xin xác minh lại."))
        return None
    try:
        dossier = do_submit_online_dossier(
            data["unit"],
            data["procedure"],
            applicant,
            form.papers(),
            result_delivery=data["result_delivery"],
            data=form.data_values(),
            notify=data.get("notify") or (),
            # Signed in through VNeID as this applicant: the identity is verified (TaiKhoanDuocXacThucVoiVNeID).
            vneid_verified=vneid_verified_for(request, data["id_number"]),
        )
    except BaseException as error:
        p.release(proven)
        if not isinstance(error, DossierActionError):
            raise
        if error.code == E.INVALID_DATA:
            add_field_errors(form, error.field_errors)
        else:
            form.add_error(_FIELD_OF_ERROR.get(error.code), message(error.message[0].upper() + error.message[1:] + "."))
        return None
    p.record_dossier(proven, dossier.code)
    if quote is not None and quote.total > 0:
        # Handled once paid: the dossier waits in "Chờ thanh toán" (national status 6).
        dossier = do_await_payment(dossier, quote)
    return dossier


@require_http_methods(["GET", "HEAD", "POST"])
@rate_limited
def proof(request):
    """The proof step: send a 6-digit code to the applicant's phone or e-mail, then check it."""
    context = {"contact": "", "sent": None, "errors": {}}
    sent = request.session.get(PROOF_SENT_KEY)
    if request.method == "POST" and "ma" in request.POST and sent:
        try:
            proven = p.verify_code(sent["id"], request.POST["ma"])
        except p.ProofError as error:
            context.update(sent=sent["contact"], errors={"ma": str(error)})
        else:
            request.session[PROOF_KEY] = proven.pk
            request.session.pop(PROOF_SENT_KEY, None)
            return redirect("portal:submit")
    elif request.method == "POST":
        context["contact"] = (request.POST.get("lien_he") or "").strip()[:254]
        try:
            made = p.request_code(context["contact"], client_ip(request))
        except p.ProofError as error:
            context["errors"]["lien_he"] = str(error)
        else:
            request.session[PROOF_SENT_KEY] = {"id": made.pk, "contact": made.contact}
            context["sent"] = made.contact
    return public_page(request, "portal/proof.html", context)


def _pay(request, dossier):
    """Send the citizen who just filed to the payment gateway; without one, to the receipt, which says how to pay."""
    try:
        return redirect(start_online_payment(dossier))
    except DossierActionError:
        return redirect("portal:receipt", code=dossier.code)


@require_safe
@rate_limited
def fee_quote(request, pk: int):
    """The fee part of the online form for the copies and pages asked so far (htmx partial, public)."""
    procedure = Procedure.objects.filter(pk=pk, online__in=CHANNEL_OF_LEVEL).first()
    if procedure is None:
        raise Http404(gettext("Không có thủ tục này."))
    return render(request, "payments/_intake_fee.html", _fee(procedure, request.GET))


def _fee(procedure, data) -> dict:
    return fee_context(procedure, data, quote_url=reverse("portal:fee_quote", args=[procedure.pk]))


def _form_page(request, form, unit, procedure):
    context = {
        "form": form,
        "unit": unit,
        "procedure": procedure,
        "units": online_units(),
        "procedures": online_procedures(unit) if unit is not None else [],
        "extra_files_max": EXTRA_FILES_MAX,
        "max_upload_mb": settings.MOTCUA_MAX_UPLOAD_MB,
        # The whole request's cap (motcua.core.request_limits): above it the server answers 413 with its own message.
        "max_request_mb": settings.MOTCUA_MAX_REQUEST_MB,
    }
    if procedure is not None:
        context.update(_fee(procedure, request.POST or request.GET))
        # By the same working-day rule the dossier's due time is counted with, were it submitted now.
        due = expected_due(unit, procedure)
        context["expected_due"] = datetime_text(due) if due else ""
        # INTEGRATOR — the fee with online payment (issue 14, built in parallel): put the
        # procedure's fee lines and the amount computed from what the citizen asks in the
        # context here; portal/submit.html shows them in its "Phí, lệ phí" place.
    return public_page(request, "portal/submit.html", context)


@require_safe
@rate_limited
def procedures(request):
    """Return the procedure options of a unit (htmx swaps them into the form)."""
    unit = online_units().filter(pk=_int(request.GET.get("unit"))).first()
    context = {"procedures": online_procedures(unit) if unit is not None else [], "unit": unit}
    return public_page(request, "portal/_procedure_options.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@rate_limited
def receipt(request, code: str):
    """Show the receipt of an online dossier: code, status, due time, QR to its status page.

    The browser that submitted it sees it at once; any other browser after the
    4-digit check (last digits of the applicant's ID number or phone), asked here.
    """
    dossier = find_dossier(code.strip())
    if dossier is None or dossier.channel not in ONLINE_CHANNELS:
        return public_page(request, "portal/not_found.html", {"code": ""}, status=404)
    if not _may_open(request, dossier):
        error = applicant_check(request, dossier) if request.method == "POST" else ""
        if request.method != "POST" or error:
            context = {"code": dossier.code, "unit": dossier.unit.name, "verify_error": error}
            return public_page(request, "portal/receipt_check.html", context)
        return redirect("portal:receipt", code=dossier.code)
    if request.method == "POST":
        return redirect("portal:receipt", code=dossier.code)
    url = status_url(dossier.code)
    context = {
        "code": dossier.code,
        "procedure": dossier.procedure.name,
        "unit": dossier.unit.name,
        "channel": label(dossier.get_channel_display()),
        "status": label(dossier.get_status_display()),
        "applicant": mask_name(dossier.applicant_name),
        "received": datetime_text(dossier.received_at),
        "due": datetime_text(dossier.due_at),
        "result_delivery": label(dossier.get_result_delivery_display()),
        "components": dossier.components,
        "status_url": url,
        "qr": qr_svg(url),
        "fee": DossierFee.objects.filter(dossier=dossier).first(),
        "pay_url": reverse("payments:pay_online", args=[dossier.code]) if dossier.status == Status.AWAITING_PAYMENT else "",
    }
    return public_page(request, "portal/receipt.html", context)


@require_safe
@rate_limited
def receipt_pdf(request, code: str):
    """Return Mẫu 01 (the receipt and appointment) of an online dossier; a browser without the check is asked for it first."""
    dossier = find_dossier(code.strip())
    if dossier is None or dossier.channel not in ONLINE_CHANNELS:
        raise Http404(gettext("Không tìm thấy giấy tiếp nhận."))
    if not _may_open(request, dossier):
        return redirect("portal:receipt", code=dossier.code)
    pdf = render_form(dossier, rs.RECEIPT)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{dossier.code}-{rs.RECEIPT}.pdf"'
    # Personal data: never kept by a shared cache or the browser's history cache.
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _may_open(request, dossier: Dossier) -> bool:
    """Whether this browser submitted the dossier, or passed its 4-digit check (here or on the status page)."""
    return dossier.code in request.session.get(SESSION_KEY, []) or passed_check(request, dossier)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
