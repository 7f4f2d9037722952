"""What citizens do on the public portal without an account: submit a dossier online, rate its handling.

The same rules as the desk's actions (motcua.dossiers.actions), whose checks
these functions reuse; only the actor differs. A citizen has no user account,
so the history records these acts with no actor (the portal), and stored files
name the portal's service account as their uploader (Attachment.uploaded_by
cannot be empty). A refused act raises DossierActionError and changes nothing:
no row, and no file left in storage.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from motcua.catalog.models import OnlineLevel
from motcua.dossiers import actions as a
from motcua.dossiers.codes import issue_dossier_code, local_day
from motcua.dossiers.data import clean_dossier_data
from motcua.dossiers.deadlines import committed_due, legal_due
from motcua.dossiers.error_codes import DossierActionError, DossierErrorCode as E
from motcua.dossiers.events import Verb, record_event, snapshot
from motcua.dossiers.lifecycle import TRANSITIONS
from motcua.dossiers.models import (
    ApplicantKind,
    Attachment,
    AttachmentKind,
    Channel,
    Dossier,
    Rating,
    RatingChannel,
    RatingValue,
    ReturnChannel,
    Status,
)
from motcua.dossiers.papers import record_scan
from motcua.lib.masking import last_digits

# The service account that stands for the portal where a user is required.
PORTAL_USERNAME = "cong-truc-tuyen"
# How the procedure's online level decides the dossier's channel.
CHANNEL_OF_LEVEL = {OnlineLevel.PARTIAL: Channel.ONLINE_PARTIAL, OnlineLevel.FULL: Channel.ONLINE_FULL}
# A dossier has a result once decided; only then can its handling be rated (the lifecycle's rule for every channel).
RATEABLE_STATUSES = TRANSITIONS[Verb.RECORD_RATING].sources


def portal_user():
    """Return the portal's service account, created on first use; it cannot sign in."""
    User = get_user_model()
    user = User.objects.filter(username=PORTAL_USERNAME).first()
    if user is None:
        user = User(username=PORTAL_USERNAME, first_name="Cổng dịch vụ công trực tuyến", is_active=False, role="")
        user.set_unusable_password()
        user.save()
    return user


def check_upload(file) -> tuple[str, str]:
    """Return (content type, suffix) of an uploaded scan, or refuse it: PDF/JPEG/PNG by content, within the size limit."""
    name = a._original_name(file) or "tệp tải lên"
    content_type, suffix = a._sniff(file, name)
    limit = a._max_upload_bytes()
    size = a._file_size(file)
    if size > limit:
        a._fail(E.FILE_TOO_LARGE, f"tệp «{name}» có dung lượng {a._megabytes(size)} MB, vượt giới hạn {a._megabytes(limit)} MB")
    return content_type, suffix


def applicant_matches(dossier, digits: str) -> bool:
    """Tell whether `digits` are the last 4 digits of the applicant's phone or identity number."""
    digits = str(digits or "").strip()
    if len(digits) != 4 or not (digits.isascii() and digits.isdigit()):
        return False
    tails = {last_digits(dossier.applicant_phone), last_digits(dossier.applicant_id_number)}
    return digits in tails - {""}


def expected_due(unit, procedure, at=None):
    """Return the due time a dossier of `procedure` submitted online at `at` (now) would get, or None when it has none.

    The form shows it before submitting; do_submit_online_dossier gives the dossier the same one.
    """
    return committed_due(unit, procedure, at or timezone.now())


def _online_papers(components) -> list[tuple[dict, object]]:
    """Return (paper, file) pairs: a paper is a catalog row {"name", "form", "quantity"} or just its name."""
    out = []
    for item in components or []:
        paper, file = item
        if isinstance(paper, str):
            # A paper the catalog does not list: the citizen sent a copy of it.
            paper = {"name": paper, "form": "copy", "quantity": 1}
        out.append((paper, file))
    return out


def do_submit_online_dossier(
    unit, procedure, applicant: dict, components, *, result_delivery=ReturnChannel.ONLINE, at=None, data=None, notify=(),
    vneid_verified=None,
) -> Dossier:
    """Receive a dossier a citizen submitted online: issue its code and due time, store its files.

    `components` is a list of (paper, uploaded file) pairs, one per paper: the
    paper is the catalog's row (name, form, quantity) or, for a paper the
    catalog does not list, its name. Each paper of the dossier carries its
    scan (SHA-256 and attachment), as when the desk attaches a scan to a paper.
    `result_delivery`: how the citizen receives the result (ReturnChannel); `data` the values of the
    procedure's own data fields, {key: JSON value} (motcua.dossiers.data); `notify` the notice
    channels the citizen chose (NotifyChannel values, see actions.notify_fields); `vneid_verified`: whether
    the applicant is the citizen signed in through VNeID (motcua.accounts.oidc.vneid_verified_for); None, not known.
    """
    if procedure.online not in CHANNEL_OF_LEVEL:
        a._fail(E.INVALID_CHANNEL, f"thủ tục {procedure.code} không được cung cấp trực tuyến")
    channel = CHANNEL_OF_LEVEL[procedure.online]
    if result_delivery not in ReturnChannel.values:
        a._fail(E.INVALID_RESULT_DELIVERY, f"hình thức nhận kết quả «{result_delivery}» không hợp lệ")
    if result_delivery == ReturnChannel.POSTAL and not str(applicant.get("address") or "").strip():
        a._fail(E.INVALID_RESULT_DELIVERY, "nhận kết quả qua bưu chính cần địa chỉ nhận")
    received_at = a._not_in_future(at, "thời điểm nộp")
    day = local_day(received_at)
    a.check_unit_in_force(unit, day)
    if not procedure.is_in_force_on(day):
        a._fail(E.PROCEDURE_NOT_IN_FORCE, f"thủ tục {procedure.code} không có hiệu lực vào ngày {day:%d/%m/%Y}")
    # One query answers both whether the procedure applies here and which step comes first.
    applies, first_step = a._applicability_and_first_step(procedure, unit)
    if procedure.level_id != unit.level_id or not applies:
        a._fail(E.PROCEDURE_NOT_APPLICABLE, f"thủ tục {procedure.code} không áp dụng tại {unit.name}")
    # Online, the applicant is always a citizen identified by a CCCD number.
    fields = a._applicant_fields({**applicant, "kind": ApplicantKind.CITIZEN}, day)
    fields.update(a.notify_fields(notify, fields))
    papers = _online_papers(components)
    if not papers:
        a._fail(E.INVALID_COMPONENTS, "cần đính kèm ít nhất một thành phần hồ sơ")
    checklist = a._checklist([paper for paper, _ in papers])
    values = clean_dossier_data(procedure, data, day)
    kinds = [check_upload(file) for _, file in papers]
    value, duration_unit = procedure.committed_duration
    # Received outside working hours, the clock starts at the next working period (rules.md).
    due_at = expected_due(unit, procedure, received_at)
    if due_at is None:
        a._fail(E.PROCEDURE_WITHOUT_DURATION, f"thủ tục {procedure.code} chưa có thời hạn giải quyết")
    uploader = portal_user()

    # The files are written before the transaction: the unit's code sequence
    # stays locked only for the inserts, not while megabytes reach the storage.
    stored: list[tuple] = []
    try:
        attachments = []
        for file, (content_type, suffix) in zip((f for _, f in papers), kinds):
            attachment = Attachment(
                # An unsaved dossier of the unit names the storage folder; the real one replaces it below.
                dossier=Dossier(unit=unit),
                kind=AttachmentKind.COMPONENT,
                original_name=a._original_name(file),
                content_type=content_type,
                uploaded_by=uploader,
                uploaded_at=received_at,
            )
            storage = attachment.file.storage
            target = attachment.file.field.generate_filename(attachment, f"scan.{suffix}")
            stored.append((storage, target))
            reader = a._HashingReader(file, a._max_upload_bytes())
            try:
                attachment.file.name = storage.save(target, File(reader), max_length=255)
            except a._TooLarge:
                a._fail(E.FILE_TOO_LARGE, f"tệp «{attachment.original_name}» vượt giới hạn {a._megabytes(a._max_upload_bytes())} MB")
            stored[-1] = (storage, attachment.file.name)
            attachment.sha256, attachment.size = reader.result()
            attachments.append(attachment)

        with transaction.atomic():
            dossier = Dossier.objects.create(
                code=issue_dossier_code(unit, received_at),
                unit=unit,
                procedure=procedure,
                channel=channel,
                received_at=received_at,
                due_at=due_at,
                legal_due_at=legal_due(unit, procedure, received_at),
                result_delivery=result_delivery,
                components=checklist,
                data=values,
                status=Status.RECEIVED,
                version=1,
                current_step=first_step,
                digitized_components=True,
                applicant_vneid_verified=vneid_verified,
                **fields,
            )
            after = snapshot(
                dossier,
                ["code", "procedure", "channel", "received_at", "due_at", "result_delivery", "current_step", "applicant_vneid_verified"],
            )
            if values:
                after["data"] = values
            record_event(
                dossier,
                None,
                Verb.RECEIVE,
                received_at,
                to_status=Status.RECEIVED,
                data={"before": {}, "after": after, "version": 1, "duration": [value, duration_unit], "online": True},
            )
            for position, ((paper, _), attachment) in enumerate(zip(papers, attachments), 1):
                attachment.dossier = dossier
                attachment.save()
                # The paper carries its scan, as when the desk attaches a scan to a paper.
                record_scan(dossier, position, attachment)
                # Part of the same submission: the version stays 1.
                record_event(
                    dossier,
                    None,
                    Verb.ATTACH_FILE,
                    received_at,
                    from_status=Status.RECEIVED,
                    to_status=Status.RECEIVED,
                    data={
                        "attachment": attachment.pk,
                        "kind": AttachmentKind.COMPONENT,
                        "component": paper["name"],
                        "paper": position,
                        "content_type": attachment.content_type,
                        "size": attachment.size,
                        "sha256": attachment.sha256,
                        "version": 1,
                    },
                )
            dossier.save(update_fields=["components"])
    except BaseException:
        # The rows rolled back with the transaction; the stored bytes must go too.
        for storage, name in stored:
            a._delete_stored(storage, name)
        raise
    return dossier


def do_rate_dossier_online(dossier, digits: str, value: str, *, at=None) -> Dossier:
    """Record the applicant's online rating of a dossier with a result, once, after the 4-digit check."""
    with transaction.atomic():
        d = Dossier.objects.select_for_update(of=("self",)).select_related("unit", "procedure").get(pk=dossier.pk)
        if not applicant_matches(d, digits):
            a._fail(E.INVALID_APPLICANT, "4 chữ số cuối không khớp với số điện thoại hoặc số định danh của người nộp")
        if d.status not in RATEABLE_STATUSES:
            a._fail(E.INVALID_TRANSITION, f"hồ sơ {d.code} chưa có kết quả giải quyết nên chưa thể đánh giá")
        if value not in RatingValue.values:
            a._fail(E.INVALID_RATING, "xin chọn một mức độ hài lòng")
        if Rating.objects.filter(dossier=d, channel=RatingChannel.ONLINE).exists():
            a._fail(E.INVALID_RATING, f"hồ sơ {d.code} đã được đánh giá trực tuyến; mỗi hồ sơ chỉ đánh giá một lần")
        at = a._not_in_future(at, "thời điểm đánh giá")
        rating = Rating.objects.create(dossier=d, at=at, value=value, channel=RatingChannel.ONLINE)
        before = snapshot(d, ["status"])
        return a._finish(None, d, Verb.RECORD_RATING, at, before, data={"rating": rating.pk, "value": value, "channel": RatingChannel.ONLINE})


__all__ = ["DossierActionError", "do_submit_online_dossier", "expected_due", "do_rate_dossier_online", "applicant_matches", "check_upload"]
