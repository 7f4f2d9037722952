"""The public portal in English (the language cookie): every page's own text is English, the data stays as entered, Vietnamese stays the default."""

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation

from motcua.dossiers import actions as a
from motcua.dossiers.models import Dossier
from motcua.portal.labels import message
from tests.desk.conftest import make_procedure
from tests.english import vietnamese_finder
from tests.portal.conftest import APPLICANT, last_code, prove, receive, vn
from tests.portal.test_public_lists import scenario  # noqa: F401

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# Always allowed: the way back to Vietnamese, and the official name of the receipt form.
# The papers of the online procedure: catalog data, shown as the catalog names them.
PAPERS = ["Tờ khai", "Văn bản ủy quyền (trường hợp ủy quyền)"]
KEPT = ["Tiếng Việt", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", "Giấy tiếp nhận", "Mẫu 01"]


@pytest.fixture
def en():
    client = Client()
    client.cookies["django_language"] = "en"
    return client


vietnamese_left = vietnamese_finder(KEPT)


def data_of(desk) -> list[str]:
    units = [desk.province, desk.district, desk.unit, desk.unit_b, desk.other_commune]
    names = [u.name for u in units] + [u.parent.name for u in units if u.parent_id]
    from motcua.catalog.models import Procedure

    return [*names, *Procedure.objects.values_list("name", flat=True), *PAPERS]


@pytest.fixture
def dossier(desk):
    return receive(desk, vn(2023, 6, 5, 8, 0))


def resolve(desk, d, apology=False):
    d = a.do_assign_dossier(desk.officer, d, desk.specialist, at=vn(2023, 6, 5, 8, 30))
    d = a.do_start_processing(desk.specialist, d, at=vn(2023, 6, 5, 9, 0))
    if apology:
        d = a.do_issue_apology(desk.leader, d, vn(2023, 6, 9, 17, 0), "Chờ xác minh", at=vn(2023, 6, 7, 16, 0))
    d = a.do_submit_for_decision(desk.specialist, d, at=vn(2023, 6, 9, 9, 0))
    return a.do_approve_dossier(desk.leader, d, at=vn(2023, 6, 9, 10, 0))


def test_lookup_page_in_english(en, desk):
    response = en.get("/tra-cuu/")
    page = response.content.decode()
    assert response.headers["Content-Language"] == "en"
    for english in ["Look up the status of a dossier", "Dossier code", "Look up", "Submit online", "Feedback", "Results", "Statistics", "Staff sign-in", "Public service portal", "e.g. H56.20.03-250805-0001"]:
        assert english in page, english
    assert "Tra cứu tình trạng hồ sơ" not in page and "Nộp hồ sơ trực tuyến" not in page
    assert vietnamese_left(response) == []


def test_not_found_in_english(en, desk):
    response = en.get("/tra-cuu/?ma=H56-000000-9999")
    assert response.status_code == 404
    assert "Dossier not found" in response.content.decode()
    assert "There is no dossier with the code <strong>H56-000000-9999</strong>." in response.content.decode()
    assert vietnamese_left(response) == []


def test_status_page_in_english(en, desk, dossier):
    response = en.get(f"/tra-cuu/{dossier.code}/")
    page = html.unescape(response.content.decode())
    for english in ["Dossier " + dossier.code, "Receiving agency", "Status", "<strong>Received</strong>", "In person", "Date received", "Result due", "Steps taken", "Dossier received", "Applicant's details", "Show details"]:
        assert english in page, english
    assert "08:00 05/06/2023" in page and "08:00 08/06/2023" in page  # dates stay dd/mm/yyyy
    assert "Mới tiếp nhận" not in page and "Các bước đã thực hiện" not in page
    assert vietnamese_left(response, data_of(desk)) == []


def test_status_page_result_apology_and_check_in_english(en, desk, dossier):
    d = resolve(desk, dossier, apology=True)
    d = a.do_return_result(desk.officer, d, at=vn(2023, 6, 9, 14, 0))
    response = en.get(f"/tra-cuu/{d.code}/")
    page = response.content.decode()
    for english in ["Result returned", "New due date", "Date of result", "(Approved)", "Date result returned", "Apology and new date:", "sent a letter of apology because the dossier is late, with a new due date of 17:00 09/06/2023", "Processing started", "Submitted to the leader for decision"]:
        assert english in page, english
    assert vietnamese_left(response, data_of(desk)) == []
    # The 4-digit check and its errors.
    wrong = en.post(f"/tra-cuu/{d.code}/", {"so_cuoi": "0000"})
    assert "The 4 digits you entered do not match" in wrong.content.decode()
    assert vietnamese_left(wrong, data_of(desk)) == []
    assert "Please enter exactly 4 digits (0–9)." in en.post(f"/tra-cuu/{d.code}/", {"so_cuoi": "12"}).content.decode()
    right = en.post(f"/tra-cuu/{d.code}/", {"so_cuoi": APPLICANT["phone"][-4:]})
    page = right.content.decode()
    assert "Details are partly hidden to protect personal data." in page and "Applicant" in page
    assert "Procedure" in page  # shown once the check passes
    assert vietnamese_left(right, [*data_of(desk), right.context["applicant"]["name"]]) == []


def test_rating_in_english(en, desk, dossier):
    before = en.get(f"/danh-gia/{dossier.code}/")
    assert "This dossier has no result yet, so it cannot be rated." in before.content.decode()
    d = resolve(desk, dossier)
    response = en.get(f"/danh-gia/{d.code}/")
    page = response.content.decode()
    for english in ["Rate your satisfaction", "Very satisfied", "Satisfied", "Not satisfied", "Send rating", "Last 4 digits of the applicant"]:
        assert english in page, english
    assert "Rất hài lòng" not in page
    assert vietnamese_left(response, data_of(desk)) == []
    no_value = en.post(f"/danh-gia/{d.code}/", {"so_cuoi": "5678"}).content.decode()
    assert "Please choose a satisfaction level." in no_value
    done = en.post(f"/danh-gia/{d.code}/", {"so_cuoi": "5678", "muc_do": "satisfied"}, follow=True)
    assert "Thank you for your rating" in done.content.decode()
    assert vietnamese_left(done, data_of(desk)) == []
    again = en.get(f"/danh-gia/{d.code}/").content.decode()
    assert "This dossier has already been rated online." in again


@pytest.fixture
def online(desk, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    desk.procedure.online = "full"
    desk.procedure.components = [{"name": name, "form": "original", "quantity": 1} for name in PAPERS]
    desk.procedure.save()
    desk.partial = make_procedure(code="2.000815", online="partial")
    return desk


def submission(desk, **overrides):
    data = {
        "unit": desk.unit.pk,
        "procedure": desk.procedure.pk,
        "applicant_name": "Trần Thị Bích",
        "id_number": "038190004321",
        "phone": "0987 654 321",
        "paper_1": SimpleUploadedFile("to-khai.pdf", PDF, content_type="application/pdf"),
        "result_delivery": "online",
        "consent": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_proof_step_in_english(en, online):
    response = en.get("/nop-truc-tuyen/", follow=True)
    page = response.content.decode()
    for english in ["Step 1: Confirm who is submitting", "Phone number or email", "Send the code"]:
        assert english in page, english
    assert vietnamese_left(response, data_of(online)) == []
    bad = en.post("/nop-truc-tuyen/xac-minh/", {"lien_he": "gọi tôi"})
    assert "Please enter a phone number (8–20 digits) or a valid email address." in html.unescape(bad.content.decode())
    assert vietnamese_left(bad, [*data_of(online), "gọi tôi"]) == []
    sent = en.post("/nop-truc-tuyen/xac-minh/", {"lien_he": "bich@example.vn"})
    page = html.unescape(sent.content.decode())
    assert "A 6-digit code was sent to <strong>bich@example.vn</strong>." in page and "Verification code (6 digits)" in page
    assert vietnamese_left(sent, data_of(online)) == []
    from django.core import mail

    assert mail.outbox[-1].subject == "Verification code for online submission"
    wrong = en.post("/nop-truc-tuyen/xac-minh/", {"ma": "x" + last_code("bich@example.vn")[1:]})
    assert "The verification code is not correct." in html.unescape(wrong.content.decode())
    assert vietnamese_left(wrong, data_of(online)) == []


def test_submission_form_in_english(en, online):
    prove(en)
    first = en.get("/nop-truc-tuyen/")
    assert "Agency to receive the dossier" in first.content.decode() and "Continue" in first.content.decode()
    assert vietnamese_left(first, data_of(online)) == []
    chooser = en.get(f"/nop-truc-tuyen/?unit={online.unit.pk}")
    for english in ["Administrative procedure", "Fully online (level 4)", "Show the documents to submit", "the expected result date"]:
        assert english in chooser.content.decode(), english
    assert vietnamese_left(chooser, data_of(online)) == []
    response = en.get(f"/nop-truc-tuyen/?unit={online.unit.pk}&procedure={online.procedure.pk}")
    page = html.unescape(response.content.decode())
    for english in ["1. Agency and procedure", "Administrative procedure", "Fully online", "Choose another procedure", "2. Applicant", "Applicant's full name", "Personal ID number (CCCD)", "Email (optional)", "3. Documents", "(one PDF, JPEG or PNG file per document, at most 20 MB; all files together at most 100 MB)", "(required)", "(only if this case applies)", "Original, 1 copy", "Other documents (optional)", "at most 5 files, chosen together", "4. Receiving the result", "Electronic copy online", "In person at the one-stop desk", "By public postal service", "Expected result date", "Submitted now, the dossier's result is due at:", "Counted in working days", "I declare that the information", "Submit dossier"]:
        assert english in page, english
    # The papers' names are the catalog's data: they stay Vietnamese.
    assert vietnamese_left(response, data_of(online)) == []
    options = en.get(f"/nop-truc-tuyen/thu-tuc/?unit={online.unit.pk}").content.decode()
    assert "— Choose a procedure —" in options and "Partly online (level 3)" in options


def test_submission_errors_in_english(en, online):
    prove(en)
    empty = en.post("/nop-truc-tuyen/", {"unit": online.unit.pk})
    page = empty.content.decode()
    for english in ["Please choose a procedure.", "Please enter the applicant&#x27;s full name.", "Please enter the personal ID number (12 digits).", "Please enter a contact phone number.", "Please attach at least one file of the dossier&#x27;s documents.", "Please choose how to receive the result.", "Please tick the declaration and consent to submit the dossier."]:
        assert english in page, english
    assert vietnamese_left(empty, data_of(online)) == []
    bad = en.post(
        "/nop-truc-tuyen/",
        submission(
            online,
            id_number="999190004321",
            phone="abc",
            email="x@",
            paper_1=None,
            result_delivery="postal",
        ),
    )
    page = html.unescape(bad.content.decode())
    assert "The personal ID number is not valid: the birth-registration province code 999 is not one of the 63 provinces and cities." in page
    assert "A phone number has digits only (8–20 characters), e.g. 0912 345 678." in page
    assert "The email address is not valid." in page
    assert "Please attach the file of the document «Tờ khai»." in page
    assert "Receiving the result by post needs an address: please enter the contact address." in page
    assert "the document «Văn bản ủy quyền" not in page  # needed only when authorised
    bad_file = en.post("/nop-truc-tuyen/", submission(online, paper_1=SimpleUploadedFile("anh.pdf", b"not a pdf at all")))
    assert "The file «anh.pdf» is not a PDF, JPEG or PNG (checked by its content, not its name)." in html.unescape(bad_file.content.decode())
    assert vietnamese_left(bad, [*data_of(online), "Tờ khai", "Trần Thị Bích"]) == []
    assert Dossier.objects.count() == 0


def test_receipt_in_english(en, online):
    prove(en)
    response = en.post("/nop-truc-tuyen/", submission(online), follow=True)
    page = response.content.decode()
    code = Dossier.objects.get().code
    for english in ["Receipt of an online dossier", "Your dossier code:", code, "Fully online", "Submitted at", "Result due", "Result delivery", "Status", "Documents submitted:", "Download the receipt (Giấy tiếp nhận, Mẫu 01, PDF)", "Please note down the dossier code.", "open again in any browser"]:
        assert english in page, english
    assert vietnamese_left(response, [*data_of(online), response.context["applicant"]]) == []
    # Another browser in English is asked for the 4 digits, in English.
    other = Client()
    other.cookies["django_language"] = "en"
    asked = other.get(f"/nop-truc-tuyen/da-nop/{code}/")
    for english in ["Receipt of dossier " + code, "Last 4 digits of the CCCD or phone number", "Show the receipt", "No personal data is shown"]:
        assert english in asked.content.decode(), english
    assert vietnamese_left(asked, data_of(online)) == []


def test_public_results_in_english(en, desk, scenario):  # noqa: F811
    response = en.get("/cong-khai/", {"don_vi": desk.district.code, "thang": "2023-06"})
    page = html.unescape(response.content.decode())
    for english in ["Published results of dossiers", "Unit", "Month", "Show", "06/2023", "Dossiers resolved: 2. Applicants' names are partly hidden.", "Dossier code", "Date resolved", "On time</span>", "Late</span>", "(Approved)"]:
        assert english in page, english
    masked = [r["applicant"] for r in response.context["rows"]]
    assert vietnamese_left(response, [*data_of(desk), *masked]) == []
    bad = en.get("/cong-khai/", {"thang": "2023-13", "don_vi": "khong-co"}).content.decode()
    assert "Invalid month: use year-month, e.g. 2026-03." in bad
    assert "There is no such unit; the default unit is shown." in bad


def test_statistics_in_english(en, desk, scenario):  # noqa: F811
    response = en.get("/thong-ke/", {"don_vi": desk.district.code, "nam": "2023", "ky": "Q2"})
    page = response.content.decode()
    for english in ["Statistics of administrative procedures", "Year", "Period", "Whole year", "Q1", "First half-year", "Show statistics", "Q2 2023", "From 01/04/2023 to 30/06/2023, including the units below.", "Dossiers received", "online: 2 (50\u00a0%)", "Dossiers resolved", "early: 1, on time: 1, late: 2", "On-time rate", "Satisfaction rate", "ratings: 3", "By unit", "Intake", "Satisfied"]:
        assert english in page, english
    # Figures in English notation: a decimal point.
    assert '<p class="figure" id="ty-le-hai-long">66.67\u00a0%</p>' in page
    assert "quý II năm 2023" not in page
    assert vietnamese_left(response, data_of(desk)) == []
    bad = en.get("/thong-ke/", {"don_vi": desk.district.code, "nam": "2023", "ky": "Q9"}).content.decode()
    assert "Invalid period: period «Q9» is not valid." in html.unescape(bad)


def test_rate_limit_page_in_english(en, desk, settings):
    settings.MOTCUA_PUBLIC_RATE_LIMIT = "1/minute"
    en.get("/tra-cuu/")
    response = en.get("/tra-cuu/")
    assert response.status_code == 429
    assert "Too many look-up requests" in response.content.decode()
    assert vietnamese_left(response) == []


def test_vietnamese_stays_the_default(client, desk, dossier):
    # No cookie, and a browser asking for English: the pages stay Vietnamese.
    response = client.get(f"/tra-cuu/{dossier.code}/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    page = response.content.decode()
    assert response.headers["Content-Language"] == "vi"
    assert "Mới tiếp nhận" in page and "Các bước đã thực hiện" in page and "Tiếp nhận hồ sơ" in page
    assert "Steps taken" not in page and "Received" not in page
    assert vietnamese_left(response, data_of(desk))  # the check above does find Vietnamese
    assert "Look up" not in client.get("/tra-cuu/").content.decode()


def test_vietnamese_statistics_stay_the_default(client, desk, scenario):  # noqa: F811
    stats = client.get("/thong-ke/", {"don_vi": desk.district.code, "nam": "2023", "ky": "Q2"}).content.decode()
    assert "Huyện Hoằng Hóa — quý II năm 2023" in stats and "66,67\u00a0%" in stats and "Quý I" in stats
    assert "Whole year" not in stats


def test_domain_messages_keep_their_vietnamese_and_unknown_ones_pass_through():
    text = "Tệp «a.pdf» không phải PDF, JPEG hoặc PNG (kiểm tra theo nội dung tệp, không theo tên)."
    with translation.override("vi"):
        assert message(text) == text
        assert message("Một thông báo chưa có bản dịch.") == "Một thông báo chưa có bản dịch."
    with translation.override("en"):
        assert message(text) == "The file «a.pdf» is not a PDF, JPEG or PNG (checked by its content, not its name)."
        assert message("thủ tục 1.001193 không áp dụng tại Xã Hoằng Lưu") == "procedure 1.001193 does not apply at Xã Hoằng Lưu"
        assert message("Một thông báo chưa có bản dịch.") == "Một thông báo chưa có bản dịch."


def test_stop_request_in_english(en, desk, dossier):
    response = en.get(f"/dung-xu-ly/{dossier.code}/")
    page = response.content.decode()
    for english in ["Ask to stop handling the dossier", "Reason for the request (optional)", "Last 4 digits of the applicant",
                    "Send the request to stop handling", "Once handling stops, the dossier is closed"]:
        assert english in page, english
    assert vietnamese_left(response, data_of(desk)) == []
    done = en.post(f"/dung-xu-ly/{dossier.code}/", {"so_cuoi": "5678"})
    text = done.content.decode()
    assert "Your request to stop handling has been recorded." in text and "<strong>Stopped</strong>" in text
    assert vietnamese_left(done, data_of(desk)) == []
    status = en.get(f"/tra-cuu/{dossier.code}/")
    assert "Handling stopped" in status.content.decode()
    assert vietnamese_left(status, data_of(desk)) == []
