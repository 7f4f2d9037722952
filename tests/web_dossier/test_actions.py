"""Actions posted from the dossier page: each one allowed, and refused by role, state, version, name and unit with nothing changed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from motcua.catalog.models import Mechanism
from motcua.desk.dossier_actions import STALE
from motcua.dossiers import actions as a
from motcua.dossiers.models import Apology, Attachment, Dossier, DossierEvent
from tests.desk.conftest import make_procedure
from tests.web_dossier.conftest import client_for, receive, snapshot, vn

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n" + b"x" * 3000


def at_status(desk, status, procedure=None):
    """Receive a dossier at 08:00 Mon 05/06/2023 and carry it to `status` (actions at the clock's 09:00)."""
    d = receive(desk, vn(2023, 6, 5, 8, 0), procedure=procedure)
    if status == "received":
        return d
    d = a.do_assign_dossier(desk.officer, d, desk.specialist)
    if status == "assigned":
        return d
    d = a.do_start_processing(desk.specialist, d)
    if status == "processing":
        return d
    d = a.do_submit_for_decision(desk.specialist, d)
    if status == "awaiting_decision":
        return d
    d = a.do_approve_dossier(desk.leader, d)
    assert status == "approved"
    return d


def post(user_or_client, dossier, action, data=None, *, version=None, htmx=False, **extra):
    client = user_or_client if isinstance(user_or_client, Client) else client_for(user_or_client)
    body = {"expected_version": Dossier.objects.get(pk=dossier.pk).version if version is None else version, **(data or {})}
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(f"/can-bo/ho-so/{dossier.code}/{action}/", body, headers=headers, **extra)


# (status before, who, action, form data, status after)
ALLOWED = [
    ("received", "officer", "assign", lambda desk: {"assignee": desk.specialist.pk, "note": "Giao anh Hùng"}, "assigned"),
    ("assigned", "specialist", "start", lambda desk: {}, "processing"),
    ("processing", "specialist", "hand-over", lambda desk: {"to_user": desk.specialist2.pk, "result": "Đã kiểm tra"}, "processing"),
    ("processing", "specialist", "request-supplement", lambda desk: {"reason": "Bổ sung giấy chứng sinh"}, "awaiting_supplement"),
    ("processing", "specialist", "submit-for-decision", lambda desk: {"note": "Đủ điều kiện"}, "awaiting_decision"),
    ("awaiting_decision", "leader", "send-back", lambda desk: {"reason": "Xem lại tên người mẹ"}, "processing"),
    ("awaiting_decision", "leader", "approve", lambda desk: {}, "approved"),
    ("awaiting_decision", "leader", "refuse", lambda desk: {"reasons": "Không đúng thẩm quyền\n\n Quá thời hạn đăng ký "}, "refused"),
    ("received", "officer", "withdraw", lambda desk: {"reason": "Người nộp xin rút"}, "withdrawn"),
    ("received", "officer", "stop", lambda desk: {"reason": "Người nộp đề nghị dừng xử lý"}, "stopped"),
    ("approved", "officer", "return-result", lambda desk: {"channel": "postal"}, "returned"),
    ("approved", "officer", "publish", lambda desk: {"portal": "on"}, "approved"),
    ("approved", "officer", "rate", lambda desk: {"value": "satisfied", "channel": "paper"}, "approved"),
]


@pytest.mark.parametrize("before, who, action, data, after", ALLOWED, ids=[row[2] for row in ALLOWED])
def test_allowed_action_changes_the_dossier_and_records_who_did_it(desk, clock, before, who, action, data, after):
    d = at_status(desk, before)
    events = DossierEvent.objects.filter(dossier=d).count()
    user = getattr(desk, who)
    response = post(user, d, action, data(desk))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == f"/can-bo/ho-so/{d.code}/"
    d.refresh_from_db()
    assert d.status == after
    assert DossierEvent.objects.filter(dossier=d).count() == events + 1
    assert DossierEvent.objects.filter(dossier=d).latest("id").actor == user
    # The page after the redirect says what was done.
    page = client_for(user).get(response["Location"])
    assert page.status_code == 200


def test_refuse_keeps_one_reason_per_line(desk, clock):
    d = at_status(desk, "awaiting_decision")
    post(desk.leader, d, "refuse", {"reasons": "Không đúng thẩm quyền\n\n Quá thời hạn đăng ký "})
    event = DossierEvent.objects.filter(dossier=d).latest("id")
    assert event.data["reasons"] == ["Không đúng thẩm quyền", "Quá thời hạn đăng ký"]


def test_hand_over_to_the_leaders_step_submits_for_decision(desk, clock):
    d = at_status(desk, "processing")
    post(desk.specialist, d, "hand-over", {"to_user": desk.specialist.pk})  # step 1 → step 2 (specialist)
    response = post(desk.specialist, d, "hand-over", {"to_user": desk.leader.pk, "result": "Dự thảo xong"})
    assert response.status_code == 302
    d.refresh_from_db()
    assert (d.status, d.assignee, d.current_step.position) == ("awaiting_decision", desk.leader, 3)


def test_supplement_arrival_moves_the_due_time_by_the_working_time_waited(desk, clock):
    d = at_status(desk, "processing")
    # 3 working days from Mon 05/06/2023 08:00.
    assert d.due_at == vn(2023, 6, 8, 8, 0)
    clock.at = vn(2023, 6, 6, 9, 0)
    post(desk.specialist, d, "request-supplement", {"reason": "Bổ sung giấy chứng sinh"})
    clock.at = vn(2023, 6, 8, 10, 30)
    response = post(desk.officer, d, "receive-supplement", {"note": "Đã nhận bản chính"})
    assert response.status_code == 302
    d.refresh_from_db()
    # Waited: Tue 09:00–11:30 and 13:30–17:00 (6 h), Wed 8 h, Thu 07:00–10:30 (3.5 h) = 17.5 working hours.
    # Thu 08:00 + 17.5 h: Thu 3.5 + 3.5 (10.5 left), Fri 8 (2.5 left), Mon 12/06 07:00 + 2.5 h = 09:30.
    assert d.due_at == vn(2023, 6, 12, 9, 30)
    assert d.status == "processing"
    page = client_for(desk.officer).get(f"/can-bo/ho-so/{d.code}/").content.decode()
    assert "09:30 12/06/2023" in page
    assert "2 ngày 1 giờ 30 phút" in page  # the wait, in the supplements table and the timeline


def test_apology_sets_a_new_appointment_and_keeps_the_due_time(desk, clock):
    d = at_status(desk, "processing")
    # Half an hour before the due time (Thu 08:00): an apology is due.
    clock.at = vn(2023, 6, 8, 7, 30)
    response = post(desk.officer, d, "apologise", {"new_due_at": "2023-06-09T16:00", "reason": "Chờ xác minh"})
    assert response.status_code == 302, response.content.decode()[:3000]
    apology = Apology.objects.get(dossier=d)
    assert apology.new_due_at == vn(2023, 6, 9, 16, 0)
    d.refresh_from_db()
    assert d.due_at == vn(2023, 6, 8, 8, 0)
    page = client_for(desk.officer).get(f"/can-bo/ho-so/{d.code}/").content.decode()
    assert "Hẹn lại (xin lỗi)" in page and "16:00 09/06/2023" in page


def test_apology_too_early_is_refused_next_to_the_new_date_form(desk, clock):
    d = at_status(desk, "processing")
    before = snapshot(d)
    response = post(desk.officer, d, "apologise", {"new_due_at": "2023-06-09T16:00", "reason": "Chờ xác minh"})
    assert response.status_code == 400
    assert "chưa cần xin lỗi và hẹn lại" in response.content.decode()
    assert snapshot(d) == before


def test_interlinked_dossier_is_transferred_and_received_back(desk, clock):
    procedure = make_procedure(code="2.000986", mechanism=Mechanism.INTERLINKED_SAME_LEVEL)
    d = at_status(desk, "processing", procedure=procedure)
    assert post(desk.specialist, d, "transfer", {"to_agency": "Công an huyện Hoằng Hóa"}).status_code == 302
    d.refresh_from_db()
    assert d.status == "transferred"
    assert post(desk.officer, d, "receive-back", {"result": "Đã xác nhận cư trú"}).status_code == 302
    d.refresh_from_db()
    assert d.status == "processing"
    handover = d.handovers.order_by("-id").first()
    assert (handover.from_agency, handover.to_user, handover.result) == ("Công an huyện Hoằng Hóa", desk.officer, "Đã xác nhận cư trú")


def test_attach_stores_the_scan_and_lists_it_with_its_hash(desk, clock, media):
    d = at_status(desk, "received")
    upload = SimpleUploadedFile("to-khai.pdf", PDF, content_type="application/pdf")
    response = post(desk.officer, d, "attach", {"file": upload, "kind": "component"})
    assert response.status_code == 302
    attachment = Attachment.objects.get(dossier=d)
    page = client_for(desk.officer).get(f"/can-bo/ho-so/{d.code}/").content.decode()
    assert attachment.sha256 in page and "to-khai.pdf" in page
    download = client_for(desk.specialist).get(f"/can-bo/ho-so/{d.code}/tep/{attachment.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"
    assert client_for(desk.officer_b).get(f"/can-bo/ho-so/{d.code}/tep/{attachment.pk}/").status_code == 404


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("lon.pdf", b"%PDF-1.7\n" + b"x" * (1024 * 1024), "vượt giới hạn 1 MB"),
        ("gia.pdf", b"<html>not a scan</html>", "không phải PDF, JPEG hoặc PNG"),
    ],
    ids=["too-large", "wrong-type"],
)
def test_bad_upload_is_refused_next_to_the_file_field_and_nothing_is_stored(desk, clock, media, name, content, message):
    d = at_status(desk, "received")
    before = snapshot(d)
    response = post(desk.officer, d, "attach", {"file": SimpleUploadedFile(name, content), "kind": "component"})
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="id_file_attach-error">' in html and message in html
    assert 'aria-invalid="true"' in html
    assert snapshot(d) == before
    assert not media.exists() or not any(media.rglob("*.*"))


# ------------------------------------------------------------------ refusals


def test_refused_by_role_says_why_and_changes_nothing(desk, clock):
    d = at_status(desk, "awaiting_decision")
    before = snapshot(d)
    response = post(desk.specialist, d, "approve")
    assert response.status_code == 400
    assert "Vai trò «Chuyên viên» không được phê duyệt." in response.content.decode()
    assert snapshot(d) == before


def test_refused_by_state_says_why_and_changes_nothing(desk, clock):
    d = at_status(desk, "received")
    before = snapshot(d)
    response = post(desk.leader, d, "approve")
    assert response.status_code == 400
    assert "đang ở trạng thái «Mới tiếp nhận»" in response.content.decode()
    assert snapshot(d) == before


def test_refused_when_someone_else_holds_the_dossier(desk, clock):
    d = at_status(desk, "assigned")
    before = snapshot(d)
    response = post(desk.specialist2, d, "start")
    assert response.status_code == 400
    assert "đang do Trần Văn Hùng xử lý" in response.content.decode()
    assert snapshot(d) == before


def test_stale_version_is_told_and_changes_nothing(desk, clock):
    d = at_status(desk, "received")
    post(desk.officer, d, "assign", {"assignee": desk.specialist.pk})
    before = snapshot(d)
    # A second officer's form was loaded at version 1.
    response = post(desk.officer, d, "assign", {"assignee": desk.specialist2.pk}, version=1)
    assert response.status_code == 409
    assert STALE in response.content.decode()
    assert snapshot(d) == before


def test_missing_version_is_treated_as_stale(desk, clock):
    d = at_status(desk, "received")
    before = snapshot(d)
    response = client_for(desk.officer).post(f"/can-bo/ho-so/{d.code}/withdraw/", {"reason": "rút"})
    assert response.status_code == 409
    assert snapshot(d) == before


def test_forged_action_name_is_refused_and_changes_nothing(desk, clock):
    d = at_status(desk, "received")
    before = snapshot(d)
    response = post(desk.officer, d, "delete-everything")
    assert response.status_code == 400
    assert "Không có thao tác «delete-everything» trên hồ sơ." in response.content.decode()
    assert snapshot(d) == before


def test_another_units_dossier_is_404_for_actions_and_changes_nothing(desk, clock):
    d = at_status(desk, "received")
    before = snapshot(d)
    response = post(desk.officer_b, d, "assign", {"assignee": desk.specialist_b.pk})
    assert response.status_code == 404
    assert snapshot(d) == before


def test_colleague_of_another_unit_cannot_be_chosen(desk, clock):
    d = at_status(desk, "received")
    before = snapshot(d)
    response = post(desk.officer, d, "assign", {"assignee": desk.specialist_b.pk})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_assignee_assign-error"' in html and "không phải chuyên viên của đơn vị" in html
    assert snapshot(d) == before


@pytest.mark.parametrize(
    "status, who, action, data, field, message",
    [
        ("awaiting_decision", "leader", "refuse", {"reasons": " \n "}, "reasons", "Từ chối giải quyết phải nêu rõ lý do."),
        ("processing", "specialist", "request-supplement", {"reason": ""}, "reason", "Vui lòng ghi rõ giấy tờ, nội dung cần bổ sung."),
        ("awaiting_decision", "leader", "send-back", {"reason": ""}, "reason", "Vui lòng điền mục này."),
        ("received", "officer", "apologise", {"new_due_at": "31/02/2023 10:00", "reason": "x"}, "new_due_at", "Ngày giờ hẹn lại không hợp lệ."),
        ("approved", "officer", "return-result", {"channel": "drone"}, "channel", "không phải là một trong các lựa chọn"),
    ],
    ids=["refuse-no-reasons", "supplement-no-reason", "send-back-no-reason", "apology-bad-date", "return-bad-channel"],
)
def test_bad_input_is_shown_next_to_its_field_and_changes_nothing(desk, clock, status, who, action, data, field, message):
    d = at_status(desk, status)
    before = snapshot(d)
    response = post(getattr(desk, who), d, action, data)
    assert response.status_code == 400
    html = response.content.decode()
    slug = {"refuse": "refuse", "request-supplement": "supplementrequest", "send-back": "sendback", "apologise": "apology", "return-result": "returnresult"}[action]
    error = html.split(f'id="id_{field}_{slug}-error">', 1)[1].split("</small>", 1)[0]
    assert message.lower() in error.lower()
    assert snapshot(d) == before


def test_csrf_token_is_required(desk, clock):
    d = at_status(desk, "received")
    before = snapshot(d)
    client = Client(enforce_csrf_checks=True)
    client.force_login(desk.officer)
    response = client.post(f"/can-bo/ho-so/{d.code}/withdraw/", {"expected_version": 1, "reason": "rút"})
    assert response.status_code == 403
    assert snapshot(d) == before


def test_get_on_an_action_is_not_allowed(desk, clock):
    d = at_status(desk, "received")
    assert client_for(desk.officer).get(f"/can-bo/ho-so/{d.code}/withdraw/").status_code == 405


# ---------------------------------------------------------------------- htmx


def test_htmx_action_returns_the_page_body_with_the_new_state(desk, clock):
    d = at_status(desk, "received")
    response = post(desk.officer, d, "assign", {"assignee": desk.specialist.pk}, htmx=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="dossier-body"')
    assert "<html" not in html
    assert 'data-status="assigned"' in html
    assert "Đã phân công xử lý: hồ sơ" in html


def test_htmx_refusal_is_swapped_in_with_the_error(desk, clock):
    d = at_status(desk, "received")
    before = snapshot(d)
    response = post(desk.officer, d, "assign", {"assignee": desk.specialist.pk}, htmx=True, version=7)
    # htmx swaps only 2xx answers: the refusal comes as 200 with the message in the body.
    assert response.status_code == 200
    assert STALE in response.content.decode()
    assert snapshot(d) == before


def test_officer_corrects_the_applicants_name_and_the_timeline_shows_both(desk, clock):
    d = at_status(desk, "processing")
    page = client_for(desk.officer).get(f"/can-bo/ho-so/{d.code}/").content.decode()
    assert 'action="/can-bo/ho-so/' + d.code + '/correct-applicant/"' in page
    assert 'value="Nguyễn Văn A"' in page  # the form starts from what is stored
    response = post(
        desk.officer, d, "correct-applicant",
        {"name": "Nguyễn Văn Anh", "id_number": "038090001234", "phone": "0912345678", "reason": "Ghi sai khi tiếp nhận"},
    )
    assert response.status_code == 302
    assert Dossier.objects.get(pk=d.pk).applicant_name == "Nguyễn Văn Anh"
    page = client_for(desk.officer).get(f"/can-bo/ho-so/{d.code}/").content.decode()
    history = page[page.index('id="timeline-title"'):]
    assert "Sửa thông tin người nộp" in history and "Ghi sai khi tiếp nhận" in history
    assert "Nguyễn Văn A" in history and "Nguyễn Văn Anh" in history
    # The specialist holding the dossier does not correct the applicant.
    assert "/correct-applicant/" not in client_for(desk.specialist).get(f"/can-bo/ho-so/{d.code}/").content.decode()


def test_a_control_character_in_the_corrected_name_is_refused_next_to_the_field(desk, clock):
    d = at_status(desk, "received")
    before = snapshot(d)
    response = post(
        desk.officer, d, "correct-applicant",
        {"name": "Nguyễn\x01 Văn Anh", "id_number": "038090001234", "phone": "0912345678", "reason": "Sai"},
    )
    assert response.status_code == 400
    assert "“Họ tên người nộp” chứa ký tự điều khiển (U+0001), không được phép." in response.content.decode()
    assert snapshot(d) == before
