"""The verbs of a dossier's history and the helper that appends one event."""

from __future__ import annotations

import datetime as dt

from django.db import models, transaction
from django.dispatch import Signal
from django.utils import timezone

# Sent after the transaction that appended an event commits (never for a
# refused or rolled-back action), with `event` (a DossierEvent). Notifications,
# portal synchronisation and search indexing connect here.
dossier_event_committed = Signal()
# Sent inside the transaction that appends an event, with `dossier` and `event`: what a receiver writes
# commits or rolls back with the event. The national portal's outbox connects here (motcua.nationalportal.apps),
# so the dossiers' domain does not import the portal's code.
dossier_event_recorded = Signal()


class Verb(models.TextChoices):
    RECEIVE = "receive", "Tiếp nhận hồ sơ"
    ASSIGN = "assign", "Phân công xử lý"
    START_PROCESSING = "start_processing", "Bắt đầu xử lý"
    HAND_OVER = "hand_over", "Chuyển bước xử lý"
    REQUEST_SUPPLEMENT = "request_supplement", "Yêu cầu bổ sung hồ sơ"
    RECEIVE_SUPPLEMENT = "receive_supplement", "Nhận hồ sơ bổ sung"
    SUBMIT_FOR_DECISION = "submit_for_decision", "Trình lãnh đạo"
    SEND_BACK = "send_back", "Trả lại để xử lý tiếp"
    APPROVE = "approve", "Phê duyệt"
    REFUSE = "refuse", "Từ chối giải quyết"
    ISSUE_APOLOGY = "issue_apology", "Xin lỗi và hẹn lại"
    WITHDRAW = "withdraw", "Rút hồ sơ"
    STOP = "stop", "Dừng xử lý hồ sơ"
    TRANSFER = "transfer", "Chuyển liên thông"
    RECEIVE_BACK = "receive_back", "Nhận lại hồ sơ liên thông"
    RETURN_RESULT = "return_result", "Trả kết quả"
    PUBLISH_RESULT = "publish_result", "Công khai kết quả"
    RECORD_RATING = "record_rating", "Ghi nhận đánh giá"
    ATTACH_FILE = "attach_file", "Số hóa tệp hồ sơ"
    EXEMPT_PAPER = "exempt_paper", "Ghi nhận giấy tờ không phải số hóa"
    CORRECT_APPLICANT = "correct_applicant", "Sửa thông tin người nộp"
    # Not an act on the dossier: the province declared a day off or a make-up working day.
    CALENDAR_CHANGE = "calendar_change", "Điều chỉnh hạn theo lịch làm việc"
    # Recorded with an approval or a refusal, in its transaction (motcua.dossiers.results).
    SIGN_RESULT = "sign_result", "Ký số kết quả"
    # Fees and payments (motcua.payments.actions).
    RECORD_PAYMENT = "record_payment", "Ghi nhận thanh toán phí, lệ phí"
    REFUND_PAYMENT = "refund_payment", "Hoàn trả phí, lệ phí"
    EXEMPT_FEE = "exempt_fee", "Miễn phí, lệ phí"
    AWAIT_PAYMENT = "await_payment", "Chờ thanh toán trực tuyến"


def json_value(value):
    """Return a JSON-safe form of a model field value."""
    if isinstance(value, dt.datetime):
        # Local time (+07:00): the history is read by people in Việt Nam.
        return (timezone.localtime(value) if timezone.is_aware(value) else value).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (list, tuple)):
        return [json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: json_value(v) for k, v in value.items()}
    return value


def snapshot(instance, fields) -> dict:
    """Return {field: JSON-safe value} for some fields of a model instance (foreign keys by id)."""
    out = {}
    for name in fields:
        attname = instance._meta.get_field(name).attname
        out[name] = json_value(getattr(instance, attname))
    return out


def record_event(dossier, actor, verb: str, at, *, from_status="", to_status="", data=None, reason=""):
    """Append one event to a dossier's history (and, through `dossier_event_recorded`, its portal message); announce it on commit."""
    # Imported here: models.py imports Verb from this module.
    from motcua.dossiers.models import DossierEvent

    event = DossierEvent.objects.create(
        dossier=dossier,
        actor=actor,
        verb=verb,
        at=at,
        from_status=from_status or "",
        to_status=to_status or "",
        data=json_value(data or {}),
        reason=reason or "",
    )
    dossier_event_recorded.send(sender=DossierEvent, dossier=dossier, event=event)
    transaction.on_commit(lambda: dossier_event_committed.send(sender=DossierEvent, event=event))
    return event
