"""Pages of fees and payments: the intake quote (htmx), the desk's payment actions, the cash list, the gateway's return and callback."""

from __future__ import annotations

import datetime as dt
import json

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from motcua.accounts.models import Role
from motcua.accounts.scoping import scoped, visible_units
from motcua.desk.dossier_actions import sentence
from motcua.desk.dossier_views import get_scoped_dossier
from motcua.desk.intake import procedures_for_unit
from motcua.desk.views import _intake_unit
from motcua.dossiers.error_codes import DossierActionError
from motcua.core.forms import CleanTextMixin
from motcua.dossiers.models import Dossier, Status
from motcua.dossiers.online import applicant_matches
from motcua.dossiers.timeliness import LOCAL_TZ
from motcua.payments import actions
from motcua.payments.cash_list import XLSX_TYPE, cash_list_xlsx
from motcua.payments.gateway import SIGNATURE_HEADER, signature_ok
from motcua.payments.intake import fee_context
from motcua.payments.models import OnlineStatus
from motcua.payments.online import refresh_online_payment, settle_online_payment, start_online_payment
from motcua.payments.panel import FORMS
from motcua.portal.labels import message as domain_message
from motcua.privacy.log import log_export

# Who may download another officer's cash list of their units.
CASH_LIST_SUPERVISORS = {Role.LEADER, Role.ADMINISTRATOR, Role.OVERSIGHT}


@require_safe
@login_required
def intake_quote(request, pk: int):
    """The fee part of the intake page for what is asked so far (htmx partial)."""
    unit = _intake_unit(request)
    procedure = get_object_or_404(procedures_for_unit(unit), pk=pk)
    return render(request, "payments/_intake_fee.html", fee_context(procedure, request.GET))


@require_POST
@login_required
def desk_payment(request, code: str, action: str):
    """Record a payment, a refund or an exemption from the dossier page's payment panel."""
    dossier = get_scoped_dossier(request.user, code)
    form_class = FORMS.get(action)
    if form_class is None:
        raise Http404(gettext("Không có thao tác thanh toán này."))
    form = form_class(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
        return redirect("desk:dossier", code=code)
    data = form.cleaned_data
    try:
        if action == "ghi-nhan":
            actions.do_record_payment(
                request.user, dossier, data["amount"], data["method"], data["receipt"], expected_version=data["version"]
            )
            done = gettext("Đã ghi nhận thanh toán: hồ sơ %(code)s.")
        elif action == "hoan-tra":
            actions.do_refund_payment(
                request.user, dossier, data["amount"], data["reason"], data["method"], expected_version=data["version"]
            )
            done = gettext("Đã hoàn trả phí, lệ phí: hồ sơ %(code)s.")
        else:
            actions.do_exempt_fee(request.user, dossier, data["reason"], expected_version=data["version"])
            done = gettext("Đã miễn phí, lệ phí: hồ sơ %(code)s.")
    except DossierActionError as error:
        messages.error(request, sentence(domain_message(error.message)))
    else:
        messages.success(request, done % {"code": code})
    return redirect("desk:dossier", code=code)


@require_safe
@login_required
def cash_list(request):
    """The cash list of one officer for one day (?ngay=YYYY-MM-DD&can-bo=username; default: today, oneself)."""
    user = request.user
    try:
        day = dt.date.fromisoformat(request.GET.get("ngay") or timezone.localtime(timezone.now(), LOCAL_TZ).date().isoformat())
    except ValueError:
        return HttpResponse(gettext("Ngày không hợp lệ, hãy ghi theo dạng YYYY-MM-DD."), status=400, content_type="text/plain; charset=utf-8")
    username = (request.GET.get("can-bo") or user.username).strip()
    if username == user.username:
        officer = user
    else:
        if user.role not in CASH_LIST_SUPERVISORS:
            raise PermissionDenied(gettext("Bạn chỉ được tải bảng kê tiền mặt của chính mình."))
        officer = get_user_model().objects.filter(username=username, unit__in=visible_units(user)).first()
        if officer is None:
            raise Http404(gettext("Không tìm thấy cán bộ trong phạm vi đơn vị của bạn."))
    content, rows, _total = cash_list_xlsx(officer, day, scoped(Dossier.objects.all(), user))
    log_export(request, rows, f"XLSX bảng kê tiền mặt {officer.username} {day.isoformat()}")  # motcua/privacy
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="bang-ke-tien-mat-{officer.username}-{day.isoformat()}.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def online_return(request, reference: str):
    """Where the gateway sends the citizen back: ask the gateway how it went and say so."""
    try:
        attempt = refresh_online_payment(reference)
    except DossierActionError as error:
        return render(request, "payments/online_return.html", {"error": sentence(domain_message(error.message))}, status=404)
    return render(
        request,
        "payments/online_return.html",
        {"attempt": attempt, "paid": attempt.status == OnlineStatus.PAID, "failed": attempt.status == OnlineStatus.FAILED},
    )


@csrf_exempt
@require_POST
def online_callback(request):
    """The gateway's server-to-server notice of a payment's outcome (signed with MOTCUA_PAYMENT_GATEWAY_SECRET)."""
    body = request.body
    if not signature_ok(body, request.headers.get(SIGNATURE_HEADER, ""), settings.MOTCUA_PAYMENT_GATEWAY_SECRET):
        return JsonResponse({"error": "bad signature"}, status=403)
    try:
        notice = json.loads(body)
        reference, status = str(notice["reference"]), str(notice["status"])
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"error": "bad request"}, status=400)
    if status == OnlineStatus.PENDING:
        return JsonResponse({"ok": True})
    try:
        attempt = settle_online_payment(reference, status)
    except DossierActionError as error:
        return JsonResponse({"error": error.code.value}, status=400)
    return JsonResponse({"ok": True, "status": attempt.status})


class PayOnlineForm(CleanTextMixin, forms.Form):
    digits = forms.CharField(label=_("4 chữ số cuối số điện thoại hoặc số định danh của người nộp"), max_length=4, min_length=4)


@require_http_methods(["GET", "HEAD", "POST"])
def pay_online(request, code: str):
    """The citizen pays a dossier waiting for its fee: after the 4-digit check, off to the payment gateway.

    The online form sends the citizen here (or straight to `start_online_payment`) after submitting.
    """
    dossier = Dossier.objects.select_related("procedure").filter(code=code, status=Status.AWAITING_PAYMENT).first()
    if dossier is None:
        raise Http404(gettext("Không có hồ sơ đang chờ thanh toán với mã này."))
    form = PayOnlineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not applicant_matches(dossier, form.cleaned_data["digits"]):
            form.add_error("digits", gettext("4 chữ số không khớp với số điện thoại hoặc số định danh của người nộp."))
        else:
            try:
                return redirect(start_online_payment(dossier))
            except DossierActionError as error:
                form.add_error(None, sentence(domain_message(error.message)))
    return render(request, "payments/pay_online.html", {"dossier": dossier, "form": form}, status=422 if form.errors else 200)
