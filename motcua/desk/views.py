"""The officer's day: role home pages, intake at the counter, worklists. Thin views over plain functions."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from motcua.accounts.models import Role
from motcua.accounts.scoping import scoped
from motcua.catalog.data_forms import add_field_errors
from motcua.desk import home as home_figures
from motcua.desk.forms import CounterRefusalForm, IntakeForm, WorklistFilterForm
from motcua.desk.intake import duration_label, expected_due, procedures_for_unit, search_procedures
from motcua.desk.worklist import PAGE_SIZE, remaining_label, select_dossiers
from motcua.desk.worklist_export import MAX_ROWS, XLSX_TYPE, worklist_xlsx
from motcua.dossiers.actions import do_receive_dossier, do_refuse_at_counter
from motcua.dossiers.data import dossier_data_rows
from motcua.dossiers.error_codes import DossierActionError, DossierErrorCode as E
from motcua.dossiers.models import CounterRefusal, Dossier
from motcua.payments.models import DossierFee
from motcua.forms import rulesets
from motcua.payments.intake import fee_context
from motcua.portal.labels import message as domain_message
from motcua.privacy.log import log_dossier_view, log_export

INTAKE_PAGE_ROLES = {Role.DESK_OFFICER, Role.ADMINISTRATOR}
# The refusal form shares the intake page: its fields are prefixed so ids stay unique.
REFUSAL_PREFIX = "refusal"

# Which intake field an action's refusal belongs next to (None: the form as a whole).
_ERROR_FIELDS = {
    E.INVALID_CHANNEL: "channel",
    E.INVALID_RESULT_DELIVERY: "result_delivery",
    E.INVALID_TIME: "received_at",
    E.PROCEDURE_NOT_IN_FORCE: "procedure",
    E.PROCEDURE_NOT_APPLICABLE: "procedure",
    E.PROCEDURE_WITHOUT_DURATION: "procedure",
    E.INVALID_APPLICANT: "applicant_name",
    E.INVALID_ID_NUMBER: "applicant_id_number",
    # The refusal form's reasons; on the intake form, the reason of a backdated receipt.
    E.REASON_REQUIRED: "reasons",
    E.INVALID_KIND: "kind",
    E.INVALID_NOTIFY: "notify",
}


def _sentence(message: str) -> str:
    """Start an action's message with a capital letter and end it with a full stop."""
    message = message.strip()
    if not message:
        return message
    message = message[0].upper() + message[1:]
    return message if message.endswith((".", "!", "?")) else message + "."


def _add_action_error(form, error: DossierActionError):
    field = _ERROR_FIELDS.get(error.code)
    if field not in form.fields:
        field = None
    form.add_error(field, _sentence(domain_message(error.message)))


# --------------------------------------------------------------------- home


@require_safe
@login_required
def home(request):
    """Show the signed-in officer's work for today."""
    user = request.user
    context = {"figures": home_figures.figures_for(user), "role": user.role}
    if user.role == Role.SPECIALIST:
        now = timezone.now()
        mine = list(home_figures.my_open_dossiers(user))
        context["my_dossiers"] = [(d, remaining_label(d, now)) for d in mine]
    if user.role in (Role.OVERSIGHT, Role.ADMINISTRATOR) or (user.is_superuser and not user.role):
        context["unit_rows"] = home_figures.oversight_rows(user)
    return render(request, "desk/home.html", context)


# ------------------------------------------------------------------- intake


def _intake_unit(request):
    """Return the unit the user receives dossiers for; refuse users who do not work at a desk."""
    user = request.user
    if user.role not in INTAKE_PAGE_ROLES or user.unit_id is None:
        raise PermissionDenied(gettext("Chỉ cán bộ Bộ phận Một cửa được tiếp nhận hồ sơ."))
    return user.unit


def _procedure_context(unit, procedure, data=None) -> dict:
    if procedure is None:
        return {}
    return {
        "procedure": procedure,
        "duration": duration_label(procedure),
        "expected_due": expected_due(unit, procedure),
        # The fee asked and quoted (motcua.payments): copies, pages, exempt group.
        **fee_context(procedure, data),
    }


def _intake_page(request, unit, form, refusal_form, status=200):
    procedure = form.procedure_obj or refusal_form.procedure_obj
    if procedure is None:
        # A re-shown form keeps the chosen procedure even when another field was wrong.
        pk = form.data.get("procedure") or refusal_form.data.get(refusal_form.add_prefix("procedure"))
        if pk and str(pk).isdigit():
            procedure = procedures_for_unit(unit).filter(pk=int(pk)).first()
    context = {
        "form": form,
        "refusal_form": refusal_form,
        "unit": unit,
        "component_rows": form.component_rows(procedure),
        "refusal_open": refusal_form.is_bound,
        "procedure_list": [procedure] if procedure else [],
        **_procedure_context(unit, procedure, form.data if form.is_bound else None),
    }
    return render(request, "desk/intake.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def intake(request):
    """Show the intake form; on submit receive the dossier and go to its receipt page."""
    unit = _intake_unit(request)
    if request.method != "POST":
        return _intake_page(request, unit, IntakeForm(unit=unit), CounterRefusalForm(unit=unit, prefix=REFUSAL_PREFIX))
    form = IntakeForm(request.POST, unit=unit)
    if form.is_valid():
        data = form.cleaned_data
        try:
            dossier = do_receive_dossier(
                request.user,
                unit,
                form.procedure_obj,
                data["channel"],
                data.get("received_at"),
                form.applicant(),
                form.components,
                data["result_delivery"],
                data=form.data_values(),
                notify=data.get("notify") or (),
                fee=form.fee_quote,
                reason=data.get("backdate_reason") or "",
            )
        except DossierActionError as error:
            if error.code == E.INVALID_DATA:
                add_field_errors(form, error.field_errors)
            else:
                _add_action_error(form, error)
        else:
            return redirect("desk:receipt", code=dossier.code)
    form.mark_invalid()
    return _intake_page(request, unit, form, CounterRefusalForm(unit=unit, prefix=REFUSAL_PREFIX), status=422)


@require_safe
@login_required
def intake_procedures(request):
    """Return the list of the unit's procedures matching the search box (htmx partial)."""
    unit = _intake_unit(request)
    query = (request.GET.get("q") or "")[:200]
    found = search_procedures(unit, query)
    return render(request, "desk/_intake_procedures.html", {"procedures": found, "query": query.strip()})


@require_safe
@login_required
def intake_procedure(request, pk: int):
    """Return a chosen procedure's duration, expected due time and checklist (htmx partial)."""
    unit = _intake_unit(request)
    procedure = get_object_or_404(procedures_for_unit(unit), pk=pk)
    form = IntakeForm(unit=unit, procedure=procedure)
    context = {"form": form, "component_rows": form.component_rows(procedure), **_procedure_context(unit, procedure)}
    return render(request, "desk/_intake_procedure.html", context)


@require_safe
@login_required
def receipt(request, code: str):
    """Show a received dossier's code and due time, with the receipt to print."""
    dossier = get_object_or_404(scoped(Dossier.objects.select_related("procedure", "unit"), request.user), code=code)
    log_dossier_view(request, dossier, detail="Biên nhận hồ sơ")  # personal data read (motcua/privacy)
    return render(
        request,
        "desk/intake_receipt.html",
        {
            "dossier": dossier,
            "receipt_form": rulesets.RECEIPT,
            "data_rows": dossier_data_rows(dossier),
            "fee": DossierFee.objects.filter(dossier=dossier).first(),
        },
    )


@require_POST
@login_required
def counter_refusal(request):
    """Record a refusal at the counter or instructions to complete the papers; no dossier code is issued."""
    unit = _intake_unit(request)
    form = CounterRefusalForm(request.POST, unit=unit, prefix=REFUSAL_PREFIX)
    if form.is_valid():
        data = form.cleaned_data
        try:
            refusal = do_refuse_at_counter(
                request.user,
                unit,
                form.procedure_obj,
                {"name": data["applicant_name"], "id_number": data["applicant_id_number"]},
                form.reason_lines(),
                data["kind"],
            )
        except DossierActionError as error:
            _add_action_error(form, error)
        else:
            return redirect("desk:counter_refusal_done", pk=refusal.pk)
    form.mark_invalid()
    # The intake form shown beside it keeps the procedure chosen, with its data fields.
    return _intake_page(request, unit, IntakeForm(unit=unit, procedure=form.procedure_obj), form, status=422)


@require_safe
@login_required
def counter_refusal_done(request, pk: int):
    """Show a recorded refusal or instructions with the slip to print."""
    refusal = get_object_or_404(scoped(CounterRefusal.objects.select_related("procedure"), request.user), pk=pk)
    return render(request, "desk/intake_refusal.html", {"refusal": refusal})


# ----------------------------------------------------------------- worklist


@require_safe
@login_required
def worklist(request):
    """List the dossiers of the user's units that match the filters; htmx gets the table only."""
    form = WorklistFilterForm(request.GET, user=request.user)
    form.is_valid()
    now = timezone.now()
    if form.refused_unit:
        # Another unit's code: say so next to the field and show none of its rows.
        dossiers = Dossier.objects.none()
    else:
        dossiers = select_dossiers(request.user, form.filters(), now)
    paginator = Paginator(dossiers, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page") or 1)
    rows = [(d, remaining_label(d, now)) for d in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    for name in [k for k, values in query.lists() if not any(values)]:
        # Filters not in use stay out of the links.
        del query[name]
    form.mark_invalid()
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "total": paginator.count,
        "query": query.urlencode(),
    }
    partial = bool(request.headers.get("HX-Request")) and not request.headers.get("HX-History-Restore-Request")
    context["partial"] = partial
    template = "desk/_worklist_results.html" if partial else "desk/worklist.html"
    return render(request, template, context)


@require_safe
@login_required
def worklist_export(request):
    """Download the worklist of the current filters as XLSX (all pages)."""
    form = WorklistFilterForm(request.GET, user=request.user)
    form.is_valid()
    now = timezone.now()
    dossiers = Dossier.objects.none() if form.refused_unit else select_dossiers(request.user, form.filters(), now)
    # A register-like file: its headings and texts stay Vietnamese whatever the page's language.
    with translation.override("vi"):
        content, cut = worklist_xlsx(dossiers, now)
    log_export(request, MAX_ROWS if cut else dossiers.count(), "XLSX danh sách hồ sơ")  # motcua/privacy
    response = HttpResponse(content, content_type=XLSX_TYPE)
    stamp = timezone.localtime(now).strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="ho-so-{stamp}.xlsx"'
    if cut:
        response["X-Motcua-Truncated"] = "1"
    return response
