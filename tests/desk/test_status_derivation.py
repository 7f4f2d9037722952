"""derive_status: the workflow status of a dossier known only by its dates (loaded dossiers)."""

import pytest

from motcua.dossiers.models import Status
from motcua.dossiers.status import derive_status
from tests.desk.conftest import vn

T = vn(2023, 6, 5, 9, 0)


@pytest.mark.parametrize(
    "resolved_at, outcome, returned_at, open_supplement, expected",
    [
        (None, None, None, False, Status.RECEIVED),
        (None, "", None, True, Status.AWAITING_SUPPLEMENT),
        (T, "approved", None, False, Status.APPROVED),
        (T, "refused", None, False, Status.REFUSED),
        (T, "approved", T, False, Status.RETURNED),
        (T, "refused", T, False, Status.RETURNED),
        (T, "withdrawn", None, False, Status.WITHDRAWN),
        (T, "withdrawn", T, True, Status.WITHDRAWN),
        (T, None, None, False, Status.APPROVED),
        (T, None, T, False, Status.RETURNED),
    ],
)
def test_derive_status(resolved_at, outcome, returned_at, open_supplement, expected):
    assert derive_status(resolved_at, outcome, returned_at, open_supplement) == expected
    assert expected in Status.values
