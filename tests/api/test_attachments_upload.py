"""Uploading a scan through the API: multipart, scoped, versioned, type and size checked, nothing kept on refusal."""

import hashlib
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.dossiers.models import Attachment, Dossier, DossierEvent
from tests.api.conftest import receive, row_counts

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n" + b"x" * 2000
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 500


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # 1 MB: a test file just above it stays small.
    settings.MOTCUA_MAX_UPLOAD_MB = 1
    return settings.MEDIA_ROOT


def stored(root) -> list[str]:
    return sorted(os.path.relpath(os.path.join(d, f), root) for d, _, fs in os.walk(root) for f in fs)


def upload(client, code, content, name="to-khai.pdf", **fields):
    data = {"file": SimpleUploadedFile(name, content, content_type="application/pdf"), **fields}
    headers = {}
    if "if_match" in data:
        headers["If-Match"] = data.pop("if_match")
    return client.post(f"/api/dossiers/{code}/attachments", data, headers=headers)


def counts():
    return {**row_counts(), "Attachment": Attachment.objects.count()}


def test_pdf_upload_is_stored_with_its_hash_and_bumps_the_version(world, media):
    code = receive(world)["code"]
    response = upload(world.client["officer"], code, PDF, if_match='"1"')
    assert response.status_code == 201, response.content.decode()
    body = response.json()
    assert body["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert (body["size"], body["content_type"], body["kind"], body["name"]) == (len(PDF), "application/pdf", "component", "to-khai.pdf")
    assert body["uploaded_by"] == "motcua" and body["dossier_version"] == 2
    assert response["ETag"] == '"2"'
    attachment = Attachment.objects.get()
    assert response["Location"].endswith(f"/api/dossiers/{code}/attachments/{attachment.pk}")
    assert stored(media) == [attachment.file.name]
    assert Dossier.objects.get(code=code).digitized_components is True
    listed = world.client["officer"].get(f"/api/dossiers/{code}/attachments").json()
    assert [x["sha256"] for x in listed] == [body["sha256"]]


def test_version_in_the_form_field_works_like_if_match(world):
    code = receive(world)["code"]
    response = upload(world.client["specialist"], code, PNG, name="anh.png", expected_version="1")
    assert response.status_code == 201, response.content.decode()
    assert response.json()["content_type"] == "image/png"


def test_another_units_dossier_is_404_and_nothing_is_stored(world, media):
    code = receive(world)["code"]
    before = counts()
    response = upload(world.client["officer_b"], code, PDF)
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert counts() == before and stored(media) == []


def test_unknown_dossier_is_404(world):
    response = upload(world.client["officer"], "H56.20.03-230605-9999", PDF)
    assert response.status_code == 404


def test_too_large_file_is_refused_with_a_message_and_nothing_is_stored(world, media):
    code = receive(world)["code"]
    before = counts()
    response = upload(world.client["officer"], code, b"%PDF-1.7\n" + b"x" * (1024 * 1024), name="lon.pdf")
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "file_too_large"
    assert "vượt giới hạn 1 MB" in body["message"] and "lon.pdf" in body["message"]
    assert counts() == before and stored(media) == []
    assert Dossier.objects.get(code=code).version == 1


def test_forbidden_type_is_refused_by_its_content_not_its_name(world, media):
    code = receive(world)["code"]
    before = counts()
    # Named .pdf, but an HTML page: the bytes decide.
    response = upload(world.client["officer"], code, b"<html><script>alert(1)</script></html>", name="gia.pdf")
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_file"
    assert "không phải PDF, JPEG hoặc PNG" in response.json()["message"]
    assert counts() == before and stored(media) == []


def test_stale_if_match_is_409_with_both_versions(world, media):
    code = receive(world)["code"]
    assert upload(world.client["officer"], code, PDF, if_match='"1"').status_code == 201
    before = counts()
    response = upload(world.client["specialist"], code, PNG, name="anh.png", if_match='"1"')
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "stale_version"
    assert body["details"]["expected_version"] == 1 and body["details"]["current_version"] == 2
    assert counts() == before and len(stored(media)) == 1


def test_leader_may_not_digitize(world, media):
    code = receive(world)["code"]
    before = counts()
    response = upload(world.client["leader"], code, PDF)
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden_role"
    assert counts() == before and stored(media) == []


def test_missing_file_is_422_naming_the_field(world):
    code = receive(world)["code"]
    response = world.client["officer"].post(f"/api/dossiers/{code}/attachments", {"kind": "component"})
    assert response.status_code == 422
    error = response.json()["details"]["errors"][0]
    # ninja reports a missing upload as file.file (its File parameter, then the field).
    assert error["field"].split(".")[-1] == "file" and error["message"].startswith("thiếu trường")
    assert DossierEvent.objects.filter(verb="attach_file").count() == 0


def test_result_before_a_decision_is_refused(world, media):
    code = receive(world)["code"]
    response = upload(world.client["officer"], code, PDF, kind="result")
    assert response.status_code == 409
    assert response.json()["code"] == "result_not_ready"
    assert stored(media) == []


def test_anonymous_upload_is_401(world, anonymous):
    code = receive(world)["code"]
    assert upload(anonymous, code, PDF).status_code == 401


def test_multipart_without_a_boundary_is_a_400_in_the_error_shape(world, media):
    code = receive(world)["code"]
    before = counts()
    response = world.client["officer"].post(f"/api/dossiers/{code}/attachments", b"--x\r\n\r\n", content_type="multipart/form-data")
    assert response.status_code == 400, response.content.decode()
    body = response.json()
    assert body["code"] == "malformed_multipart"
    assert "multipart" in body["message"] and "boundary" in body["message"]
    assert counts() == before and stored(media) == []
