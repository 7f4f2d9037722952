"""Fixtures of the register tests: two communes of one district, their staff and a district overseer."""

import datetime as dt
import io
from types import SimpleNamespace

import pytest
from openpyxl import Workbook

from motcua.lib.periods import parse_period
from motcua.reform.registers import BY_SLUG
from motcua.reform.xlsx import headers
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


def directives_with_a_bad_date() -> io.BytesIO:
    """An upload of the directive documents' register whose second row (line 3) has no valid date."""
    book = Workbook()
    book.active.append(headers(BY_SLUG["van-ban-chi-dao"]))
    book.active.append(["1/KH-UBND", "05/01/2023", "Kế hoạch CCHC"])
    book.active.append(["2/KH-UBND", "05/13/2023", "Kế hoạch kiểm tra"])
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "vb.xlsx"
    return out
