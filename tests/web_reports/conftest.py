"""Fixtures of the report page tests: the hand-checkable Q2/2023 scenario of tests/reports/scenario.py, with staff."""

from types import SimpleNamespace

import pytest

from tests.factories import make_user
from tests.reports.conftest import q2, scenario  # noqa: F401 - the fixtures are used by name


@pytest.fixture
def staff(scenario):
    """Users around commune A (16003): its leader, specialist and desk officer, B's leader, the district's oversight."""
    units = scenario.units
    return SimpleNamespace(
        leader_a=make_user("lanhdao_a", units.a, "leader"),
        specialist_a=make_user("chuyenvien_a", units.a, "specialist"),
        officer_a=make_user("motcua_a", units.a, "desk_officer"),
        leader_b=make_user("lanhdao_b", units.b, "leader"),
        district=make_user("huyen", units.district, "oversight"),
        other_province=make_user("tinh_khac", units.other_province, "oversight"),
    )


@pytest.fixture
def as_user(client):
    """Sign the test client in as a user and return it."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in
