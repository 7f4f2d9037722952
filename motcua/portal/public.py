"""Public disclosure: the dossiers a unit resolved in a month (names masked), and its statistics for a period."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.utils.translation import gettext, gettext_lazy as _
from django.views.decorators.http import require_safe

from motcua.dossiers.models import Outcome
from motcua.dossiers.timeliness import LATE, classify
from motcua.forms.text import date_text
from motcua.lib.masking import mask_name
from motcua.lib.periods import Period, parse_period
from motcua.portal.forms import today as local_today
from motcua.portal.labels import label, message
from motcua.portal.ratelimit import rate_limited
from motcua.portal.statistics import resolved_dossiers, unit_statistics
from motcua.portal.views import public_page
from motcua.units.models import Unit, find_unit

PAGE_SIZE = 50
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_PARTS = [
    ("", _("Cả năm")),
    ("Q1", _("Quý I")),
    ("Q2", _("Quý II")),
    ("Q3", _("Quý III")),
    ("Q4", _("Quý IV")),
    ("H1", _("6 tháng đầu năm")),
    ("H2", _("6 tháng cuối năm")),
    ("9M", _("9 tháng")),
]


def _units():
    # Units merged away stay listed: their past months and periods are still public.
    return Unit.objects.select_related("level").order_by("path")


def _unit_choice(request):
    """Return (the unit asked for or the top of the tree, error text)."""
    units = _units()
    code = (request.GET.get("don_vi") or "").strip()
    if code:
        unit = find_unit(code, queryset=units)
        if unit is None:
            return units.first(), gettext("Không có đơn vị này; đang hiển thị đơn vị mặc định.")
        return unit, ""
    return units.first(), ""


def _unit_options(selected):
    return [
        {
            "code": u.uid,  # the stable id: a code may name two units (see units.models.find_unit)
            "label": ("— " * max(0, u.path.count("/") - 1))
            + u.name
            + ((" " + gettext("(đến %(day)s)") % {"day": f"{u.valid_to:%d/%m/%Y}"}) if u.valid_to else ""),
            "selected": selected is not None and u.pk == selected.pk,
        }
        for u in _units()
    ]


@require_safe
@rate_limited
def disclosure(request):
    """List the dossiers a unit and the units below it resolved in a month: code, procedure, date, on time or late."""
    unit, unit_error = _unit_choice(request)
    today = local_today()
    month_text = (request.GET.get("thang") or "").strip() or f"{today:%Y-%m}"
    month_error = ""
    m = _MONTH.match(month_text)
    if m and 1 <= int(m[2]) <= 12 and 1900 <= int(m[1]) <= 2999:
        year, month = int(m[1]), int(m[2])
    else:
        month_error = gettext("Tháng không hợp lệ: dùng dạng năm-tháng, ví dụ 2026-03.")
        year, month = today.year, today.month
        month_text = f"{today:%Y-%m}"
    start = dt.date(year, month, 1)
    end = dt.date(year, month, calendar.monthrange(year, month)[1])
    rows, page = [], None
    if unit is not None:
        month_period = Period(f"{start.isoformat()}..{end.isoformat()}", start, end)
        paginator = Paginator(resolved_dossiers(unit, month_period), PAGE_SIZE)
        page = paginator.get_page(request.GET.get("trang"))
        for d in page.object_list:
            rows.append(
                {
                    "code": d.code,
                    "procedure": d.procedure.name,
                    "unit": d.unit.name,
                    "resolved": date_text(d.resolved_at),
                    # A refusal is a decision, but not a result delivered early or on time: no timeliness badge.
                    "on_time": None if d.outcome == Outcome.REFUSED else classify(d.resolved_at, d.due_at) != LATE,
                    "outcome": label(d.get_outcome_display()) if d.outcome else "",
                    "applicant": mask_name(d.applicant_name),
                }
            )
    context = {
        "unit": unit,
        "units": _unit_options(unit),
        "month": month_text,
        "month_title": gettext("tháng %(month)s/%(year)s") % {"month": f"{month:02d}", "year": year},
        "rows": rows,
        "page": page,
        "page_query": urlencode({"don_vi": unit.uid, "thang": month_text}) if unit is not None else "",
        "unit_error": unit_error,
        "month_error": month_error,
    }
    return public_page(request, "portal/disclosure.html", context)


@require_safe
@rate_limited
def statistics(request):
    """Show a unit's figures for a period: received, resolved, on-time share, online share, satisfaction."""
    unit, unit_error = _unit_choice(request)
    today = local_today()
    year_text = (request.GET.get("nam") or "").strip() or str(today.year)
    part = (request.GET.get("ky") or "").strip()
    period_error = ""
    calendar_kind = settings.MOTCUA_PERIOD_CALENDAR
    try:
        if part not in dict(_PARTS):
            raise ValueError(gettext("kỳ «%(part)s» không hợp lệ") % {"part": part[:10]})
        period = parse_period(f"{year_text}-{part}" if part else year_text, calendar_kind)
    except ValueError as error:
        period_error = gettext("Kỳ thống kê không hợp lệ: %(error)s.") % {"error": error}
        year_text, part = str(today.year), ""
        period = parse_period(year_text, calendar_kind)
    total, rows = unit_statistics(unit, period) if unit is not None else (None, [])
    context = {
        "unit": unit,
        "units": _unit_options(unit),
        "years": [str(y) for y in range(today.year, today.year - 6, -1)],
        "year": year_text,
        "parts": _PARTS,
        "part": part,
        "period": period,
        "period_title": message(period.title),
        "total": total,
        "rows": rows,
        "unit_error": unit_error,
        "period_error": period_error,
    }
    return public_page(request, "portal/statistics.html", context)
