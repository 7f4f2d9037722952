"""Dashboard figures and charts: hand-worked numbers, SVG with accessible text, every mark linked to a matching list."""

import re
from urllib.parse import parse_qs, urlparse

from django.urls import reverse

from motcua.lib.periods import parse_period
from motcua.reports.dashboard import build_dashboard, month_periods
from motcua.reports.drilldown import drill_count

SCOPE = {"unit": "16003", "period": "2023-Q2"}


def _figures(board):
    return {f.label: f.text for f in board.figures}


def test_headline_figures_of_commune_a(scenario, q2):
    board = build_dashboard(scenario.units.a, q2)
    assert _figures(board) == {
        "Hồ sơ tiếp nhận": "10",
        # 6 on time of 8 decisions.
        "Tỷ lệ giải quyết đúng hạn": "75%",
        # D3, D4, D7, D12 of 10 received.
        "Tỷ lệ tiếp nhận trực tuyến": "40%",
        # D1 very satisfied and D2 satisfied, of 2 ratings.
        "Tỷ lệ hài lòng": "100%",
        "Văn bản xin lỗi": "2",
    }


def test_on_time_share_per_month(scenario, q2):
    board = build_dashboard(scenario.units.a, q2)
    line = next(c for c in board.charts if c.key == "dung-han")
    by_month = {m.label: m.text for m in line.marks}
    # A quarter is shown against the 12 months ending with it.
    assert list(by_month)[0] == "T7/22" and list(by_month)[-1] == "T6/23" and len(by_month) == 12
    # March: D13 early; April: D1 D2 D8 on time, D12 late; May: D3 D5 on time, D4 late; June: D10 (D11 is 1 Jul).
    assert (by_month["T3/23"], by_month["T4/23"], by_month["T5/23"], by_month["T6/23"]) == (
        "100%", "75%", "66,67%", "100%"
    )
    assert by_month["T2/23"] == "chưa có số liệu"


def test_apologies_per_month(scenario, q2):
    board = build_dashboard(scenario.units.a, q2)
    bars = {m.label: m.value for m in next(c for c in board.charts if c.key == "xin-loi").marks}
    # D12's apology 25 Apr, D4's 16 May; D7's falls on 1 Jul local time.
    assert (bars["T4/23"], bars["T5/23"], bars["T6/23"]) == (1, 1, 0)


def test_every_counted_mark_equals_its_drilldown(scenario, q2):
    for unit in (scenario.units.a, scenario.units.district):
        board = build_dashboard(unit, q2)
        for chart in board.charts:
            for mark in chart.marks:
                if chart.key == "dung-han":
                    on_time, decided = (int(text.replace(".", "")) for text, _ in mark.extra)
                    assert drill_count(unit, mark.period, "3.3.2") == on_time
                    assert drill_count(unit, mark.period, "giai-quyet") == decided
                else:
                    assert drill_count(unit, mark.period, mark.drill) == mark.value, (chart.key, mark.label)


def test_long_period_charts_its_own_months():
    months = month_periods(parse_period("2023"))
    assert [m.label for m in months][:2] == ["2023-01-01..2023-01-31", "2023-02-01..2023-02-28"]
    assert len(months) == 12 and months[-1].end.isoformat() == "2023-12-31"


def test_page_renders_svg_with_title_desc_table_and_links(as_user, staff):
    response = as_user(staff.district).get(reverse("reports:dashboard"), SCOPE)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<svg") == 5
    assert '<title id="bd-kenh-title">Hồ sơ tiếp nhận theo hình thức</title>' in html
    assert '<desc id="bd-kenh-desc">' in html
    assert html.count("<summary>Bảng số liệu</summary>") == 5
    # The counter bar links to the list of the 5 dossiers received at the counter.
    link = re.search(r'<a href="([^"]+)" aria-label="Trực tiếp: 5 — xem danh sách">', html).group(1)
    query = parse_qs(urlparse(link.replace("&amp;", "&")).query)
    assert query == {"unit": ["16003"], "period": ["2023-Q2"], "indicator": ["3.3.1.a"]}


def test_dashboard_of_another_unit_is_404(as_user, staff):
    assert as_user(staff.leader_b).get(reverse("reports:dashboard"), SCOPE).status_code == 404
