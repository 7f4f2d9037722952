"""The applicant asks to stop handling (TT 03/2025, Mẫu 05): the dossier ends stopped, at the counter or online."""

import pytest

from motcua.dossiers.actions import DossierActionError, do_assign_dossier, do_withdraw_dossier
from motcua.dossiers.error_codes import DossierErrorCode
from motcua.dossiers.models import Outcome, Status
from motcua.dossiers.status import derive_status
from motcua.dossiers.stopping import do_stop_dossier, do_stop_dossier_online
from motcua.forms import available_forms, render_form
from tests.desk.conftest import receive, state, vn
from tests.forms.conftest import pdf_text

pytestmark = pytest.mark.django_db


def test_stop_at_the_counter_ends_the_dossier_and_prints_mau_05(desk):
    d = receive(desk, vn(2025, 8, 4, 8, 0))
    d = do_assign_dossier(desk.officer, d, desk.specialist, at=vn(2025, 8, 4, 8, 30))
    d = do_stop_dossier(desk.officer, d, "Công dân đề nghị dừng để hoàn thiện giấy tờ", at=vn(2025, 8, 4, 14, 0))
    assert (d.status, d.outcome, d.resolved_at) == (Status.STOPPED, Outcome.STOPPED, vn(2025, 8, 4, 14, 0))
    event = d.events.get(verb="stop")
    assert (event.from_status, event.to_status, event.actor, event.data["requested"]) == (
        "assigned", "stopped", desk.officer, "counter",
    )
    assert event.data["after"]["outcome"] == "stopped"
    # The status a loader derives from the same facts.
    assert derive_status(d.resolved_at, d.outcome, d.returned_at, False) == Status.STOPPED

    assert available_forms(d) == ["receipt", "stop_notice", "control_sheet"]
    text = pdf_text(render_form(d, "stop_notice")).replace("\n", " ")
    assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in text
    assert "Mẫu số 05 ban hành kèm theo Thông tư số 03/2025/TT-VPCP" in text
    assert "Công dân đề nghị dừng để hoàn thiện giấy tờ" in text
    assert "14 giờ 00 phút, ngày 04/08/2025" in text
    assert d.code in text

    # Nothing more happens to a stopped dossier.
    before = state(d)
    with pytest.raises(DossierActionError) as err:
        do_withdraw_dossier(desk.officer, d, at=vn(2025, 8, 4, 15, 0))
    assert err.value.code == DossierErrorCode.INVALID_TRANSITION
    assert "Đã dừng xử lý" in err.value.message
    assert state(d) == before


def test_stop_notice_without_reason_says_whose_request(desk):
    d = do_stop_dossier(desk.officer, receive(desk, vn(2025, 8, 4, 8, 0)), at=vn(2025, 8, 4, 9, 0))
    text = pdf_text(render_form(d, "stop_notice")).replace("\n", " ")
    assert "Lý do: Theo đề nghị dừng xử lý hồ sơ của tổ chức, cá nhân." in text


def test_only_the_desk_records_a_stop_at_the_counter(desk):
    d = receive(desk, vn(2025, 8, 4, 8, 0))
    before = state(d)
    with pytest.raises(DossierActionError) as err:
        do_stop_dossier(desk.specialist, d, at=vn(2025, 8, 4, 9, 0))
    assert err.value.code == DossierErrorCode.FORBIDDEN_ROLE
    with pytest.raises(DossierActionError) as err:
        do_stop_dossier(desk.officer_b, d, at=vn(2025, 8, 4, 9, 0))
    assert err.value.code == DossierErrorCode.OUT_OF_SCOPE
    assert state(d) == before


def test_online_stop_after_the_four_digit_check(desk):
    # The applicant's phone ends in 5678, the CCCD in 1234.
    d = receive(desk, vn(2025, 8, 4, 8, 0))
    before = state(d)
    with pytest.raises(DossierActionError) as err:
        do_stop_dossier_online(d, "9999", "Không cần nữa")
    assert err.value.code == DossierErrorCode.INVALID_APPLICANT
    assert state(d) == before

    d = do_stop_dossier_online(d, "5678", "Không cần nữa")
    assert (d.status, d.outcome) == (Status.STOPPED, Outcome.STOPPED)
    event = d.events.get(verb="stop")
    assert (event.actor, event.reason, event.data["requested"], event.to_status) == (None, "Không cần nữa", "online", "stopped")
    assert event.at == d.resolved_at

    # A second request finds the dossier already stopped.
    with pytest.raises(DossierActionError) as err:
        do_stop_dossier_online(d, "1234")
    assert err.value.code == DossierErrorCode.INVALID_TRANSITION
