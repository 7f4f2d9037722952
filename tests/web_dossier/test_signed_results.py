"""Results as signed documents, through the real pages: the specialist uploads a draft, the leader signs it by
approving, pyHanko validates the signature (and refuses it after a one-byte change), the citizen downloads it from
the look-up page only after the 4-digit check; a refusal letter is signed and downloadable the same way."""

import hashlib
import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from motcua.dossiers.models import Attachment, Dossier, DossierEvent, ResultDocument
from tests.reports.test_signing import PASSWORD, assert_one_byte_breaks_it, make_p12, validate
from tests.web_dossier.conftest import client_for, row_counts
from tests.web_dossier.test_actions import at_status, post

pytestmark = pytest.mark.django_db

PASSWORD_ENV = "MOTCUA_SIGN_PASSWORD_CHUTICH"
SIGNER = "Nguyễn Văn Bình"


@pytest.fixture(scope="module")
def draft_pdf():
    from weasyprint import HTML

    return HTML(string="<h1>Giấy khai sinh</h1><p>Họ và tên: Nguyễn Văn A</p>").write_pdf()


@pytest.fixture
def signer(desk, tmp_path, monkeypatch, settings):
    """The leader with a throw-away certificate on disk and its password in the environment."""
    settings.MOTCUA_PUBLIC_RATE_LIMIT = "60/minute"
    cache.clear()
    cert = make_p12(tmp_path / "chutich.p12", name=SIGNER)
    leader = desk.leader
    leader.last_name, leader.first_name, leader.title = "Nguyễn Văn", "Bình", "Chủ tịch"
    leader.signing_p12, leader.signing_password_env = str(tmp_path / "chutich.p12"), PASSWORD_ENV
    leader.save()
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    yield cert
    cache.clear()


@pytest.fixture
def paper_procedure(desk):
    desk.procedure.paper_result = True
    desk.procedure.save(update_fields=["paper_result"])
    return desk.procedure


def upload_draft(desk, dossier, pdf):
    response = post(desk.specialist, dossier, "attach", {"kind": "draft_result", "file": SimpleUploadedFile("du-thao.pdf", pdf)})
    assert response.status_code == 302, response.content.decode()[:2000]


def stored_bytes(document: ResultDocument) -> bytes:
    with document.attachment.file.open("rb") as handle:
        return handle.read()


def assert_signed_by_leader(pdf: bytes, cert):
    signature, status = validate(pdf, cert)
    assert status.intact and status.valid and status.trusted and status.bottom_line
    assert status.signing_cert.subject.native["common_name"] == SIGNER
    assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
    # A visible block: the widget has an area on the page.
    rect = [float(x) for x in signature.sig_field["/Rect"]]
    assert rect[2] > rect[0] and rect[3] > rect[1]
    assert_one_byte_breaks_it(pdf, signature, cert)


def stamp_text(pdf: bytes) -> str:
    """The text of the signature widget's appearance on the last page, as pdfminer reads it (through ToUnicode)."""
    from pdfminer.converter import TextConverter
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    page = list(PDFPage.create_pages(PDFDocument(PDFParser(io.BytesIO(pdf)))))[-1]
    widgets = [resolve1(a) for a in resolve1(page.annots) or []]
    (appearance,) = [resolve1(resolve1(w["AP"])["N"]) for w in widgets if resolve1(w.get("FT")).name == "Sig"]
    manager, out = PDFResourceManager(), io.StringIO()
    device = TextConverter(manager, out, laparams=LAParams())
    device.begin_page(page, (1, 0, 0, 1, 0, 0))
    PDFPageInterpreter(manager, device).render_contents(resolve1(appearance.attrs["Resources"]), [appearance])
    device.end_page(page)
    return out.getvalue()


def test_leader_signs_the_draft_by_approving_and_the_citizen_downloads_it_after_the_check(desk, signer, paper_procedure, draft_pdf):
    dossier = at_status(desk, "awaiting_decision")
    upload_draft(desk, dossier, draft_pdf)
    leader = client_for(desk.leader)
    page = leader.get(f"/can-bo/ho-so/{dossier.code}/").content.decode()
    assert 'id="xem-du-thao"' in page
    draft = Attachment.objects.get(dossier=dossier, kind="draft_result")
    shown = leader.get(f"/can-bo/ho-so/{dossier.code}/tep/{draft.pk}/?xem=1")
    assert shown["Content-Disposition"].startswith("inline") and b"".join(shown.streaming_content) == draft_pdf

    response = post(leader, dossier, "approve", {"note": "Đồng ý"})
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert (dossier.status, dossier.digitized_result) == ("approved", True)
    # The dossier keeps the facts of its electronic result (QĐ 766 index 4.1): electronic, not in the data store.
    assert (dossier.result_electronic, dossier.result_in_data_store) == (True, False)
    document = ResultDocument.objects.get(dossier=dossier)
    signed = stored_bytes(document)
    assert signed.startswith(draft_pdf)  # the draft's bytes, with the signature appended
    assert document.sha256 == hashlib.sha256(signed).hexdigest() == document.attachment.sha256
    assert (document.electronic, document.signed_by, document.attachment.kind) == (True, SIGNER, "result")
    assert document.signed_at == dossier.resolved_at
    event = DossierEvent.objects.get(dossier=dossier, verb="sign_result")
    assert (event.actor, event.data["sha256"], event.data["draft"]) == (desk.leader, document.sha256, draft.pk)
    assert_signed_by_leader(signed, signer)

    # The desk prints it for a counter return.
    page = leader.get(f"/can-bo/ho-so/{dossier.code}/").content.decode()
    assert document.sha256 in page and 'id="in-ket-qua"' in page

    citizen = Client()
    url = f"/tra-cuu/{dossier.code}/ket-qua.pdf"
    assert citizen.get(url).status_code == 403
    assert "ket-qua.pdf" not in citizen.get(f"/tra-cuu/{dossier.code}/").content.decode()
    wrong = citizen.post(f"/tra-cuu/{dossier.code}/", {"so_cuoi": "0000"})
    assert "ket-qua.pdf" not in wrong.content.decode()
    assert citizen.get(url).status_code == 403
    checked = citizen.post(f"/tra-cuu/{dossier.code}/", {"so_cuoi": "5678"}).content.decode()
    assert url in checked
    download = citizen.get(url)
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    body = b"".join(download.streaming_content)
    assert hashlib.sha256(body).hexdigest() == document.sha256
    # Another visitor (another session) is still refused.
    assert Client().get(url).status_code == 403


def test_the_signature_block_prints_name_title_and_time_in_vietnamese(desk, signer, draft_pdf):
    dossier = at_status(desk, "awaiting_decision")
    upload_draft(desk, dossier, draft_pdf)
    assert post(desk.leader, dossier, "approve").status_code == 302
    document = ResultDocument.objects.get(dossier=dossier)
    text = stamp_text(stored_bytes(document))
    assert "Nguyễn Văn Bình" in text and "CHỦ TỊCH" in text and "Ký số bởi" in text
    # The time in Việt Nam's clock, as the leader reads it.
    assert f"{timezone.localtime(document.signed_at):%H:%M:%S %d/%m/%Y}" in text


def test_refusal_letter_is_signed_and_downloadable_after_the_check(desk, signer):
    dossier = at_status(desk, "awaiting_decision")
    response = post(desk.leader, dossier, "refuse", {"reasons": "Giấy chứng sinh không hợp lệ"})
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == "refused"
    document = ResultDocument.objects.get(dossier=dossier)
    signed = stored_bytes(document)
    assert document.attachment.original_name == f"thong-bao-tu-choi-{dossier.code}.pdf"
    assert_signed_by_leader(signed, signer)

    citizen = Client()
    url = f"/tra-cuu/{dossier.code}/ket-qua.pdf"
    assert citizen.get(url).status_code == 403
    citizen.post(f"/tra-cuu/{dossier.code}/", {"so_cuoi": "5678"})
    body = b"".join(citizen.get(url).streaming_content)
    assert hashlib.sha256(body).hexdigest() == document.sha256


def test_a_wrong_certificate_password_changes_nothing(desk, signer, monkeypatch, draft_pdf, settings):
    dossier = at_status(desk, "awaiting_decision")
    upload_draft(desk, dossier, draft_pdf)
    monkeypatch.setenv(PASSWORD_ENV, "sai-mat-khau")
    before = {"row": Dossier.objects.filter(pk=dossier.pk).values().get(), "counts": row_counts()}
    files = sorted(p.name for p in settings.MEDIA_ROOT.rglob("*") if p.is_file())
    response = post(desk.leader, dossier, "approve")
    assert response.status_code == 400
    assert "Không ký số được" in response.content.decode()
    assert {"row": Dossier.objects.filter(pk=dossier.pk).values().get(), "counts": row_counts()} == before
    assert not ResultDocument.objects.exists()
    assert sorted(p.name for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()) == files


def test_a_paper_result_procedure_needs_a_draft_to_approve(desk, signer, paper_procedure):
    dossier = at_status(desk, "awaiting_decision")
    response = post(desk.leader, dossier, "approve")
    assert response.status_code == 400
    assert "dự thảo kết quả" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == "awaiting_decision"


def test_a_draft_must_be_a_pdf(desk, signer):
    dossier = at_status(desk, "processing")
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200
    response = post(desk.specialist, dossier, "attach", {"kind": "draft_result", "file": SimpleUploadedFile("a.png", png)})
    assert response.status_code == 400
    assert not Attachment.objects.exists()


def test_without_a_signed_result_the_download_is_not_found_even_after_the_check(desk, signer):
    dossier = at_status(desk, "approved")
    citizen = Client()
    citizen.post(f"/tra-cuu/{dossier.code}/", {"so_cuoi": "5678"})
    assert citizen.get(f"/tra-cuu/{dossier.code}/ket-qua.pdf").status_code == 404


def test_the_leader_sees_the_draft_and_signs_from_the_queue(desk, signer, draft_pdf):
    dossier = at_status(desk, "awaiting_decision")
    leader = client_for(desk.leader)
    page = leader.get("/can-bo/phe-duyet/").content.decode()
    assert "queue-draft" not in page and "Ký và phê duyệt" not in page
    upload_draft(desk, dossier, draft_pdf)
    page = leader.get("/can-bo/phe-duyet/").content.decode()
    draft = Attachment.objects.get(dossier=dossier, kind="draft_result")
    assert f"/can-bo/ho-so/{dossier.code}/tep/{draft.pk}/?xem=1" in page and "Ký và phê duyệt" in page
    assert "Ký và phê duyệt" in leader.get(f"/can-bo/ho-so/{dossier.code}/").content.decode()
    version = Dossier.objects.get(pk=dossier.pk).version
    response = leader.post(f"/can-bo/phe-duyet/{dossier.code}/approve/", {"expected_version": version})
    assert response.status_code in (200, 302)
    assert_signed_by_leader(stored_bytes(ResultDocument.objects.get(dossier=dossier)), signer)


def test_the_pages_of_a_signed_result_have_no_vietnamese_left(desk, signer, draft_pdf):
    from tests.web_dossier.test_english import data_of, english, vietnamese_left

    dossier = at_status(desk, "awaiting_decision")
    upload_draft(desk, dossier, draft_pdf)
    response = english(desk.leader).get(f"/can-bo/ho-so/{dossier.code}/")
    page = response.content.decode()
    assert "Sign and approve" in page and "View the draft result" in page and "Draft result" in page
    assert vietnamese_left(response, data_of(desk)) == []
    assert post(desk.leader, dossier, "approve").status_code == 302
    response = english(desk.leader).get(f"/can-bo/ho-so/{dossier.code}/")
    assert "Digitally signed by" in response.content.decode() and "Result signed" in response.content.decode()
    assert vietnamese_left(response, data_of(desk) + [SIGNER, "du-thao.pdf", f"ket-qua-{dossier.code}.pdf"]) == []

    citizen = Client()
    citizen.cookies["django_language"] = "en"
    refused = citizen.get(f"/tra-cuu/{dossier.code}/ket-qua.pdf")
    assert refused.status_code == 403 and "Applicant not confirmed" in refused.content.decode()
    checked = citizen.post(f"/tra-cuu/{dossier.code}/", {"so_cuoi": "5678"})
    assert "Download the signed result (PDF)" in checked.content.decode()
