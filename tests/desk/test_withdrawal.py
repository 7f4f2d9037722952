"""The applicant withdraws: the dossier ends, resolved as withdrawn, and nothing more can happen to it."""

import pytest

from motcua.dossiers.actions import (
    DossierActionError,
    do_assign_dossier,
    do_receive_supplement,
    do_record_rating,
    do_request_supplement,
    do_withdraw_dossier,
)
from motcua.dossiers.error_codes import DossierErrorCode
from motcua.dossiers.models import Outcome, Status
from motcua.dossiers.status import derive_status
from tests.desk.conftest import receive, state, vn

pytestmark = pytest.mark.django_db


def test_withdrawal_while_waiting_for_papers(desk):
    d = receive(desk, vn(2023, 6, 5, 8, 0))
    d = do_assign_dossier(desk.officer, d, desk.specialist, at=vn(2023, 6, 5, 8, 30))
    d = do_request_supplement(desk.specialist, d, "Thiếu giấy chứng sinh", at=vn(2023, 6, 5, 10, 0))
    d = do_withdraw_dossier(desk.officer, d, "Công dân có đơn xin rút hồ sơ", at=vn(2023, 6, 6, 9, 0))
    assert (d.status, d.outcome, d.resolved_at) == (Status.WITHDRAWN, Outcome.WITHDRAWN, vn(2023, 6, 6, 9, 0))
    event = d.events.get(verb="withdraw")
    assert (event.from_status, event.to_status, event.actor) == ("awaiting_supplement", "withdrawn", desk.officer)
    # The status a loader would derive for the same facts.
    assert derive_status(d.resolved_at, d.outcome, d.returned_at, d.open_supplement() is not None) == d.status

    before = state(d)
    with pytest.raises(DossierActionError) as err:
        do_receive_supplement(desk.officer, d, at=vn(2023, 6, 6, 10, 0))
    assert err.value.code == DossierErrorCode.INVALID_TRANSITION
    assert "Đã rút hồ sơ" in err.value.message
    with pytest.raises(DossierActionError):
        do_withdraw_dossier(desk.officer, d, at=vn(2023, 6, 6, 10, 0))
    assert state(d) == before
    # Withdrawn, the dossier has no result to rate.
    with pytest.raises(DossierActionError):
        do_record_rating(desk.officer, d, "satisfied", "paper", at=vn(2023, 6, 6, 10, 0))
    assert state(d) == before


def test_only_the_desk_records_a_withdrawal(desk):
    d = receive(desk, vn(2023, 6, 5, 8, 0))
    before = state(d)
    with pytest.raises(DossierActionError) as err:
        do_withdraw_dossier(desk.specialist, d, at=vn(2023, 6, 5, 9, 0))
    assert err.value.code == DossierErrorCode.FORBIDDEN_ROLE
    assert state(d) == before


def test_withdrawal_reason_is_optional(desk):
    d = receive(desk, vn(2023, 6, 5, 8, 0))
    d = do_withdraw_dossier(desk.officer, d, at=vn(2023, 6, 5, 9, 0))
    assert d.status == Status.WITHDRAWN
