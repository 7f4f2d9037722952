"""The report page, dashboard and drill-down read a bounded number of queries, whatever the number of dossiers.

benchmarks/pages.py found the report page and the dashboard slowest on SQLite at
50,000 dossiers: their local days and months were computed by a Python function
per row. These tests keep the query counts flat and the per-row conversions out.
"""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.reports.dashboard import month_periods, monthly_apologies, monthly_decisions
from tests.reports.scenario import make_dossier, vn

# The report page (section II.6) and the dashboard also compute the QĐ 766 index: 9 queries of their own
# whatever the number of dossiers, like the rest.
PAGES = [
    ("/bao-cao/?unit=16003&period=2023-Q2", 45),
    ("/bao-cao/?unit=388&period=2023", 45),
    ("/bao-cao/bang-dieu-khien/?unit=16003&period=2023-Q2", 35),
    ("/bao-cao/bang-dieu-khien/?unit=388&period=2023", 35),
    ("/bao-cao/chi-tiet/?unit=16003&period=2023-Q2&indicator=3.3.1", 12),
    ("/bao-cao/chi-tiet/?unit=16003&period=2023-Q2&indicator=3.5", 12),
]


def _queries(client, path):
    client.get(path)  # warm: calendars and translations are cached after the first request
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200, path
    return ctx.captured_queries


def _more_dossiers(scenario, count):
    """Add `count` decided dossiers to commune A, spread over every month of 2023."""
    p1 = scenario.procedures.p1
    for i in range(count):
        received = vn(2023, 1 + i % 12, 3 + i % 20, 9)
        make_dossier(f"H56.20.03-{received:%y%m%d}-{5000 + i:04d}", scenario.units.a, p1, "counter", received,
                     received + dt.timedelta(days=3), received + dt.timedelta(days=1 + i % 5), "approved")


def test_report_pages_query_counts_do_not_grow_with_dossiers(scenario, staff, as_user):
    client = as_user(staff.district)
    before = {}
    for path, most in PAGES:
        before[path] = len(_queries(client, path))
        assert before[path] <= most, (path, before[path])
    _more_dossiers(scenario, 40)
    for path, _most in PAGES:
        assert len(_queries(client, path)) == before[path], path


@pytest.mark.parametrize("label", ["2023-Q2", "2023"])
def test_monthly_charts_one_query_each_without_per_row_months(scenario, label):
    from motcua.lib.periods import parse_period

    months = month_periods(parse_period(label))
    with CaptureQueriesContext(connection) as ctx:
        monthly_decisions(scenario.units.a, months)
        monthly_apologies(scenario.units.a, months)
    sqls = [q["sql"].lower() for q in ctx.captured_queries if "dossiers_" in q["sql"]]
    assert len(sqls) == 2
    # No truncation of each row's instant to its local month (a Python function per row on SQLite).
    assert not any("trunc" in sql for sql in sqls)


def test_field_statistics_compare_local_days_natively(scenario, q2):
    from motcua.reports.statistics import field_statistics

    with CaptureQueriesContext(connection) as ctx:
        field_statistics(scenario.units.a, q2)
    (sql,) = [q["sql"] for q in ctx.captured_queries if "resolved_early" in q["sql"]]
    if connection.vendor == "sqlite":
        assert "django_datetime_cast_date" not in sql and "date(" in sql
