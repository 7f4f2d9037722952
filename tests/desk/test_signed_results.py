"""The signing step of approval and refusal (motcua.dossiers.results): what is refused, and that nothing changes then."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.dossiers import actions as a
from motcua.dossiers.error_codes import DossierActionError, DossierErrorCode as E
from motcua.dossiers.models import ResultDocument
from motcua.dossiers.results import do_approve_and_sign_result, do_refuse_and_sign_letter
from tests.desk.conftest import receive, state, vn
from tests.reports.test_signing import PASSWORD, make_p12

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def awaiting(desk):
    d = receive(desk, vn(2023, 6, 5, 8, 0))
    d = a.do_assign_dossier(desk.officer, d, desk.specialist)
    d = a.do_start_processing(desk.specialist, d)
    return a.do_submit_for_decision(desk.specialist, d)


@pytest.fixture
def draft(desk, awaiting):
    from weasyprint import HTML

    pdf = HTML(string="<p>Dự thảo</p>").write_pdf()
    return a.do_attach_file(desk.specialist, awaiting, SimpleUploadedFile("du-thao.pdf", pdf), "draft_result")


def refused(code, call):
    with pytest.raises(DossierActionError) as caught:
        call()
    assert caught.value.code == code
    return caught.value.message


def test_a_draft_without_a_certificate_is_refused_and_nothing_changes(desk, draft):
    before = state(draft)
    message = refused(E.SIGNING_FAILED, lambda: do_approve_and_sign_result(desk.leader, draft))
    assert "chưa được cấu hình chứng thư số" in message
    assert state(draft) == before


def test_the_password_is_read_only_from_a_signing_variable(desk, draft, tmp_path, monkeypatch):
    make_p12(tmp_path / "ct.p12")
    monkeypatch.setenv("MOTCUA_SECRET_KEY", PASSWORD)
    desk.leader.signing_p12, desk.leader.signing_password_env = str(tmp_path / "ct.p12"), "MOTCUA_SECRET_KEY"
    before = state(draft)
    message = refused(E.SIGNING_FAILED, lambda: do_approve_and_sign_result(desk.leader, draft))
    assert "MOTCUA_SECRET_KEY không hợp lệ" in message
    assert state(draft) == before
    # The admin form refuses such a name too.
    with pytest.raises(ValidationError) as caught:
        desk.leader.full_clean()
    assert "signing_password_env" in caught.value.message_dict


def test_an_unset_password_variable_is_named(desk, draft, tmp_path, monkeypatch):
    make_p12(tmp_path / "ct.p12")
    monkeypatch.delenv("MOTCUA_SIGN_PASSWORD_X", raising=False)
    desk.leader.signing_p12, desk.leader.signing_password_env = str(tmp_path / "ct.p12"), "MOTCUA_SIGN_PASSWORD_X"
    message = refused(E.SIGNING_FAILED, lambda: do_approve_and_sign_result(desk.leader, draft))
    assert "chưa đặt biến môi trường MOTCUA_SIGN_PASSWORD_X" in message


def test_without_draft_or_certificate_approval_and_refusal_stay_as_they_were(desk, awaiting):
    # Not a paper-result procedure: the plain actions, nothing signed.
    d = do_approve_and_sign_result(desk.leader, awaiting)
    assert d.status == "approved" and not ResultDocument.objects.filter(dossier=d).exists()
    assert not d.events.filter(verb="sign_result").exists()


def test_a_paper_result_refusal_needs_the_leaders_certificate(desk, awaiting):
    desk.procedure.paper_result = True
    desk.procedure.save(update_fields=["paper_result"])
    before = state(awaiting)
    refused(E.SIGNING_FAILED, lambda: do_refuse_and_sign_letter(desk.leader, awaiting, ["Thiếu giấy tờ"], lambda d: b""))
    assert state(awaiting) == before


def test_a_draft_is_only_for_a_dossier_in_progress(desk):
    d = receive(desk, vn(2023, 6, 5, 8, 0))
    message = refused(
        E.RESULT_NOT_READY,
        lambda: a.do_attach_file(desk.officer, d, SimpleUploadedFile("a.pdf", b"%PDF-1.7\n" + b"x" * 50), "draft_result"),
    )
    assert "dự thảo kết quả" in message


def test_signature_title_is_the_users_title_else_the_role(desk):
    desk.leader.title = "Phó Chủ tịch"
    assert desk.leader.signature_title == "PHÓ CHỦ TỊCH"
    desk.leader.title = ""
    assert desk.leader.signature_title == "LÃNH ĐẠO"
