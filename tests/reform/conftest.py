"""Fixtures of the register tests: two communes of one district, their staff and a district overseer."""

import datetime as dt
from types import SimpleNamespace

import pytest

from motcua.lib.periods import parse_period
from tests.factories import make_tree, make_user

D = dt.date


def period(label: str):
    """Return the calendar period of a label: period("2023-Q2")."""
    return parse_period(label)


@pytest.fixture
def tree(db):
    province, district, a, b, other_province, other = make_tree()
    return SimpleNamespace(province=province, district=district, a=a, b=b, other=other)


@pytest.fixture
def people(tree):
    return SimpleNamespace(
        specialist_a=make_user("cv_a", tree.a, "specialist", last_name="Lê Văn", first_name="Minh"),
        leader_a=make_user("ld_a", tree.a, "leader"),
        desk_a=make_user("mc_a", tree.a, "desk_officer"),
        specialist_b=make_user("cv_b", tree.b, "specialist"),
        overseer=make_user("huyen", tree.district, "oversight"),
    )
