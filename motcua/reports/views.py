"""The report page, its downloads, the dashboard and the drill-down to the dossiers behind a figure.

Views stay thin: figures come from compute/statistics/narrative/document,
changes go through motcua.reports.editing, charts from dashboard, lists from
drilldown. Every unit is looked up among `visible_units(user)`, so another
unit's report is a 404.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import secrets
import time
from pathlib import Path
from urllib.parse import quote, urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from motcua.accounts.scoping import visible_units
from motcua.dossiers.models import Apology, Dossier, Rating
from motcua.lib.periods import Period
from motcua.reports import drilldown
from motcua.reports.compute import compute_appendix
from motcua.reports.document import STATISTICS_COLUMNS, default_file_name, statistics_rows
from motcua.reports.editing import (
    can_edit_report,
    can_sign_report,
    do_restore_section_text,
    do_save_entered_values,
    do_save_report_meta,
    do_save_section_text,
    entered_rows,
    own_entered_values,
)
from motcua.reports.findings import missing_rows
from motcua.reports.indicators import FLAG, HEADING, PERCENT, PRINTED_ROWS, TEXT
from motcua.reports.models import ReportMeta
from motcua.reports.narrative import build_narrative
from motcua.reports.wording import value_text
from motcua.reports.statistics import field_statistics
from motcua.reports.templatetags.reports_i18n import period_name
from motcua.reports.web_forms import (
    ReportMetaForm,
    ReportPickerForm,
    SectionTextForm,
    default_period,
    parse_posted_period,
    picker_data,
)
from motcua.units.models import Unit, find_unit

logger = logging.getLogger(__name__)

PASSWORD_ENV = "MOTCUA_SIGN_PASSWORD"
DRILL_PAGE_SIZE = 50
# Built files wait this long for their download, then the next build removes them.
BUILT_FILE_SECONDS = 3600

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# kind → (button text, content type)
DOWNLOADS = {
    "phu-luc-json": (gettext_lazy("Phụ lục 01b (JSON)"), "application/json"),
    "phu-luc-xlsx": (gettext_lazy("Phụ lục 01b (Excel)"), XLSX),
    "phu-luc-docx": (gettext_lazy("Phụ lục 01b (Word)"), DOCX),
    "bao-cao-docx": (gettext_lazy("Báo cáo (Word)"), DOCX),
    "bao-cao-pdf": (gettext_lazy("Báo cáo (PDF)"), "application/pdf"),
    "bao-cao-ky-so": (gettext_lazy("Báo cáo ký số (PDF)"), "application/pdf"),
}


class BuildError(Exception):
    """A download could not be built (the signing certificate is missing or refused); the message is Vietnamese."""


# ---------------------------------------------------------------- unit and period


def _unit_for(user, code: str | None, period: Period | None = None) -> Unit:
    """Return the unit this code (or stable id) names at the period's end among those the user sees; 404 otherwise."""
    unit = find_unit(code, on=period.end if period else None, queryset=visible_units(user)) if code else None
    if unit is None:
        raise Http404(_("Không tìm thấy đơn vị."))
    return unit


def _default_unit(user) -> Unit | None:
    units = visible_units(user)
    if user.unit_id and units.filter(pk=user.unit_id).exists():
        return user.unit
    return units.order_by("path").first()


def _picker(request) -> tuple[ReportPickerForm, Unit | None, Period | None]:
    """Read the unit and period from the query (picker fields, or `period=LABEL`); 404 for a unit not visible."""
    user = request.user
    query = request.GET
    label_error = None
    if "kind" in query:
        data = query
    elif "period" in query or "unit" in query:
        data = picker_data(query.get("unit", ""), query.get("period", ""))
        try:
            parse_posted_period(query.get("period", ""))
        except ValueError as error:
            label_error = _("Kỳ báo cáo không hợp lệ: %(error)s.") % {"error": error}
            data = {"unit": data["unit"], "kind": ""}
    else:
        unit = _default_unit(user)
        data = picker_data(unit.uid if unit else "", default_period(timezone.localdate()))
    code = data.get("unit")
    form = ReportPickerForm(data, units=visible_units(user))
    period = form.cleaned_data["period"] if form.is_valid() else None
    unit = _unit_for(user, code, period) if code else None
    if label_error:
        form.errors["kind"] = form.error_class([label_error])
    return form, unit, period


def _scope(request, data) -> tuple[Unit, Period]:
    """Return the unit and period a form sent (`data`: its POST or GET); 404 for a unit not visible, 400 for a forged period."""
    try:
        period = parse_posted_period(data.get("period", ""))
    except ValueError as error:
        period = None
        problem = _("Kỳ báo cáo không hợp lệ: %(error)s.") % {"error": error}
    unit = _unit_for(request.user, data.get("unit"), period)
    if period is None:
        raise _BadRequest(problem)
    return unit, period


def _editing_report(view):
    """Call a saving view with the posted unit and period once the user may edit that unit's report (else 400, 403)."""

    @functools.wraps(view)
    def wrapper(request):
        try:
            unit, period = _scope(request, request.POST)
        except _BadRequest as error:
            return _bad_request(str(error))
        if not can_edit_report(request.user, unit):
            raise PermissionDenied(_("Bạn không có quyền sửa báo cáo của đơn vị này."))
        return view(request, unit, period)

    return wrapper


class _BadRequest(Exception):
    pass


def _query(unit: Unit, period: Period, **extra) -> str:
    return urlencode({"unit": unit.uid, "period": period.label, **extra})


def index_url(unit: Unit, period: Period) -> str:
    """Return the QĐ 766 index page (/chi-so-766/) of the unit and period."""
    return f"{reverse('index766:page')}?{_query(unit, period)}"


def report_url(unit: Unit, period: Period, anchor: str = "") -> str:
    """Return the report page of a unit and period, optionally at an anchor."""
    return f"{reverse('reports:report')}?{_query(unit, period)}" + (f"#{anchor}" if anchor else "")


def _bad_request(message: str) -> HttpResponse:
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


# ---------------------------------------------------------------- report page


def _shown(row, value) -> str:
    """Return an appendix value as the table prints it (dot thousands, decimal comma, a flag's number)."""
    if row.kind == TEXT:
        return value or ""
    kind = "percent" if row.kind == PERCENT else ("flag" if row.kind == FLAG else "count")
    return value_text(value, kind)


def _appendix_table(appendix, unit: Unit, period: Period) -> list[dict]:
    # Where a register or manual row's value came from: "register" or "entered".
    origins = getattr(appendix, "origins", {})
    rows = []
    for row in PRINTED_ROWS:
        value = appendix.values.get(row.code) if row.has_value else None
        text = _shown(row, value)
        note = row.legend.get(int(value), "") if row.kind == FLAG and value is not None else ""
        drill = (
            f"{reverse('reports:drilldown')}?{_query(unit, period, indicator=row.code)}"
            if row.code in drilldown.DRILLS
            else ""
        )
        rows.append({
            "code": row.code, "label": row.label, "unit": row.unit, "value": text, "note": note,
            "heading": row.kind == HEADING, "entered": row.entered, "source": row.source, "drill": drill,
            "from_register": origins.get(row.code) == "register",
        })
    return rows


def _entered_fields(appendix, posted=None, errors=None) -> list[dict]:
    unit, period = appendix.unit, appendix.period
    own = own_entered_values(unit, period)
    # Rows the unit's registers determine are shown, not entered (motcua.reform).
    from_register = {code for code, origin in getattr(appendix, "origins", {}).items() if origin == "register"}
    fields = []
    for row in entered_rows():
        value = posted.get(f"v-{row.code}", "") if posted is not None else own.get(row.code, "")
        fields.append({
            "code": row.code, "name": f"v-{row.code}", "label": row.label, "unit": row.unit, "kind": row.kind,
            "legend": list(row.legend.items()), "value": value, "error": (errors or {}).get(row.code, ""),
            "source": row.source, "from_register": row.code in from_register,
            "register_value": _shown(row, appendix.values.get(row.code)) if row.code in from_register else "",
        })
    return fields


def _render_report(request, unit: Unit, period: Period, *, picker=None, status=200, entered=None,
                   entered_errors=None, meta_form=None, section_forms=None):
    appendix = compute_appendix(unit, period)
    statistics = field_statistics(unit, period)
    narrative = build_narrative(unit, period, appendix, statistics)
    editable = can_edit_report(request.user, unit)
    meta = ReportMeta.objects.filter(unit=unit, period_start=period.start, period_end=period.end).first()
    if meta_form is None:
        initial = {}
        if meta:
            initial = {name: getattr(meta, name) for name in ReportMetaForm.base_fields}
        meta_form = ReportMetaForm(initial=initial, period=period)
    section_forms = section_forms or {}
    sections = []
    for section in narrative.sections:
        form = section_forms.get(section.key) or SectionTextForm(
            initial={"key": section.key, "text": "\n".join(section.paragraphs)}
        )
        sections.append({"section": section, "form": form, "anchor": f"muc-{section.key.replace('.', '-')}"})
    if picker is None:
        picker = ReportPickerForm(picker_data(unit.uid, period.label), units=visible_units(request.user))
        picker.is_valid()
    context = {
        "picker": picker,
        "unit": unit,
        "period": period,
        "editable": editable,
        "appendix": appendix,
        "appendix_rows": _appendix_table(appendix, unit, period),
        "checks": appendix.checks,
        "missing": missing_rows(appendix.values, appendix.origins),
        "statistics_headers": [title for _, title in STATISTICS_COLUMNS],
        "statistics_rows": statistics_rows(statistics),
        "meta": meta,
        "meta_form": meta_form,
        "sections": sections,
        "entered_fields": _entered_fields(appendix, entered, entered_errors),
        "entered_errors": entered_errors or {},
        "downloads": _download_buttons(request.user, unit),
        "scope_query": _query(unit, period),
        "dashboard_url": f"{reverse('reports:dashboard')}?{_query(unit, period)}",
        "index_url": index_url(unit, period),
    }
    return render(request, "reports/web/report.html", context, status=status)


@login_required
@require_GET
def report(request):
    """Show appendix 01b with its checks, the per-field statistics, the narrative and the downloads."""
    picker, unit, period = _picker(request)
    if unit is None or period is None:
        return render(request, "reports/web/report.html", {"picker": picker, "unit": unit, "period": None})
    return _render_report(request, unit, period, picker=picker)


@login_required
@require_POST
@_editing_report
def save_entered_values(request, unit: Unit, period: Period):
    """Save the register and manual rows of the unit's appendix, all or nothing."""
    known = {row.code for row in entered_rows()}
    raw = {key[2:]: value for key, value in request.POST.items() if key.startswith("v-")}
    unknown = sorted(set(raw) - known)
    if unknown:
        return _bad_request(_("Chỉ tiêu không nhập tay được: %(codes)s.") % {"codes": ", ".join(unknown)})
    result = do_save_entered_values(request.user, unit, period, raw)
    if not result.ok:
        messages.error(request, _("Chưa lưu số liệu nào: sửa các ô được đánh dấu rồi lưu lại."))
        return _render_report(request, unit, period, entered=request.POST, entered_errors=result.errors)
    messages.success(request, _("Đã lưu số liệu nhập tay %(period)s.") % {"period": period_name(period)})
    return redirect(report_url(unit, period, "so-lieu-nhap"))


@login_required
@require_POST
@_editing_report
def save_section(request, unit: Unit, period: Period):
    """Save the text of one narrative section, or restore its draft from the data."""
    form = SectionTextForm(request.POST)
    key = request.POST.get("key", "")
    if "key" in form.errors or not key:
        return _bad_request(_("Mục báo cáo không hợp lệ."))
    anchor = f"muc-{key.replace('.', '-')}"
    if request.POST.get("action") == "restore":
        do_restore_section_text(request.user, unit, period, key)
        messages.success(request, _("Đã khôi phục bản dự thảo từ số liệu."))
        return redirect(report_url(unit, period, anchor))
    if not form.is_valid():
        return _render_report(request, unit, period, section_forms={key: form})
    do_save_section_text(request.user, unit, period, key, form.cleaned_data["text"])
    messages.success(request, _("Đã lưu nội dung mục báo cáo."))
    return redirect(report_url(unit, period, anchor))


@login_required
@require_POST
@_editing_report
def save_meta(request, unit: Unit, period: Period):
    """Save the report's number, date, place, signer and recipients."""
    form = ReportMetaForm(request.POST, period=period)
    if not form.is_valid():
        return _render_report(request, unit, period, meta_form=form)
    do_save_report_meta(request.user, unit, period, form.cleaned_data)
    messages.success(request, _("Đã lưu thông tin văn bản báo cáo."))
    return redirect(report_url(unit, period, "thong-tin-van-ban"))


# ---------------------------------------------------------------- downloads


def _download_buttons(user, unit: Unit) -> list[dict]:
    buttons = []
    for kind, (text, _builder) in DOWNLOADS.items():
        if kind == "bao-cao-ky-so" and not (_signing_configured() and can_sign_report(user, unit)):
            continue
        buttons.append({"kind": kind, "text": text, "url": reverse("reports:report_download", args=[kind]),
                        "build_url": reverse("reports:report_build", args=[kind])})
    return buttons


def _signing_configured() -> bool:
    return bool(settings.MOTCUA_SIGN_P12)


def build_download(user, unit: Unit, period: Period, kind: str) -> tuple[str, str, bytes]:
    """Return (file name, content type, bytes) of one download; BuildError when signing is refused."""
    content_type = DOWNLOADS[kind][1]
    if kind.startswith("phu-luc-"):
        appendix = compute_appendix(unit, period)
        extension = kind.rsplit("-", 1)[1]
        name = f"phu-luc-01b-{unit.code}-{period.label.replace('..', '_')}.{extension}"
        if extension == "json":
            data = (json.dumps(appendix.as_dict(), ensure_ascii=False) + "\n").encode("utf-8")
        elif extension == "xlsx":
            import io

            from motcua.reports.xlsx import write_appendix_xlsx

            buffer = io.BytesIO()
            write_appendix_xlsx(appendix, buffer)
            data = buffer.getvalue()
        else:
            from motcua.reports.docx_report import build_appendix_docx

            data = build_appendix_docx(appendix)
        return name, content_type, data
    if kind == "bao-cao-docx":
        from motcua.reports.docx_report import build_report_docx

        return default_file_name(unit, period, "docx"), content_type, build_report_docx(unit, period)
    from motcua.reports.pdf_report import build_report_pdf

    if kind == "bao-cao-pdf":
        return default_file_name(unit, period, "pdf"), content_type, build_report_pdf(unit, period)
    # Signed PDF.
    if not (_signing_configured() and can_sign_report(user, unit)):
        raise PermissionDenied(_("Bạn không có quyền ký số báo cáo của đơn vị này."))
    from motcua.reports.signing import SigningError, load_signer

    p12 = settings.MOTCUA_SIGN_P12
    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        raise BuildError(
            _("Chưa đặt biến môi trường %(name)s (mật khẩu chứng thư số) trên máy chủ.") % {"name": PASSWORD_ENV}
        )
    try:
        # Open the certificate before rendering: a wrong password fails at once.
        load_signer(p12, password)
        data = build_report_pdf(unit, period, sign=p12, password=password)
    except SigningError as error:
        # The detail names a server path: it goes to the log, the user gets what to do.
        logger.error("ký số báo cáo %s kỳ %s thất bại: %s", unit.code, period.label, error)
        raise BuildError(_(
            "Không ký số được: chứng thư số trên máy chủ không mở được (sai mật khẩu, thiếu tệp hoặc tệp không "
            "phải PKCS#12). Vui lòng báo quản trị hệ thống."
        )) from None
    name = default_file_name(unit, period, "pdf").removesuffix(".pdf") + "-ky-so.pdf"
    return name, content_type, data


def _attachment(name: str, content_type: str, data: bytes) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_GET
def download(request, kind: str):
    """Build one download of the report page and send it as an attachment."""
    if kind not in DOWNLOADS:
        raise Http404(_("Không có tệp tải về này."))
    try:
        unit, period = _scope(request, request.GET)
    except _BadRequest as error:
        return _bad_request(str(error))
    try:
        name, content_type, data = build_download(request.user, unit, period, kind)
    except BuildError as error:
        return HttpResponse(str(error), status=503, content_type="text/plain; charset=utf-8")
    return _attachment(name, content_type, data)


def _built_dir() -> Path:
    folder = Path(settings.DATA_DIR) / "bao-cao-da-lap"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _store_built(user, name: str, content_type: str, data: bytes) -> str:
    """Keep a built file for its owner to download; remove built files older than an hour."""
    folder = _built_dir()
    cutoff = time.time() - BUILT_FILE_SECONDS
    for old in folder.iterdir():
        try:
            if old.stat().st_mtime < cutoff:
                old.unlink()
        except FileNotFoundError:
            pass
    token = secrets.token_urlsafe(24)
    (folder / f"{token}.bin").write_bytes(data)
    (folder / f"{token}.json").write_text(
        json.dumps({"user": user.pk, "name": name, "content_type": content_type}), encoding="utf-8"
    )
    return token


@login_required
@require_POST
def build(request, kind: str):
    """Build a download for the htmx button and answer with the link to the file (the page then fetches it)."""
    if kind not in DOWNLOADS:
        raise Http404(_("Không có tệp tải về này."))
    try:
        unit, period = _scope(request, request.POST)
    except _BadRequest as error:
        return _bad_request(str(error))
    try:
        name, content_type, data = build_download(request.user, unit, period, kind)
    except BuildError as error:
        return render(request, "reports/web/_built.html", {"error": str(error)})
    token = _store_built(request.user, name, content_type, data)
    return render(request, "reports/web/_built.html", {
        "name": name,
        "url": reverse("reports:report_file", args=[token]),
        "size_kb": max(1, round(len(data) / 1024)),
    })


@login_required
@require_GET
def built_file(request, token: str):
    """Send a file built by `build` to the user who built it."""
    if not token.replace("-", "").replace("_", "").isalnum():
        raise Http404(_("Không tìm thấy tệp."))
    folder = _built_dir()
    try:
        info = json.loads((folder / f"{token}.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        raise Http404(_("Tệp đã hết hạn hoặc không tồn tại; lập lại báo cáo.")) from None
    if info.get("user") != request.user.pk:
        raise Http404(_("Không tìm thấy tệp."))
    return FileResponse(
        open(folder / f"{token}.bin", "rb"), as_attachment=True, filename=info["name"],
        content_type=info["content_type"],
    )


# ---------------------------------------------------------------- dashboard and drill-down


@login_required
@require_GET
def dashboard(request):
    """Show the unit's figures and charts for the period, each linked to the records behind it."""
    from motcua.reports.dashboard import build_dashboard, drill_url

    picker, unit, period = _picker(request)
    context = {"picker": picker, "unit": unit, "period": period}
    if unit is not None and period is not None:
        board = build_dashboard(unit, period)
        context.update({
            "board": board,
            "figures": [{"figure": f, "url": drill_url(unit, period, f.drill)} for f in board.figures],
            "charts": [
                {"chart": chart, "rows": [
                    {"mark": m, "url": drill_url(unit, m.period, m.drill),
                     "extra": [{"text": text, "url": drill_url(unit, m.period, code)} for text, code in m.extra]}
                    for m in chart.marks
                ]}
                for chart in board.charts
            ],
            "report_url": report_url(unit, period),
            "index_url": index_url(unit, period),
        })
    return render(request, "reports/web/dashboard.html", context)


@login_required
@require_GET
def drilldown_page(request):
    """List the dossiers (or apologies, ratings) counted in one figure, a page at a time."""
    try:
        unit, period = _scope(request, request.GET)
    except _BadRequest as error:
        bad = str(error)
    else:
        bad = None
    code = request.GET.get("indicator", "")
    drill = drilldown.DRILLS.get(code)
    if drill is None:
        raise Http404(_("Không có danh sách chi tiết cho chỉ tiêu này."))
    if bad:
        return _bad_request(bad)
    rows = drilldown.drill_rows(unit, period, code)
    paginator = Paginator(rows, DRILL_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("trang"))
    items = []
    for obj in page.object_list:
        dossier = obj if isinstance(obj, Dossier) else obj.dossier
        item = {"dossier": dossier, "url": f"/can-bo/ho-so/{quote(dossier.code, safe='')}/"}
        if isinstance(obj, Apology):
            item["apology"] = obj
        elif isinstance(obj, Rating):
            item["rating"] = obj
        items.append(item)
    return render(request, "reports/web/drilldown.html", {
        "unit": unit,
        "period": period,
        "drill": drill,
        "count": paginator.count,
        "page": page,
        "items": items,
        "page_query": _query(unit, period, indicator=code),
        "report_url": report_url(unit, period),
        "dashboard_url": f"{reverse('reports:dashboard')}?{_query(unit, period)}",
    })

