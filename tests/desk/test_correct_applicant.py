"""do_correct_applicant: an officer of the unit puts the applicant's name, ID or phone right; the history keeps both."""

import pytest

from motcua.dossiers import actions as a
from motcua.dossiers.error_codes import DossierActionError, DossierErrorCode as E
from motcua.dossiers.events import Verb
from motcua.dossiers.models import Dossier, DossierEvent
from tests.desk.conftest import receive, vn

pytestmark = pytest.mark.django_db

T = vn(2023, 6, 5, 9, 0)


@pytest.fixture
def dossier(desk):
    return receive(desk, vn(2023, 6, 5, 8, 0))


def test_correction_saves_the_new_values_and_records_before_and_after(desk, dossier):
    d = a.do_correct_applicant(
        desk.officer, dossier, {"name": "Nguyễn Văn Anh", "phone": "0912345679"}, "Ghi sai khi tiếp nhận", at=T,
        expected_version=dossier.version,
    )
    stored = Dossier.objects.get(pk=dossier.pk)
    assert (stored.applicant_name, stored.applicant_id_number, stored.applicant_phone) == (
        "Nguyễn Văn Anh", "038090001234", "0912345679"
    )
    assert stored.version == dossier.version + 1 == d.version
    event = DossierEvent.objects.get(dossier=dossier, verb=Verb.CORRECT_APPLICANT)
    assert event.actor == desk.officer and event.reason == "Ghi sai khi tiếp nhận"
    assert event.data["before"] == {"applicant_name": "Nguyễn Văn A", "applicant_phone": "0912345678"}
    assert event.data["after"] == {"applicant_name": "Nguyễn Văn Anh", "applicant_phone": "0912345679"}
    assert event.from_status == event.to_status == "received"


def refused(code, *args, **kwargs):
    before = list(Dossier.objects.values())
    events = DossierEvent.objects.count()
    with pytest.raises(DossierActionError) as raised:
        a.do_correct_applicant(*args, **kwargs)
    assert raised.value.code == code
    assert list(Dossier.objects.values()) == before and DossierEvent.objects.count() == events
    return str(raised.value)


def test_refusals_change_nothing(desk, dossier):
    refused(E.NOTHING_TO_CORRECT, desk.officer, dossier, {"name": "Nguyễn Văn A"}, "sửa", at=T)
    refused(E.REASON_REQUIRED, desk.officer, dossier, {"name": "Nguyễn Văn Anh"}, " ", at=T)
    refused(E.INVALID_ID_NUMBER, desk.officer, dossier, {"id_number": "999090001234"}, "sửa", at=T)
    refused(E.INVALID_APPLICANT, desk.officer, dossier, {"name": ""}, "sửa", at=T)
    assert "ký tự điều khiển (U+0001)" in refused(E.INVALID_APPLICANT, desk.officer, dossier, {"name": "An\x01"}, "sửa", at=T)
    refused(E.INVALID_APPLICANT, desk.officer, dossier, {"email": "x@example.vn"}, "sửa", at=T)
    refused(E.STALE_VERSION, desk.officer, dossier, {"name": "Nguyễn Văn Anh"}, "sửa", at=T, expected_version=dossier.version + 1)
    refused(E.FORBIDDEN_ROLE, desk.specialist, dossier, {"name": "Nguyễn Văn Anh"}, "sửa", at=T)
    refused(E.OUT_OF_SCOPE, desk.officer_b, dossier, {"name": "Nguyễn Văn Anh"}, "sửa", at=T)


def test_a_closed_dossier_may_still_be_corrected_by_a_leader(desk, dossier):
    d = a.do_withdraw_dossier(desk.officer, dossier, "Người nộp xin rút", at=T)
    d = a.do_correct_applicant(desk.leader, d, {"name": "Nguyễn Văn Anh"}, "Sai chính tả", at=vn(2023, 6, 5, 10, 0))
    assert d.applicant_name == "Nguyễn Văn Anh" and d.status == "withdrawn"


def test_intake_refuses_a_control_character_in_a_name(desk):
    with pytest.raises(DossierActionError) as raised:
        receive(desk, vn(2023, 6, 5, 8, 0), applicant={"kind": "citizen", "name": "\u202eNguyễn", "id_number": "038090001234"})
    assert raised.value.code == E.INVALID_APPLICANT
    assert Dossier.objects.count() == 0
