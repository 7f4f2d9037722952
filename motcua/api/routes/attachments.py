"""Digitization through the API: upload a scan to a dossier (multipart), list a dossier's scans."""

import datetime as dt
from typing import Literal, Optional

from django.http import HttpResponse
from django.utils import timezone
from ninja import File, Form, Header, Router, Schema, Status, UploadedFile

from motcua.api.routes import actions as action_routes
from motcua.api.routes.common import READ_ERRORS, WRITE_ERRORS, get_dossier
from motcua.api.routes.dossiers import etag
from motcua.api.schemas import Text
from motcua.dossiers import actions as a
from motcua.dossiers.error_codes import DossierActionError, DossierErrorCode as E
from motcua.dossiers.events import Verb
from motcua.dossiers.models import Attachment, Dossier, DossierEvent
from motcua.privacy.log import log_dossier_view

router = Router(tags=["Số hóa hồ sơ"])


class AttachmentOut(Schema):
    id: int
    kind: str
    name: str
    content_type: str
    size: int
    sha256: str
    uploaded_at: dt.datetime
    uploaded_by: Optional[str]
    # The dossier's version after the upload, for the next If-Match.
    dossier_version: int


def attachment_out(attachment: Attachment, version: int) -> dict:
    return {
        "id": attachment.pk,
        "kind": attachment.kind,
        "name": attachment.original_name,
        "content_type": attachment.content_type,
        "size": attachment.size,
        "sha256": attachment.sha256,
        "uploaded_at": timezone.localtime(attachment.uploaded_at),
        "uploaded_by": attachment.uploaded_by.username if attachment.uploaded_by_id else None,
        "dossier_version": version,
    }


@router.post(
    "/dossiers/{code}/attachments",
    response={201: AttachmentOut, **WRITE_ERRORS},
    summary="Tải lên tệp số hóa",
    operation_id="upload_attachment",
)
def upload_attachment(
    request,
    code: Text(64, 1),
    response: HttpResponse,
    file: File[UploadedFile],
    kind: Form[Literal["component", "result"]] = "component",
    expected_version: Form[Optional[int]] = None,
    if_match: Text(64) = Header(None, alias="If-Match"),
):
    """Store a scanned component or result (PDF, JPEG or PNG, checked by content) of a dossier of the caller's units."""
    user = request.auth
    dossier = get_dossier(user, code)
    expected = action_routes.expected_version(if_match, expected_version)
    try:
        updated = a.do_attach_file(user, dossier, file, kind, expected_version=expected)
    except DossierActionError as exc:
        exc.api_details = {"dossier": dossier.code, "action": "attach"}
        if exc.code == E.STALE_VERSION:
            current = Dossier.objects.filter(pk=dossier.pk).values_list("version", flat=True).first()
            exc.api_details.update(expected_version=expected, current_version=current)
        raise
    # The event of this upload names its attachment: another upload may have followed already.
    event = DossierEvent.objects.get(dossier=updated, verb=Verb.ATTACH_FILE, data__version=updated.version)
    attachment = Attachment.objects.select_related("uploaded_by").get(pk=event.data["attachment"])
    response["ETag"] = etag(updated)
    response["Location"] = f"{request.path.rstrip('/')}/{attachment.pk}"
    return Status(201, attachment_out(attachment, updated.version))


@router.get(
    "/dossiers/{code}/attachments",
    response={200: list[AttachmentOut], **READ_ERRORS},
    summary="Danh sách tệp số hóa",
    operation_id="list_attachments",
)
def list_attachments(request, code: Text(64, 1), response: HttpResponse):
    """List the scans stored for a dossier of the caller's units, oldest first."""
    dossier = get_dossier(request.auth, code)
    log_dossier_view(request, dossier, api=True, detail="API danh sách tệp số hóa")  # file names: personal data (motcua/privacy)
    response["ETag"] = etag(dossier)
    return [attachment_out(x, dossier.version) for x in dossier.attachments.select_related("uploaded_by").order_by("uploaded_at", "id")]
