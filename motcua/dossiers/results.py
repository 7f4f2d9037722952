"""Results as signed documents: the leader's approval signs the specialist's draft, a refusal signs its letter.

The signature is PAdES (motcua.lib.pdfsign) with a visible block: the leader's
name, title and the local time. The leader's certificate is a PKCS#12 file on
the server (User.signing_p12) whose password is read from the environment
variable named in User.signing_password_env (default MOTCUA_SIGN_PASSWORD):
the database never holds a password.

Each function wraps the plain action (do_approve_dossier, do_refuse_dossier)
in one transaction with the signing step: the dossier row stays locked, the
signed PDF is stored as the dossier's result attachment with its SHA-256, a
ResultDocument row and a `sign_result` event are written; a failure to sign
raises DossierActionError and nothing changes.
"""

from __future__ import annotations

import logging
import os
import re
import uuid

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from motcua.accounts.models import SIGNING_PASSWORD_ENV_PATTERN
from motcua.dossiers.actions import do_approve_dossier, do_refuse_dossier
from motcua.dossiers.error_codes import DossierActionError, DossierErrorCode as E
from motcua.dossiers.events import Verb, record_event, snapshot
from motcua.dossiers.models import Attachment, AttachmentKind, Dossier, ResultDocument
from motcua.lib.pdfsign import SigningError, VisibleStamp, sha256_hex, sign_pdf

logger = logging.getLogger(__name__)

DEFAULT_PASSWORD_ENV = "MOTCUA_SIGN_PASSWORD"


def latest_draft(dossier: Dossier) -> Attachment | None:
    """Return the draft result the specialist attached last, if any."""
    return (
        Attachment.objects.filter(dossier=dossier, kind=AttachmentKind.DRAFT_RESULT)
        .order_by("-uploaded_at", "-id")
        .first()
    )


def signed_result(dossier: Dossier) -> ResultDocument | None:
    """Return the dossier's signed result document (with its stored file), or None."""
    return ResultDocument.objects.filter(dossier=dossier, attachment__isnull=False).select_related("attachment").first()


def has_certificate(user) -> bool:
    return bool(getattr(user, "signing_p12", ""))


def do_approve_and_sign_result(actor, dossier, note="", *, at=None, expected_version=None) -> Dossier:
    """Approve the dossier and sign its latest draft result; a paper-result procedure cannot be approved without one."""
    with transaction.atomic():
        d = do_approve_dossier(actor, dossier, note, at=at, expected_version=expected_version)
        draft = latest_draft(d)
        if draft is None:
            if d.procedure.paper_result:
                raise DossierActionError(
                    E.NO_DRAFT_RESULT,
                    f"thủ tục {d.procedure.code} có kết quả là giấy tờ: chuyên viên cần tải lên dự thảo kết quả (PDF) trước khi phê duyệt",
                )
            return d
        with draft.file.open("rb") as handle:
            pdf = handle.read()
        _sign_and_store(actor, d, pdf, d.resolved_at, f"ket-qua-{d.code}.pdf", source={"draft": draft.pk})
        return d


def do_refuse_and_sign_letter(actor, dossier, reasons, render_letter, *, at=None, expected_version=None) -> Dossier:
    """Refuse the dossier; with the leader's certificate (required for a paper-result procedure) sign its letter.

    `render_letter(dossier) -> bytes` renders the refusal letter (the desk passes motcua.forms' Mẫu 03):
    the domain knows no printed form.
    """
    with transaction.atomic():
        d = do_refuse_dossier(actor, dossier, reasons, at=at, expected_version=expected_version)
        if not has_certificate(actor) and not d.procedure.paper_result:
            return d
        _sign_and_store(actor, d, render_letter(d), d.resolved_at, f"thong-bao-tu-choi-{d.code}.pdf", source={"letter": True})
        return d


def _certificate(actor) -> tuple[str, str]:
    if not has_certificate(actor):
        raise DossierActionError(
            E.SIGNING_FAILED, f"tài khoản {actor.username} chưa được cấu hình chứng thư số để ký kết quả; báo quản trị hệ thống"
        )
    variable = actor.signing_password_env or DEFAULT_PASSWORD_ENV
    if not re.fullmatch(SIGNING_PASSWORD_ENV_PATTERN, variable):
        # Checked here too: a name set outside the admin form must not reach another secret of the server.
        raise DossierActionError(
            E.SIGNING_FAILED, f"tên biến môi trường {variable} không hợp lệ cho mật khẩu chứng thư số; báo quản trị hệ thống"
        )
    password = os.environ.get(variable)
    if password is None:
        raise DossierActionError(
            E.SIGNING_FAILED, f"chưa đặt biến môi trường {variable} (mật khẩu chứng thư số) trên máy chủ; báo quản trị hệ thống"
        )
    return actor.signing_p12, password


def _sign_and_store(actor, d: Dossier, pdf: bytes, at, file_name: str, *, source: dict) -> ResultDocument:
    """Sign `pdf` with the actor's certificate and keep it as the dossier's result; inside the action's transaction."""
    path, password = _certificate(actor)
    name = actor.get_full_name() or actor.username
    stamp = VisibleStamp(name=name, title=actor.signature_title, at=timezone.localtime(at))
    try:
        signed = sign_pdf(pdf, path, password, stamp=stamp, location=d.unit.name, reason=f"Kết quả hồ sơ {d.code}")
    except SigningError as error:
        # The detail names a server path: it goes to the log, the user is told what to do.
        logger.error("ký số kết quả hồ sơ %s thất bại: %s", d.code, error)
        raise DossierActionError(
            E.SIGNING_FAILED,
            "không ký số được: chứng thư số không mở được (sai mật khẩu, thiếu tệp hoặc tệp không phải PKCS#12) "
            "hoặc dự thảo không phải PDF hợp lệ; báo quản trị hệ thống",
        ) from None
    digest = sha256_hex(signed)
    attachment = Attachment(
        dossier=d,
        kind=AttachmentKind.RESULT,
        original_name=file_name,
        content_type="application/pdf",
        size=len(signed),
        sha256=digest,
        uploaded_by=actor,
        uploaded_at=at,
    )
    storage = attachment.file.storage
    target = attachment.file.field.generate_filename(attachment, f"{uuid.uuid4().hex}.pdf")
    attachment.file.name = storage.save(target, ContentFile(signed), max_length=255)
    try:
        attachment.save()
        document, _ = ResultDocument.objects.update_or_create(
            dossier=d,
            defaults={
                "attachment": attachment,
                "sha256": digest,
                "electronic": True,
                "signed_at": at,
                "signed_by": name,
            },
        )
        before = snapshot(d, ["digitized_result"])
        d.digitized_result = True
        facts = document.dossier_facts()  # stored by the document's save(); kept on this instance too
        for name, value in facts.items():
            setattr(d, name, value)
        d.save(update_fields=["digitized_result", *facts])
        record_event(
            d,
            actor,
            Verb.SIGN_RESULT,
            at,
            from_status=d.status,
            to_status=d.status,
            data={
                "before": before,
                "after": {"digitized_result": True},
                "version": d.version,
                "attachment": attachment.pk,
                "sha256": digest,
                "signed_by": name,
                **source,
            },
        )
    except BaseException:
        # The rows roll back with the transaction; the stored bytes must go too.
        try:
            storage.delete(attachment.file.name)
        except OSError:
            pass
        raise
    return document
