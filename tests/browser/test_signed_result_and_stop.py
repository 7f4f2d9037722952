"""In Chromium: the leader signs the result by approving and the citizen downloads it from the look-up page only
after the 4-digit check (the PDF validates with pyHanko); the citizen asks on the portal to stop a dossier, which
ends stopped, and Mẫu 05 prints (issue 13)."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.dossiers import actions as a
from motcua.dossiers.models import Dossier, ResultDocument
from tests.browser.test_desk_dossier import act, open_as, staff, staff_ns, status_of  # noqa: F401 (fixtures)
from tests.desk.conftest import receive
from tests.forms.conftest import pdf_text
from tests.reports.test_signing import PASSWORD, make_p12, validate
from tests.web_dossier.conftest import vn

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD_ENV = "MOTCUA_SIGN_PASSWORD_CHUTICH"
# The applicant's phone is 0912345678 (tests.desk.conftest.APPLICANT): its last four digits.
DIGITS = "5678"


def awaiting_with_draft(staff):
    """A dossier submitted to the leader with the specialist's draft result (PDF) attached."""
    from weasyprint import HTML

    d = receive(staff_ns(staff), vn(2023, 6, 5, 8, 0))
    d = a.do_assign_dossier(staff["officer"], d, staff["specialist"], at=vn(2023, 6, 5, 8, 30))
    d = a.do_start_processing(staff["specialist"], d, at=vn(2023, 6, 5, 9, 0))
    pdf = HTML(string="<h1>Giấy khai sinh</h1><p>Họ và tên: Nguyễn Văn A</p>").write_pdf()
    d = a.do_attach_file(staff["specialist"], d, SimpleUploadedFile("du-thao.pdf", pdf), "draft_result")
    return a.do_submit_for_decision(staff["specialist"], d)


@pytest.fixture
def certified_leader(staff, tmp_path, monkeypatch, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    cert = make_p12(tmp_path / "chutich.p12", name="Phạm Văn Minh")
    leader = staff["leader"]
    leader.title = "Chủ tịch"
    leader.signing_p12, leader.signing_password_env = str(tmp_path / "chutich.p12"), PASSWORD_ENV
    leader.save()
    # The live server runs in this process: it reads the same environment.
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    return cert


def validated(pdf: bytes, cert):
    # pyHanko validates with asyncio.run; Playwright's loop runs in this thread, so validate in another.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(validate, pdf, cert).result()


def test_signed_result_downloaded_only_after_the_check(staff, certified_leader, open_as, page):
    dossier = awaiting_with_draft(staff)
    url = f"/can-bo/ho-so/{dossier.code}/"
    leader = open_as(staff["leader"])
    leader.goto(url)
    button = leader.locator('details[data-action="approve"] button[type=submit]')
    leader.locator('details[data-action="approve"] summary').click()
    assert button.inner_text().startswith("Ký và phê duyệt")
    act_body = leader.locator("#dossier-body").element_handle()
    button.click()
    leader.wait_for_function("body => !body.isConnected", arg=act_body)
    assert status_of(leader) == "approved"
    document = ResultDocument.objects.get(dossier=dossier)

    # The citizen, not signed in: the look-up page offers no download, and the address is refused.
    lookup = f"/tra-cuu/{dossier.code}/"
    page.goto(lookup)
    assert page.locator("#tai-ket-qua").count() == 0
    assert page.request.get(f"{lookup}ket-qua.pdf").status == 403
    page.locator("#so_cuoi").fill("0000")
    page.get_by_role("button", name="Xem thông tin").click()
    page.wait_for_selector("#so_cuoi-error")
    assert page.locator("#tai-ket-qua").count() == 0
    assert page.request.get(f"{lookup}ket-qua.pdf").status == 403
    page.locator("#so_cuoi").fill(DIGITS)
    page.get_by_role("button", name="Xem thông tin").click()
    link = page.locator("#tai-ket-qua")
    link.wait_for()
    with page.expect_download() as info:
        link.click()
    with open(info.value.path(), "rb") as handle:
        pdf = handle.read()
    assert info.value.suggested_filename.endswith(".pdf")
    signature, status = validated(pdf, certified_leader)
    assert status.intact and status.valid and status.bottom_line
    assert status.signing_cert.subject.native["common_name"] == "Phạm Văn Minh"
    import hashlib

    assert hashlib.sha256(pdf).hexdigest() == document.sha256


def test_citizen_asks_on_the_portal_to_stop_and_mau_05_prints(staff, open_as, page):
    # Received under TT 03/2025 (Mẫu 05 is one of its forms): Mon 02/11/2026.
    dossier = receive(staff_ns(staff), vn(2026, 11, 2, 8, 0))
    dossier = a.do_assign_dossier(staff["officer"], dossier, staff["specialist"], at=vn(2026, 11, 2, 8, 30))
    page.goto(f"/tra-cuu/{dossier.code}/")
    page.get_by_role("link", name="Đề nghị dừng xử lý hồ sơ").click()
    page.wait_for_url(f"**/dung-xu-ly/{dossier.code}/")
    page.get_by_label("Lý do đề nghị dừng xử lý (không bắt buộc)").fill("Gia đình chuyển nơi cư trú")
    page.get_by_label("4 chữ số cuối số điện thoại hoặc CCCD của người nộp").fill(DIGITS)
    page.get_by_role("button", name="Gửi đề nghị dừng xử lý").click()
    page.get_by_test_id("stopped").wait_for()
    dossier = Dossier.objects.get(pk=dossier.pk)
    assert (dossier.status, dossier.outcome, dossier.current_step, dossier.assignee) == ("stopped", "stopped", None, None)

    # The desk sees it ended and prints Mẫu 05.
    officer = open_as(staff["officer"])
    officer.goto(f"/can-bo/ho-so/{dossier.code}/")
    assert status_of(officer) == "stopped"
    assert officer.locator("#current-holder").inner_text().strip() == "đã kết thúc xử lý"
    response = officer.request.get(f"/ho-so/{dossier.code}/bieu-mau/stop_notice.pdf")
    assert response.ok
    text = pdf_text(response.body()).replace("\n", " ")
    assert dossier.code in text and "Gia đình chuyển nơi cư trú" in text
