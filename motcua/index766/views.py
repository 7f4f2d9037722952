"""The QĐ 766 index page: a unit's total, groups and indicators, its last 12 months, the units below, and lists."""

from __future__ import annotations

import datetime as dt
import functools
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from motcua.accounts.scoping import visible_units
from motcua.index766.compute import IndexResult, compute_index, index_by_month, index_by_unit
from motcua.index766.definitions import GROUPS, OUR_RULES, indicators_of
from motcua.index766.drill import PARTS, drill, drill_parts
from motcua.index766.scoring import rounded
from motcua.index766.workbook import index_workbook
from motcua.lib.periods import Period, parse_period
from motcua.units.models import Unit, find_unit

PAGE_SIZE = 50
TREND_MONTHS = 12


class _Bad(Exception):
    pass


def _month_label(day: dt.date) -> str:
    return f"{day.year}-{day.month:02d}"


def _scope(request) -> tuple[Unit, Period]:
    """The unit (among those the user sees; 404 otherwise) and period of the query; the current month by default."""
    label = request.GET.get("period") or _month_label(timezone.localdate())
    try:
        period = parse_period(label, settings.MOTCUA_PERIOD_CALENDAR)
    except ValueError as error:
        raise _Bad(_("Kỳ không hợp lệ: %(error)s.") % {"error": error}) from None
    units = visible_units(request.user)
    code = request.GET.get("unit")
    if code:
        unit = find_unit(code, on=period.end, queryset=units)
    else:
        user = request.user
        unit = user.unit if user.unit_id and units.filter(pk=user.unit_id).exists() else units.order_by("path").first()
    if unit is None:
        raise Http404(_("Không tìm thấy đơn vị."))
    return unit, period


def _scoped(view):
    """Call `view(request, unit, period)` with the query's unit and period; 400 naming a bad period, 404 an unseen unit."""

    @functools.wraps(view)
    def wrapper(request):
        try:
            unit, period = _scope(request)
        except _Bad as error:
            return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
        return view(request, unit, period)

    return wrapper


def _query(unit: Unit, period: Period, **extra) -> str:
    return urlencode({"unit": unit.uid, "period": period.label, **extra})


def _months_before(period: Period, count: int) -> list[Period]:
    months, year, month = [], period.end.year, period.end.month
    for _step in range(count):
        months.append(parse_period(f"{year}-{month:02d}"))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return months[::-1]


def _children(unit: Unit, period: Period) -> list[Unit]:
    rows = Unit.objects.filter(parent=unit).order_by("name")
    return [u for u in rows if (u.valid_from is None or u.valid_from <= period.end) and (u.valid_to is None or u.valid_to >= period.end)]


def _rows(result: IndexResult, unit: Unit, period: Period) -> list[dict]:
    base = reverse("index766:drill")
    rows = []
    groups = result.groups
    for group in GROUPS:
        indicators = []
        for indicator in indicators_of(group.key):
            s = result.scores[indicator.code]
            links = {part: f"{base}?{_query(unit, period, indicator=indicator.code, part=part)}" for part in drill_parts(indicator.code)}
            indicators.append({
                "indicator": indicator, "score": s, "rate": rounded(None if s.rate is None else s.rate * 100),
                "points": rounded(s.points), "links": links,
                "threshold": None if indicator.threshold is None else rounded(indicator.threshold * 100),
                "rule": OUR_RULES.get(indicator.our_rule, ""),
            })
        rows.append({"group": group, "points": rounded(groups[group.key]), "indicators": indicators})
    return rows


@login_required
@require_GET
@_scoped
def index_page(request, unit, period):
    result = compute_index(unit, period)
    trend = [{"period": r.period, "total": rounded(r.total)} for r in index_by_month(unit, _months_before(period, TREND_MONTHS))]
    children = _children(unit, period)
    below = index_by_unit(children, period)
    ranked = sorted(
        ({"unit": child, "total": rounded(below[child.pk].total),
          "url": f"{reverse('index766:page')}?{_query(child, period)}"} for child in children),
        key=lambda r: (-r["total"], r["unit"].name),
    )
    return render(request, "index766/index.html", {
        "unit": unit, "period": period, "total": rounded(result.total), "groups": _rows(result, unit, period),
        "trend": trend, "trend_max": max([t["total"] for t in trend] + [1]), "ranked": ranked,
        "units": visible_units(request.user).order_by("path"),
        "xlsx_url": f"{reverse('index766:xlsx')}?{_query(unit, period)}", "rules": OUR_RULES,
    })


@login_required
@require_GET
@_scoped
def index_xlsx(request, unit, period):
    response = HttpResponse(content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="chi-so-766-{unit.code}-{period.label}.xlsx"'
    index_workbook(compute_index(unit, period)).save(response)
    return response


@login_required
@require_GET
@_scoped
def drill_page(request, unit, period):
    code, part = request.GET.get("indicator", ""), request.GET.get("part", "")
    found = drill(unit, period, code, part) if part in PARTS else None
    if found is None:
        raise Http404(_("Không có danh sách cho số liệu này."))
    from motcua.index766.definitions import BY_CODE

    page = Paginator(found.rows, PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(request, "index766/drill.html", {
        "unit": unit, "period": period, "indicator": BY_CODE[code], "part": part, "lists": found.lists,
        "count": page.paginator.count, "page": page, "page_query": _query(unit, period, indicator=code, part=part),
        "back_url": f"{reverse('index766:page')}?{_query(unit, period)}",
    })
