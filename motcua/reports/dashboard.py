"""Dashboard figures for a unit and period, and their charts as server-rendered inline SVG.

Figures are the report's and the public statistics': the appendix values
(received by channel, apologies), the headline figures and rating counts of
motcua.dossiers.figures (received, online, decisions and in time,
satisfaction) and one grouped query for decisions per local month (on-time
share over time), all with the conditions defined there; and the unit's QĐ 766
index (motcua.index766), in motcua.reports.index_quote's words. Every figure carries
the drill-down code that lists the records behind it
(motcua.reports.drilldown), so the page links each bar, point and card to them.

The SVG has a <title> and <desc>; each mark is an <a> with its own label, and
the page prints the same numbers as a table for readers without the chart.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Case, Count, IntegerField, Value, When
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.dossiers.figures import InPeriod, apologies_of, dossiers_of, headline, local_bounds, rating_counts
from motcua.index766.compute import compute_index
from motcua.lib.numbers import percent
from motcua.lib.periods import Period
from motcua.reports.compute import Appendix, compute_appendix
from motcua.reports.index_quote import IndexSummary, index_summary
from motcua.reports.wording import number_text, percent_text
from motcua.reports.templatetags.reports_i18n import period_name
from motcua.units.models import Unit

# A period shorter than this many months is shown against the 12 months ending with it.
_MIN_MONTHS = 6
_COLOURS = ("#a4161a", "#1f5f8b", "#2e7d32", "#9a6700")


@dataclass(frozen=True)
class Mark:
    """One bar, point or segment: what it is, its value, and the drill-down behind it."""

    label: str
    value: int | float | None
    text: str
    drill: str
    period: Period
    # Further counts shown in the table (e.g. decisions behind an on-time share).
    extra: tuple = ()


@dataclass
class Chart:
    key: str
    title: str
    desc: str
    marks: list[Mark]
    svg: SafeString = mark_safe("")
    # (column title, …) of the fallback table after the label column.
    columns: tuple[str, ...] = (gettext_lazy("Số liệu"),)


@dataclass
class Figure:
    """A headline number with the drill-down that lists it."""

    label: str
    text: str
    drill: str
    note: str = ""


@dataclass
class Dashboard:
    unit: Unit
    period: Period
    figures: list[Figure]
    charts: list[Chart] = field(default_factory=list)
    # The unit's QĐ 766 index over the period: total and the six groups against their maxima.
    index: IndexSummary | None = None


def drill_url(unit: Unit, period: Period, code: str) -> str:
    """Return the drill-down page of figure `code`."""
    query = urlencode({"unit": unit.uid, "period": period.label, "indicator": code})
    return f"{reverse('reports:drilldown')}?{query}"


def month_periods(period: Period) -> list[Period]:
    """Return the calendar months to chart: the period's own, or the 12 ending with it when it is shorter than 6."""
    first = dt.date(period.start.year, period.start.month, 1)
    last = dt.date(period.end.year, period.end.month, 1)
    count = (last.year - first.year) * 12 + last.month - first.month + 1
    if count < _MIN_MONTHS:
        count = 12
        first = _add_months(last, -11)
    months = []
    for i in range(count):
        start = _add_months(first, i)
        end = _add_months(start, 1) - dt.timedelta(days=1)
        months.append(Period(f"{start.isoformat()}..{end.isoformat()}", start, end))
    return months


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _span(months: list[Period]) -> Period:
    return Period(f"{months[0].start}..{months[-1].end}", months[0].start, months[-1].end)


def monthly_decisions(unit: Unit, months: list[Period]) -> dict[dt.date, tuple[int, int]]:
    """Return {month start: (decisions, in time)} for the months, in one grouped query."""
    p = InPeriod(_span(months))
    rows = (
        dossiers_of(unit)
        .filter(p.decided)
        .annotate(month=_month_index(months, "resolved_at"))
        .values("month")
        .annotate(decided=Count("pk"), on_time=Count("pk", filter=p.in_time))
        .order_by("month")
    )
    return {months[row["month"]].start: (row["decided"], row["on_time"]) for row in rows}


def monthly_apologies(unit: Unit, months: list[Period]) -> dict[dt.date, int]:
    """Return {month start: apologies issued} for the months, in one grouped query."""
    rows = (
        apologies_of(unit)
        .filter(InPeriod(_span(months)).apologised)
        .annotate(month=_month_index(months, "issued_at"))
        .values("month")
        .annotate(count=Count("pk"))
        .order_by("month")
    )
    return {months[r["month"]].start: r["count"] for r in rows}


def _month_index(months: list[Period], name: str) -> Case:
    """The index in `months` of the local month an instant falls in (rows are already within the months).

    The stored instant is compared with each month's local end, rather than truncated
    to its local month (TruncMonth): on SQLite that is a Python function called for
    every row, 0.2 s for a commune's 40,000 decisions of a year.
    """
    ends = [When(**{f"{name}__lt": local_bounds(month)[1]}, then=Value(i)) for i, month in enumerate(months[:-1])]
    return Case(*ends, default=Value(len(months) - 1), output_field=IntegerField())


def month_label(month: Period) -> str:
    """Return "T4/23" for April 2023 (twelve of them fit under a chart)."""
    return _("T%(month)s/%(year)s") % {"month": month.start.month, "year": f"{month.start.year % 100:02d}"}


def build_dashboard(unit: Unit, period: Period, appendix: Appendix | None = None) -> Dashboard:
    """Return the headline figures and charts of `unit` over `period`."""
    appendix = appendix or compute_appendix(unit, period)
    v = appendix.values
    months = month_periods(period)
    by_month = monthly_decisions(unit, months)
    ratings = rating_counts(unit, period)
    head = headline(unit, period, ratings)
    decided_total, on_time_total = head.resolved, head.resolved_in_time

    received = head.received
    online = head.online_received
    online_share = head.online_percent
    on_time_share = head.on_time_percent
    satisfied = head.satisfied
    satisfied_share = head.satisfied_percent

    figures = [
        Figure(_("Hồ sơ tiếp nhận"), number_text(received), "3.3.1"),
        Figure(
            _("Tỷ lệ giải quyết đúng hạn"),
            _share_text(on_time_share),
            "3.3.2",
            _("%(part)s/%(total)s hồ sơ đã có quyết định")
            % {"part": number_text(on_time_total), "total": number_text(decided_total)},
        ),
        Figure(_("Tỷ lệ tiếp nhận trực tuyến"), _share_text(online_share), "truc-tuyen",
               _("%(part)s/%(total)s hồ sơ") % {"part": number_text(online), "total": number_text(received)}),
        Figure(_("Tỷ lệ hài lòng"), _share_text(satisfied_share), "danh-gia",
               _("%(part)s/%(total)s lượt đánh giá")
               % {"part": number_text(satisfied), "total": number_text(ratings.total)}),
        Figure(_("Văn bản xin lỗi"), number_text(v.get("3.5") or 0), "3.5"),
    ]

    channel_marks = [
        Mark(_(label), v.get(code) or 0, number_text(v.get(code) or 0), code, period)
        for code, label in (
            ("3.3.1.a", "Trực tiếp"),
            ("3.3.1.b", "Qua BCCI"),
            ("3.3.1.c", "Trực tuyến một phần"),
            ("3.3.1.d", "Trực tuyến toàn trình"),
        )
    ]
    month_marks = []
    for month in months:
        decided, on_time = by_month.get(month.start, (0, 0))
        share = percent(on_time, decided)
        month_marks.append(
            Mark(month_label(month), share, _share_text(share), "3.3.2", month,
                 extra=((number_text(on_time), "3.3.2"), (number_text(decided), "giai-quyet")))
        )
    online_marks = [
        Mark(_("Trực tuyến"), online, number_text(online), "truc-tuyen", period),
        Mark(_("Trực tiếp, qua BCCI"), received - online, number_text(received - online), "truc-tiep-bcci", period),
    ]
    rating_marks = [
        Mark(_("Rất hài lòng"), ratings.very_satisfied, number_text(ratings.very_satisfied), "rat-hai-long", period),
        Mark(_("Hài lòng"), ratings.satisfied, number_text(ratings.satisfied), "hai-long", period),
        Mark(_("Không hài lòng"), ratings.unsatisfied, number_text(ratings.unsatisfied), "khong-hai-long", period),
    ]
    apologies_by_month = monthly_apologies(unit, months)
    apology_marks = [
        Mark(month_label(month), apologies_by_month.get(month.start, 0),
             number_text(apologies_by_month.get(month.start, 0)), "3.5", month)
        for month in months
    ]

    span = f"{month_label(months[0])}–{month_label(months[-1])}"
    charts = [
        Chart("kenh", _("Hồ sơ tiếp nhận theo hình thức"),
              _("Biểu đồ cột: số hồ sơ tiếp nhận %(period)s theo hình thức tiếp nhận; tổng %(total)s hồ sơ.")
              % {"period": period_name(period), "total": number_text(received)}, channel_marks),
        Chart("dung-han", _("Tỷ lệ giải quyết đúng hạn theo tháng (%(span)s)") % {"span": span},
              _("Biểu đồ đường: tỷ lệ hồ sơ giải quyết đúng hạn trên số hồ sơ đã có quyết định trong từng tháng; "
                "tháng không có quyết định nào để trống."), month_marks,
              columns=(_("Tỷ lệ"), _("Đúng hạn"), _("Đã giải quyết"))),
        Chart("truc-tuyen", _("Tỷ lệ tiếp nhận trực tuyến"),
              _("Thanh tỷ lệ: %(part)s trên %(total)s hồ sơ tiếp nhận (%(share)s) nộp trực tuyến.")
              % {"part": number_text(online), "total": number_text(received), "share": _share_text(online_share)},
              online_marks),
        Chart("hai-long", _("Mức độ hài lòng"),
              _("Thanh tỷ lệ: %(total)s lượt đánh giá, tỷ lệ hài lòng %(share)s.")
              % {"total": number_text(ratings.total), "share": _share_text(satisfied_share)}, rating_marks),
        Chart("xin-loi", _("Văn bản xin lỗi theo tháng (%(span)s)") % {"span": span},
              _("Biểu đồ cột: số văn bản xin lỗi ban hành trong từng tháng; %(period)s có %(count)s văn bản.")
              % {"period": period_name(period), "count": number_text(v.get("3.5") or 0)}, apology_marks),
    ]
    for chart in charts:
        if chart.key == "dung-han":
            chart.svg = line_chart_svg(chart, unit)
        elif chart.key in ("truc-tuyen", "hai-long"):
            chart.svg = share_bar_svg(chart, unit)
        else:
            chart.svg = bar_chart_svg(chart, unit)
    return Dashboard(unit, period, figures, charts, index_summary(compute_index(unit, period)))


def _share_text(share) -> str:
    return _("chưa có số liệu") if share is None else percent_text(share)


# ---------------------------------------------------------------- SVG


def _open_svg(chart: Chart, width: int, height: int) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'role="group" aria-labelledby="bd-{chart.key}-title bd-{chart.key}-desc">'
        f'<title id="bd-{chart.key}-title">{escape(chart.title)}</title>'
        f'<desc id="bd-{chart.key}-desc">{escape(chart.desc)}</desc>'
    )


def _link(unit: Unit, mark: Mark, body: str) -> str:
    label = _("%(label)s: %(value)s — xem danh sách") % {"label": mark.label, "value": mark.text}
    return f'<a href="{escape(drill_url(unit, mark.period, mark.drill))}" aria-label="{escape(label)}">{body}</a>'


def bar_chart_svg(chart: Chart, unit: Unit) -> SafeString:
    """Return a vertical bar chart of the chart's marks, each bar a link to its drill-down."""
    width, height, top, bottom, left = 640, 260, 24, 56, 16
    plot = height - top - bottom
    count = max(len(chart.marks), 1)
    slot = (width - 2 * left) / count
    bar = min(slot * 0.6, 120)
    peak = max((m.value or 0 for m in chart.marks), default=0) or 1
    parts = [_open_svg(chart, width, height)]
    parts.append(f'<line x1="{left}" y1="{top + plot}" x2="{width - left}" y2="{top + plot}" stroke="#888"/>')
    for i, mark in enumerate(chart.marks):
        value = mark.value or 0
        h = plot * value / peak
        x = left + slot * i + (slot - bar) / 2
        y = top + plot - h
        cx = x + bar / 2
        colour = _COLOURS[i % len(_COLOURS)]
        body = (
            f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{max(h, 1):.1f}" fill="{colour}"/>'
            f'<text x="{cx:.1f}" y="{y - 6:.1f}" text-anchor="middle" class="value">{escape(mark.text)}</text>'
            f'<text x="{cx:.1f}" y="{top + plot + 20}" text-anchor="middle" class="label">{escape(mark.label)}</text>'
        )
        parts.append(_link(unit, mark, body))
    parts.append("</svg>")
    return mark_safe("".join(parts))


def line_chart_svg(chart: Chart, unit: Unit) -> SafeString:
    """Return a line chart of shares (0–100 %) per month; a month without decisions breaks the line."""
    width, height, top, bottom, left, right = 640, 260, 20, 44, 44, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    count = len(chart.marks)
    step = plot_w / max(count - 1, 1)
    parts = [_open_svg(chart, width, height)]
    for tick in (0, 50, 100):
        y = top + plot_h * (1 - tick / 100)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#ddd"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" class="label">{tick}%</text>'
        )
    points, segments = [], []
    for i, mark in enumerate(chart.marks):
        x = left + step * i if count > 1 else left + plot_w / 2
        if mark.value is None:
            if points:
                segments.append(points)
            points = []
            continue
        points.append((x, top + plot_h * (1 - float(mark.value) / 100)))
    if points:
        segments.append(points)
    for segment in segments:
        coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in segment)
        parts.append(f'<polyline points="{coords}" fill="none" stroke="{_COLOURS[1]}" stroke-width="2"/>')
    for i, mark in enumerate(chart.marks):
        x = left + step * i if count > 1 else left + plot_w / 2
        parts.append(f'<text x="{x:.1f}" y="{height - bottom + 18}" text-anchor="middle" class="label">'
                     f'{escape(mark.label)}</text>')
        if mark.value is None:
            continue
        y = top + plot_h * (1 - float(mark.value) / 100)
        body = (
            f'<circle class="point" cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{_COLOURS[1]}"/>'
            f'<text x="{x:.1f}" y="{y - 10:.1f}" text-anchor="middle" class="value small">{escape(mark.text)}</text>'
        )
        parts.append(_link(unit, mark, body))
    parts.append("</svg>")
    return mark_safe("".join(parts))


def share_bar_svg(chart: Chart, unit: Unit) -> SafeString:
    """Return one horizontal bar split into the marks' shares of their total, each segment a link."""
    width, height, left, bar_h, top = 640, 96, 8, 36, 12
    total = sum(m.value or 0 for m in chart.marks)
    parts = [_open_svg(chart, width, height)]
    if not total:
        parts.append(f'<rect x="{left}" y="{top}" width="{width - 2 * left}" height="{bar_h}" fill="#e7ebf0"/>'
                     f'<text x="{width / 2}" y="{top + bar_h / 2 + 5}" text-anchor="middle" class="label">'
                     f"{escape(_('Chưa có số liệu'))}</text>")
    x = float(left)
    span = width - 2 * left
    legend_x = float(left)
    for i, mark in enumerate(chart.marks):
        value = mark.value or 0
        w = span * value / total if total else 0
        colour = _COLOURS[i % len(_COLOURS)]
        share = percent(value, total)
        text = f"{mark.label}: {mark.text} ({_share_text(share)})"
        body = f'<rect class="bar" x="{x:.1f}" y="{top}" width="{w:.1f}" height="{bar_h}" fill="{colour}"/>' if w else ""
        body += (
            f'<rect x="{legend_x:.1f}" y="{top + bar_h + 16}" width="12" height="12" fill="{colour}"/>'
            f'<text x="{legend_x + 16:.1f}" y="{top + bar_h + 27}" class="label">{escape(text)}</text>'
        )
        parts.append(_link(unit, mark, body))
        x += w
        legend_x += span / len(chart.marks)
    parts.append("</svg>")
    return mark_safe("".join(parts))
