"""Issuing a code outside a transaction is a programming error: the sequence lock would end at once."""

import pytest

from motcua.dossiers.codes import issue_dossier_code
from motcua.units.models import Unit
from tests.desk.conftest import vn


def test_issue_dossier_code_refuses_to_run_in_autocommit():
    # No django_db mark: the check comes before any query (a query would fail the test).
    with pytest.raises(RuntimeError, match="transaction.atomic"):
        issue_dossier_code(Unit(code="16003", agency_id="H56.20.03"), vn(2023, 6, 5, 8, 0))
