"""A refused action names its reason with an error code and changes nothing: no field, no row, no event."""

import datetime as dt

import pytest

from motcua.accounts.models import User
from motcua.dossiers import actions as a
from motcua.dossiers.error_codes import DossierActionError
from motcua.dossiers.error_codes import DossierErrorCode as E
from tests.desk.conftest import receive, state, vn

pytestmark = pytest.mark.django_db
T = vn(2023, 6, 5, 10, 0)


def refused(code, action, *args, **kwargs):
    dossier = args[1]
    before = state(dossier)
    with pytest.raises(DossierActionError) as err:
        action(*args, **kwargs)
    assert err.value.code == code, err.value.message
    assert err.value.message
    assert state(dossier) == before
    return err.value.message


@pytest.fixture
def received(desk):
    return receive(desk, vn(2023, 6, 5, 8, 0))


@pytest.fixture
def assigned(desk, received):
    return a.do_assign_dossier(desk.officer, received, desk.specialist, at=vn(2023, 6, 5, 8, 30))


def test_illegal_transitions(desk, received, assigned):
    message = refused(E.INVALID_TRANSITION, a.do_approve_dossier, desk.leader, assigned, at=T)
    assert message == "không thể phê duyệt: hồ sơ H56.20.03-230605-0001 đang ở trạng thái «Đã phân công»"
    refused(E.INVALID_TRANSITION, a.do_submit_for_decision, desk.specialist, assigned, at=T)
    refused(E.INVALID_TRANSITION, a.do_return_result, desk.officer, assigned, "counter", at=T)
    refused(E.INVALID_TRANSITION, a.do_receive_supplement, desk.officer, assigned, at=T)
    refused(E.INVALID_TRANSITION, a.do_publish_result, desk.officer, assigned, portal=True, at=T)
    refused(E.INVALID_TRANSITION, a.do_hand_over_dossier, desk.specialist, assigned, desk.specialist2, at=T)
    refused(E.INVALID_TRANSITION, a.do_send_back_dossier, desk.leader, assigned, "Làm lại", at=T)


def test_another_units_dossier(desk, received):
    message = refused(E.OUT_OF_SCOPE, a.do_assign_dossier, desk.officer_b, received, desk.specialist_b, at=T)
    assert message == "hồ sơ không thuộc phạm vi đơn vị của bạn"
    refused(E.OUT_OF_SCOPE, a.do_withdraw_dossier, desk.leader_other, received, at=T)
    refused(E.OUT_OF_SCOPE, a.do_request_supplement, desk.specialist_b, received, "Thiếu", at=T)


def test_wrong_role(desk, received, assigned):
    refused(E.FORBIDDEN_ROLE, a.do_assign_dossier, desk.specialist, assigned, desk.specialist2, at=T)
    message = refused(E.FORBIDDEN_ROLE, a.do_start_processing, desk.leader, assigned, at=T)
    assert message == "vai trò «Lãnh đạo» không được bắt đầu xử lý"
    # Oversight sees the commune's dossiers but acts on none of them.
    refused(E.FORBIDDEN_ROLE, a.do_withdraw_dossier, desk.oversight, assigned, at=T)
    # No superuser bypass: the history must show a role that may act.
    admin = User.objects.create_superuser("root", password="x-test-pass")
    refused(E.FORBIDDEN_ROLE, a.do_withdraw_dossier, admin, assigned, at=T)
    refused(E.FORBIDDEN_ROLE, a.do_withdraw_dossier, None, assigned, at=T)


def test_only_the_holder_starts_processing(desk, assigned):
    message = refused(E.NOT_ASSIGNEE, a.do_start_processing, desk.specialist2, assigned, at=T)
    assert "Hùng" in message


def test_inactive_actor(desk, assigned):
    desk.specialist.is_active = False
    desk.specialist.save()
    refused(E.INACTIVE_USER, a.do_start_processing, desk.specialist, assigned, at=T)


def test_assignee_must_be_an_active_specialist_of_the_unit(desk, received, assigned):
    refused(E.INVALID_ASSIGNEE, a.do_assign_dossier, desk.officer, received, desk.specialist_b, at=T)
    refused(E.INVALID_ASSIGNEE, a.do_assign_dossier, desk.officer, received, desk.leader, at=T)
    refused(E.INVALID_ASSIGNEE, a.do_assign_dossier, desk.officer, received, desk.specialist, at=T)
    desk.specialist2.is_active = False
    desk.specialist2.save()
    refused(E.INVALID_ASSIGNEE, a.do_assign_dossier, desk.officer, received, desk.specialist2, at=T)


def test_stale_expected_version(desk, received):
    assert received.version == 1
    a.do_assign_dossier(desk.officer, received, desk.specialist, at=vn(2023, 6, 5, 8, 30), expected_version=1)
    # The form was loaded at version 1; the dossier is at 2 now.
    message = refused(
        E.STALE_VERSION, a.do_assign_dossier, desk.leader, received, desk.specialist2, at=T, expected_version=1
    )
    assert message == "hồ sơ đã được người khác thay đổi, vui lòng tải lại"
    d = a.do_assign_dossier(desk.leader, received, desk.specialist2, at=T, expected_version=2)
    assert (d.version, d.assignee) == (3, desk.specialist2)


def test_times_out_of_order(desk, assigned):
    message = refused(E.INVALID_TIME, a.do_start_processing, desk.specialist, assigned, at=vn(2023, 6, 5, 8, 29))
    assert "08:30 05/06/2023" in message
    refused(E.INVALID_TIME, a.do_start_processing, desk.specialist, assigned, at=vn(2999, 1, 1, 8, 0))
    refused(E.INVALID_TIME, a.do_start_processing, desk.specialist, assigned, at=dt.datetime(2023, 6, 5, 9, 0))


def test_transfer_needs_an_interlinked_procedure(desk, assigned):
    d = a.do_start_processing(desk.specialist, assigned, at=T)
    message = refused(E.NOT_INTERLINKED, a.do_transfer_dossier, desk.specialist, d, "UBND huyện Hoằng Hóa", at=T)
    assert "liên thông" in message


def test_bad_arguments_of_later_actions(desk, assigned):
    d = a.do_start_processing(desk.specialist, assigned, at=T)
    refused(E.REASON_REQUIRED, a.do_request_supplement, desk.specialist, d, "", at=T)
    d = a.do_submit_for_decision(desk.specialist, d, at=T)
    refused(E.REASON_REQUIRED, a.do_send_back_dossier, desk.leader, d, " ", at=T)
    d = a.do_approve_dossier(desk.leader, d, at=T)
    refused(E.INVALID_RETURN_CHANNEL, a.do_return_result, desk.officer, d, "fax", at=T)
    refused(E.NOTHING_TO_PUBLISH, a.do_publish_result, desk.officer, d, at=T)
    refused(E.INVALID_RATING, a.do_record_rating, desk.officer, d, "ecstatic", "paper", at=T)
    refused(E.INVALID_RATING, a.do_record_rating, desk.officer, d, "satisfied", "telepathy", at=T)
    d = a.do_publish_result(desk.officer, d, portal=True, at=T)
    refused(E.NOTHING_TO_PUBLISH, a.do_publish_result, desk.officer, d, portal=True, at=T)
