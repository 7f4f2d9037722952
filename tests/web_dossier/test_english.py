"""The dossier page and its actions in English (the language cookie): facts, steps, history, hand-overs,
supplements, apologies, files, forms, every action form and the messages of the actions.

The data (names of people, units, procedures, papers, reasons typed) stays as
entered; the official names of forms stay Vietnamese with their English gist;
Vietnamese stays the default.
"""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from motcua.dossiers import actions as a
from motcua.dossiers.models import Dossier
from tests.web_desk.test_english import KEPT, vietnamese_left
from tests.desk.conftest import BACKDATED
from tests.web_dossier.conftest import receive, vn
from tests.web_dossier.test_actions import at_status

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# The official Vietnamese names of the forms printed for a dossier (Thông tư 01/2018/TT-VPCP).
FORM_NAMES = [
    "Mẫu số",
    "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
    "Phiếu kiểm soát quá trình giải quyết hồ sơ",
    "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
    "Phiếu xin lỗi và hẹn lại ngày trả kết quả",
    "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
]
TYPED = [
    "Thiếu giấy chứng sinh",
    "Chuyển thẩm định",
    "Giao anh Hùng",
    "Chờ xác minh",
    "Thôn 3",
    "Tờ khai đăng ký khai sinh",
    "Giấy chứng sinh",
    "Căn cước công dân của người đi đăng ký",
    # The reason the fixtures give for their backdated receipts (tests.desk.conftest.BACKDATED).
    BACKDATED,
]


def english(user) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def data_of(desk) -> list[str]:
    from motcua.accounts.models import User
    from motcua.catalog.models import Field, Procedure, ProcedureStep
    from motcua.units.models import Unit

    people = []
    for u in User.objects.all():
        people += [u.get_full_name(), f"{u.last_name} {u.first_name}", u.first_name, u.last_name]
    return [
        *KEPT,
        *FORM_NAMES,
        *TYPED,
        *Unit.objects.values_list("name", flat=True),
        *Procedure.objects.values_list("name", flat=True),
        *Field.objects.values_list("name", flat=True),
        *ProcedureStep.objects.values_list("name", flat=True),
        *Dossier.objects.values_list("applicant_name", flat=True),
        *[p for p in people if p.strip()],
    ]


def post(client, dossier, action, data=None, *, htmx=True, version=None):
    body = {"expected_version": Dossier.objects.get(pk=dossier.pk).version if version is None else version, **(data or {})}
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(f"/can-bo/ho-so/{dossier.code}/{action}/", body, headers=headers)


def test_a_full_dossier_page_in_english(desk, clock):
    d = receive(desk, vn(2023, 6, 5, 8, 0), applicant={"kind": "citizen", "name": "Nguyễn Văn A", "id_number": "038090001234", "address": "Thôn 3"})
    d = a.do_assign_dossier(desk.officer, d, desk.specialist, note="Giao anh Hùng")
    d = a.do_start_processing(desk.specialist, d)
    d = a.do_hand_over_dossier(desk.specialist, d, desk.specialist2, "Chuyển thẩm định")
    clock.at = vn(2023, 6, 5, 10, 15)
    d = a.do_request_supplement(desk.officer, d, "Thiếu giấy chứng sinh")
    clock.at = vn(2023, 6, 6, 9, 0)
    d = a.do_receive_supplement(desk.officer, d)
    clock.at = vn(2023, 6, 9, 9, 0)
    d = a.do_issue_apology(desk.officer, d, vn(2023, 6, 13, 16, 0), "Chờ xác minh")
    d = a.do_attach_file(desk.officer, d, SimpleUploadedFile("to-khai.pdf", PDF, content_type="application/pdf"), "component")

    response = english(desk.officer).get(f"/can-bo/ho-so/{d.code}/")
    page = response.content.decode()
    assert response.status_code == 200 and '<html lang="en">' in page
    for text in [
        f"Dossier {d.code} — One-stop desk", "code 1.001193 · field Hộ tịch", "Unit", "Channel of receipt", "In person",
        "Received", "Result due", "Time", "Overdue by", "of working time", "Committed due date", "3 working days",
        "Legal due date", "New due date (apology)", "the dossier still counts as late", "Handled by", "Result delivery",
        "Actions", "Applicant", "Citizen", "Personal ID number", "Phone", "Address", "Dossier documents", "Original",
        "Copy", "Forms to print", "Mẫu số 01</a> — Giấy tiếp nhận hồ sơ và hẹn trả kết quả", "(receipt and appointment slip)",
        "Internal workflow", "Step", "Task", "Role", "One-stop desk officer", "2 h", "12 h",
        "In progress", "Done", "Not reached", "History", "Dossier received", "Assigned to an officer", "Processing started",
        "Passed to the next step", "Supplement requested", "Supplementary documents received", "Apology and new date",
        "File digitised", "Received → Assigned", "Handled by: — → Trần Văn Hùng", "Reason, notes: Thiếu giấy chứng sinh",
        "Waited for the supplement: 6 hours 45 minutes of working time", "File «to-khai.pdf»",
        "Hand-overs", "From", "To", "Result, notes", "Supplement requests", "Requested at", "Supplement received at",
        "Waiting time (working time)", "Reason", "Digitised files", "File", "Type", "Size", "Uploaded", "Dossier documents",
    ]:
        assert text in page, text
    # The action panels: names as actions, their fields, buttons and confirmations.
    for text in ["Request a supplement</summary>", "Apologise and set a new date</summary>",
                 "Withdraw</summary>", "Attach a scanned file</summary>",
                 "Papers or information to supplement", "New due date for the result", "Reason for the delay",
                 "Reason for withdrawal (at the applicant&#x27;s request)", "Scanned file (PDF, JPEG or PNG)", "File type", "Results",
                 "Upload", "Record that the applicant withdraws the dossier?",
                 "Stop handling at the applicant&#x27;s request</summary>", "Reason for stopping (as the applicant asked)",
                 "Record that the applicant asks to stop handling the dossier?"]:
        assert text in page, text
    assert vietnamese_left(response, data_of(desk)) == []


def test_the_dossier_page_of_each_stage_has_no_vietnamese_left(desk, clock):
    d = at_status(desk, "awaiting_decision")
    response = english(desk.leader).get(f"/can-bo/ho-so/{d.code}/")
    page = response.content.decode()
    for text in ["Awaiting the leader&#x27;s decision", "Submitted to the leader for decision", "Approve</summary>",
                 "Refuse</summary>", "Send back for further processing</summary>", "Notes", "Reasons for refusal (one per line)",
                 "Refuse this dossier? This cannot be undone.", "of working time left"]:
        assert text in page, text
    assert vietnamese_left(response, data_of(desk)) == []

    response = english(desk.specialist).get(f"/can-bo/ho-so/{at_status(desk, 'processing').code}/")
    page = response.content.decode()
    for text in ["Pass to the next step</summary>", "For step «Ký duyệt kết quả», pass to", "Result of this step",
                 "Pass on", "Submit to the leader</summary>", "Request a supplement</summary>"]:
        assert text in page, text
    assert vietnamese_left(response, data_of(desk)) == []

    d = a.do_approve_dossier(desk.leader, d)
    d = a.do_return_result(desk.officer, d, "postal")
    d = a.do_publish_result(desk.officer, d, True, False)
    d = a.do_record_rating(desk.officer, d, "very_satisfied", "paper")
    response = english(desk.officer).get(f"/can-bo/ho-so/{d.code}/")
    page = response.content.decode()
    for text in ["Result returned", "Resolved", "Approved", "Returned at", "By post (BCCI)", "Resolved early",
                 "Published on the public service portal: — → yes", "Return channel: — → By post (BCCI)", "Result: — → Approved", "Result published", "Rating recorded",
                 "Citizen ratings", "Very satisfied", "Paper form", "Update publication",
                 # Returned, the dossier may still be rated on another channel.
                 "Record a rating</summary>", "Satisfaction", "Rating channel", "Rating kiosk", "Publish on the unit&#x27;s website"]:
        assert text in page, text
    assert vietnamese_left(response, data_of(desk)) == []


def test_action_messages_in_english(desk, clock):
    d = at_status(desk, "received")
    officer, specialist = english(desk.officer), english(desk.specialist)
    # Done, through htmx: the notice is in the page body.
    response = post(officer, d, "assign", {"assignee": desk.specialist.pk})
    assert f"Dossier {d.code} assigned." in response.content.decode()
    # Done, by a plain post: the message follows the redirect.
    response = post(specialist, d, "start", htmx=False)
    assert response.status_code == 302
    assert f"Processing of dossier {d.code} started." in specialist.get(response["Location"]).content.decode()
    # A form left empty.
    response = post(officer, d, "request-supplement", {"reason": ""})
    assert "Please state the papers or information to supplement." in response.content.decode()
    # An action the role may not do.
    response = post(officer, d, "approve", htmx=False)
    assert response.status_code == 400
    page = response.content.decode()
    assert "The role «One-stop desk officer» may not approve." in page
    assert vietnamese_left(response, data_of(desk)) == []
    # Not in this status.
    response = post(english(desk.leader), d, "approve", htmx=False)
    assert f"Cannot approve: dossier {d.code} has the status «In progress»." in response.content.decode()
    # Held by someone else.
    response = post(english(desk.specialist2), d, "submit-for-decision", htmx=False)
    assert f"Dossier {d.code} is being handled by Trần Văn Hùng." in response.content.decode()
    # An outdated version.
    response = post(specialist, d, "submit-for-decision", version=1)
    assert "Someone else has just updated this dossier; please review it before acting." in response.content.decode()
    # An unknown action.
    response = post(officer, d, "fly", htmx=False)
    assert "There is no action «fly» on a dossier." in response.content.decode()
    # A file the domain refuses: its message is translated where the portal's catalog knows it.
    response = post(officer, d, "attach", {"file": SimpleUploadedFile("gia.pdf", b"<html>not a scan</html>"), "kind": "component"})
    page = response.content.decode()
    assert "The file «gia.pdf» is not a PDF, JPEG or PNG (checked by its content, not its name)." in page


def test_dossier_page_stays_vietnamese_by_default(desk, clock):
    d = at_status(desk, "received")
    client = Client(headers={"accept-language": "en"})
    client.force_login(desk.officer)
    page = client.get(f"/can-bo/ho-so/{d.code}/").content.decode()
    assert '<html lang="vi">' in page
    assert "Phân công xử lý</summary>" in page and "Hình thức tiếp nhận" in page and "Còn 2 ngày 7 giờ làm việc" in page
    assert "(receipt and appointment slip)" not in page and "Assign" not in page
    response = client.post(f"/can-bo/ho-so/{d.code}/approve/", {"expected_version": d.version})
    assert "Vai trò «Cán bộ một cửa» không được phê duyệt." in response.content.decode()
    assert re.search(r"Đã phân công xử lý: hồ sơ", client.post(
        f"/can-bo/ho-so/{d.code}/assign/", {"expected_version": d.version, "assignee": desk.specialist.pk}, headers={"HX-Request": "true"}
    ).content.decode())


def test_correcting_the_applicant_in_english(desk, clock):
    d = at_status(desk, "received")
    officer = english(desk.officer)
    page = officer.get(f"/can-bo/ho-so/{d.code}/").content.decode()
    for text in ["Correct the applicant&#x27;s details", "Applicant&#x27;s full name", "Reason for the correction", "Save the corrected details"]:
        assert text in page, text
    data = {"name": "Nguyễn Văn Anh", "id_number": "038090001234", "phone": "0912345678", "reason": "Viết sai"}
    response = post(officer, d, "correct-applicant", data, htmx=False)
    assert response.status_code == 302
    page = officer.get(response["Location"])
    assert f"Applicant&#x27;s details corrected: dossier {d.code}." in page.content.decode()
    assert vietnamese_left(page, [*data_of(desk), "Nguyễn Văn A", "Viết sai"]) == []
    unchanged = post(officer, d, "correct-applicant", {**data, "reason": "Lần nữa"}, htmx=False)
    assert "The applicant&#x27;s details are unchanged." in unchanged.content.decode()
