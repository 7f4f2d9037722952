"""Fixtures of the figure tests: the hand-checkable Q2/2023 scenario of tests/reports/scenario.py, no public rate limit."""

import pytest

from tests.reports.conftest import q2, scenario  # noqa: F401 - the fixtures are used by name


@pytest.fixture(autouse=True)
def _no_public_rate_limit(settings):
    # The public page's per-IP budget is not what these tests are about.
    settings.MOTCUA_PUBLIC_RATE_LIMIT = ""
