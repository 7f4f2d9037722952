"""Fixtures for the demo: the demo's units and catalog loaded, a fixed 'now', short periods."""

import datetime as dt

import pytest

from motcua.demo import install
from motcua.demo.generate import LOCAL_TZ

# A fixed instant (a Wednesday evening) so that generated data never depends on when tests run.
NOW = dt.datetime(2026, 11, 25, 20, 0, tzinfo=LOCAL_TZ)
# Short periods keep the tests fast: a month of 2023 for the old communes, the
# last weeks before NOW for the merged commune (with dossiers still open).
PERIODS = [(dt.date(2023, 4, 1), dt.date(2023, 4, 30)), (dt.date(2026, 10, 15), NOW.date())]


@pytest.fixture
def demo_catalog(db):
    """Load the demo's units and procedures files; return the communes."""
    from motcua.exchange.loading import load_file
    from motcua.units.models import Unit

    for kind, path in (("units", install.UNITS_FILE), ("procedures", install.PROCEDURES_FILE)):
        report = load_file(kind, path)
        assert report.errors == [], report.error_lines()
    return list(Unit.objects.filter(code__in=install.commune_codes()).order_by("code"))
