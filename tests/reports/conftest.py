"""Fixtures of the report tests: the hand-checkable Q2/2023 scenario of scenario.py."""

import pytest

from motcua.lib.periods import parse_period

from . import scenario as scenario_module


@pytest.fixture
def scenario(db):
    return scenario_module.build()


@pytest.fixture
def q2():
    return parse_period("2023-Q2")
