"""Digitization: scans stored through Django's storage, hashed while streamed, type from the bytes, size capped."""

import hashlib
import io
import os

import pytest
from django.core.files.base import ContentFile, File
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile

from motcua.dossiers import actions as a
from motcua.dossiers.error_codes import DossierActionError
from motcua.dossiers.error_codes import DossierErrorCode as E
from motcua.dossiers.models import Attachment
from tests.desk.conftest import receive, state, vn

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n" + b"x" * 5000
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 3000 + b"\xff\xd9"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 2000


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MOTCUA_MAX_UPLOAD_MB = 20
    return settings.MEDIA_ROOT


@pytest.fixture
def dossier(desk):
    return receive(desk, vn(2023, 6, 5, 8, 0))


def stored_files(root) -> list[str]:
    return sorted(os.path.relpath(os.path.join(d, f), root) for d, _, fs in os.walk(root) for f in fs)


def test_pdf_component_is_stored_hashed_and_marks_the_dossier(desk, dossier, media):
    upload = SimpleUploadedFile("To khai khai sinh.pdf", PDF, content_type="application/octet-stream")
    d = a.do_attach_file(desk.officer, dossier, upload, "component", at=vn(2023, 6, 5, 8, 10), expected_version=1)
    assert d.digitized_components is True and d.digitized_result is None
    assert d.version == 2
    attachment = Attachment.objects.get()
    assert attachment.dossier == d and attachment.kind == "component"
    assert attachment.sha256 == hashlib.sha256(PDF).hexdigest()
    assert attachment.size == len(PDF)
    # Detected from the bytes, not from what the browser said.
    assert attachment.content_type == "application/pdf"
    assert attachment.original_name == "To khai khai sinh.pdf"
    assert (attachment.uploaded_by, attachment.uploaded_at) == (desk.officer, vn(2023, 6, 5, 8, 10))
    # By unit and local date, under a random name.
    assert attachment.file.name.startswith("attachments/16003/2023/06/05/")
    assert attachment.file.name.endswith(".pdf") and "khai" not in attachment.file.name
    with attachment.file.open("rb") as f:
        assert f.read() == PDF
    assert stored_files(media) == [attachment.file.name]
    event = d.events.get(verb="attach_file")
    assert event.actor == desk.officer
    assert event.from_status == event.to_status == "received"
    assert event.data["after"] == {"digitized_components": True}
    assert (event.data["sha256"], event.data["size"], event.data["attachment"]) == (
        attachment.sha256,
        len(PDF),
        attachment.pk,
    )


def test_type_comes_from_the_bytes(desk, dossier):
    d = a.do_attach_file(desk.officer, dossier, SimpleUploadedFile("scan.pdf", JPEG), "component")
    d = a.do_attach_file(desk.officer, d, SimpleUploadedFile("scan", PNG), "component")
    assert [(x.content_type, x.file.name.rsplit(".", 1)[1]) for x in Attachment.objects.order_by("id")] == [
        ("image/jpeg", "jpg"),
        ("image/png", "png"),
    ]
    assert d.version == 3


def test_large_upload_streamed_from_a_temporary_file(desk, dossier):
    content = b"%PDF-1.4\n" + os.urandom(3 * 1024 * 1024)
    upload = TemporaryUploadedFile("ho-so-day.pdf", "application/pdf", len(content), None)
    upload.write(content)
    upload.seek(0)
    a.do_attach_file(desk.officer, dossier, upload, "component")
    attachment = Attachment.objects.get()
    assert (attachment.size, attachment.sha256) == (len(content), hashlib.sha256(content).hexdigest())
    with attachment.file.open("rb") as f:
        assert hashlib.sha256(f.read()).hexdigest() == attachment.sha256


@pytest.mark.parametrize(
    "content, name",
    [
        (b"Day khong phai PDF", "gia-mao.pdf"),
        (b"GIF89a\x01\x00\x01\x00", "anh.png"),
        (b"PK\x03\x04 docx", "to-khai.docx"),
        (b"", "rong.pdf"),
    ],
)
def test_bad_type_changes_nothing(desk, dossier, media, content, name):
    before = state(dossier)
    with pytest.raises(DossierActionError) as err:
        a.do_attach_file(desk.officer, dossier, SimpleUploadedFile(name, content), "component")
    assert err.value.code == E.INVALID_FILE
    assert name in err.value.message
    assert ("PDF, JPEG hoặc PNG" in err.value.message) or ("rỗng" in err.value.message)
    assert state(dossier) == before
    assert not Attachment.objects.exists()
    assert stored_files(media) == []


def test_too_large_changes_nothing(desk, dossier, settings, media):
    settings.MOTCUA_MAX_UPLOAD_MB = 0.004  # 4194 bytes
    before = state(dossier)
    with pytest.raises(DossierActionError) as err:
        a.do_attach_file(desk.officer, dossier, SimpleUploadedFile("lon.pdf", PDF), "component")
    assert err.value.code == E.FILE_TOO_LARGE
    assert "vượt giới hạn" in err.value.message
    assert state(dossier) == before
    assert not Attachment.objects.exists()
    assert stored_files(media) == []


def test_a_file_larger_than_it_claims_is_stopped_while_streaming(desk, dossier, settings, media):
    settings.MOTCUA_MAX_UPLOAD_MB = 0.004
    lying = File(io.BytesIO(PDF), name="nho.pdf")
    lying.size = 100
    before = state(dossier)
    with pytest.raises(DossierActionError) as err:
        a.do_attach_file(desk.officer, dossier, lying, "component")
    assert err.value.code == E.FILE_TOO_LARGE
    assert state(dossier) == before
    # The partly written file was removed.
    assert stored_files(media) == []


def test_result_scan_only_once_decided(desk, dossier):
    with pytest.raises(DossierActionError) as err:
        a.do_attach_file(desk.officer, dossier, ContentFile(PDF, name="kq.pdf"), "result")
    assert err.value.code == E.RESULT_NOT_READY
    d = a.do_assign_dossier(desk.officer, dossier, desk.specialist, at=vn(2023, 6, 5, 8, 30))
    d = a.do_start_processing(desk.specialist, d, at=vn(2023, 6, 5, 9, 0))
    d = a.do_submit_for_decision(desk.specialist, d, at=vn(2023, 6, 5, 10, 0))
    d = a.do_approve_dossier(desk.leader, d, at=vn(2023, 6, 5, 11, 0))
    d = a.do_attach_file(desk.specialist, d, ContentFile(PDF, name="trich-luc.pdf"), "result", at=vn(2023, 6, 5, 11, 5))
    assert d.digitized_result is True
    assert d.status == "approved"


def test_who_may_attach(desk, dossier, media):
    before = state(dossier)
    for user, code in [
        (desk.officer_b, E.OUT_OF_SCOPE),
        (desk.leader, E.FORBIDDEN_ROLE),
        (desk.oversight, E.FORBIDDEN_ROLE),
        (None, E.FORBIDDEN_ROLE),
    ]:
        with pytest.raises(DossierActionError) as err:
            a.do_attach_file(user, dossier, ContentFile(PDF, name="a.pdf"), "component")
        assert err.value.code == code
    with pytest.raises(DossierActionError) as err:
        a.do_attach_file(desk.officer, dossier, ContentFile(PDF, name="a.pdf"), "signature")
    assert err.value.code == E.INVALID_KIND
    with pytest.raises(DossierActionError) as err:
        a.do_attach_file(desk.officer, dossier, ContentFile(PDF, name="a.pdf"), "component", expected_version=7)
    assert err.value.code == E.STALE_VERSION
    assert state(dossier) == before
    assert stored_files(media) == []


def test_withdrawn_dossier_is_not_digitized(desk, dossier):
    d = a.do_withdraw_dossier(desk.officer, dossier, "Rút", at=vn(2023, 6, 5, 9, 0))
    with pytest.raises(DossierActionError) as err:
        a.do_attach_file(desk.officer, d, ContentFile(PDF, name="a.pdf"), "component")
    assert err.value.code == E.INVALID_TRANSITION


def test_failure_after_storing_removes_the_file(desk, dossier, media, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(Attachment, "save", broken)
    before = state(dossier)
    with pytest.raises(RuntimeError):
        a.do_attach_file(desk.officer, dossier, ContentFile(PDF, name="a.pdf"), "component")
    assert state(dossier) == before
    assert stored_files(media) == []
