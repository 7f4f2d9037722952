"""Staff downloads: a dossier's forms as PDF, a counter refusal's slip, the register as XLSX."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from motcua.accounts.scoping import scoped, visible_units
from motcua.dossiers.models import CounterRefusal, Dossier
from motcua.forms.register import XLSX_TYPE, dossier_register_xlsx, register_dossiers
from motcua.forms.render import FormNotAvailable, available_forms, render_form
from motcua.lib.periods import parse_period
from motcua.privacy.log import log_dossier_view, log_export, log_paper_view
from motcua.units.models import find_unit

PDF_TYPE = "application/pdf"


@require_safe
@login_required
def dossier_form(request, code: str, form: str):
    """Return one form of a dossier of the user's units as a PDF."""
    # Another unit's dossier is "not found", not "forbidden": codes are not to be probed.
    dossier = get_object_or_404(
        scoped(Dossier.objects.select_related("unit__level", "procedure"), request.user), code=code
    )
    try:
        pdf = render_form(dossier, form)
    except FormNotAvailable:
        raise Http404(f"Hồ sơ {code} không có biểu mẫu «{form}».") from None
    log_dossier_view(request, dossier, detail=f"PDF biểu mẫu {form}")  # personal data read (motcua/privacy)
    return _download(pdf, PDF_TYPE, f"{code}-{form}.pdf", inline=True)


@require_safe
@login_required
def counter_refusal_form(request, pk: int):
    """Return the refusal (Mẫu 03) or instructions (Mẫu 02) printed at the counter, without a dossier code."""
    refusal = get_object_or_404(
        scoped(CounterRefusal.objects.select_related("unit__level", "procedure", "actor"), request.user), pk=pk
    )
    form = available_forms(refusal)[0]
    log_paper_view(request, refusal.unit_id, f"PDF phiếu tiếp nhận tại quầy số {pk}, biểu mẫu {form}")  # motcua/privacy
    return _download(render_form(refusal, form), PDF_TYPE, f"tu-choi-tiep-nhan-{pk}-{form}.pdf", inline=True)


@require_safe
@login_required
def register(request):
    """Return the register of dossiers (Sổ theo dõi hồ sơ) of a unit for a period, as XLSX."""
    code = (request.GET.get("unit") or "").strip()
    units = visible_units(request.user).select_related("level")
    if code:
        unit = find_unit(code, queryset=units)
    else:
        unit = units.filter(pk=request.user.unit_id).first()
    if unit is None:
        raise Http404("Không tìm thấy đơn vị trong phạm vi của bạn.")
    try:
        period = parse_period(request.GET.get("period") or "", settings.MOTCUA_PERIOD_CALENDAR)
    except ValueError as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    content = dossier_register_xlsx(unit, period, user=request.user)
    rows = register_dossiers(unit, period, request.user).count()
    log_export(request, rows, f"XLSX sổ theo dõi hồ sơ {unit.code} {period.label}", unit=unit)  # motcua/privacy
    return _download(content, XLSX_TYPE, f"so-theo-doi-{unit.code}-{period.label}.xlsx", inline=False)


def _download(content: bytes, content_type: str, filename: str, *, inline: bool) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    # Personal data: never kept by a shared cache or the browser's history cache.
    response["Cache-Control"] = "private, no-store"
    return response
