"""Interlinked procedures: the dossier goes to another agency or level and comes back."""

import pytest

from motcua.dossiers import actions as a
from motcua.dossiers.error_codes import DossierActionError
from motcua.dossiers.error_codes import DossierErrorCode as E
from motcua.dossiers.models import Handover, Status
from tests.desk.conftest import make_procedure, receive, vn

pytestmark = pytest.mark.django_db


def test_transfer_and_receive_back(desk):
    procedure = make_procedure("1.000001", mechanism="interlinked_across_levels")
    d = receive(desk, vn(2023, 6, 5, 8, 0), procedure=procedure)
    d = a.do_assign_dossier(desk.officer, d, desk.specialist, at=vn(2023, 6, 5, 8, 30))
    d = a.do_start_processing(desk.specialist, d, at=vn(2023, 6, 5, 9, 0))
    d = a.do_transfer_dossier(desk.specialist, d, "UBND huyện Hoằng Hóa", "Đề nghị xác nhận", at=vn(2023, 6, 5, 10, 0))
    assert d.status == Status.TRANSFERRED
    with pytest.raises(DossierActionError) as err:
        a.do_submit_for_decision(desk.specialist, d, at=vn(2023, 6, 5, 11, 0))
    assert err.value.code == E.INVALID_TRANSITION
    d = a.do_receive_back_dossier(desk.officer, d, "Đã xác nhận", at=vn(2023, 6, 6, 14, 0))
    assert d.status == Status.PROCESSING
    sent, back = Handover.objects.order_by("at")
    assert (sent.from_user, sent.to_agency, sent.result) == (desk.specialist, "UBND huyện Hoằng Hóa", "Đề nghị xác nhận")
    assert (back.from_agency, back.to_user, back.result) == ("UBND huyện Hoằng Hóa", desk.officer, "Đã xác nhận")
    # The clock ran while the dossier was away: the due time is unchanged.
    assert d.due_at == vn(2023, 6, 8, 8, 0)


def test_transfer_needs_the_receiving_agency(desk):
    procedure = make_procedure("1.000002", mechanism="interlinked_same_level")
    d = receive(desk, vn(2023, 6, 5, 8, 0), procedure=procedure)
    d = a.do_assign_dossier(desk.officer, d, desk.specialist, at=vn(2023, 6, 5, 8, 30))
    d = a.do_start_processing(desk.specialist, d, at=vn(2023, 6, 5, 9, 0))
    with pytest.raises(DossierActionError) as err:
        a.do_transfer_dossier(desk.specialist, d, "  ", at=vn(2023, 6, 5, 10, 0))
    assert err.value.code == E.AGENCY_REQUIRED
