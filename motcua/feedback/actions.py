"""Every change of a feedback's state: one `do_<verb>_feedback` function each, in one transaction with its history row."""

from __future__ import annotations

import datetime as dt
import re
import secrets

from django.core.validators import validate_email
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from motcua.accounts.models import Role
from motcua.accounts.scoping import can_act_for
from motcua.dossiers.models import Dossier
from motcua.dossiers.timeliness import LOCAL_TZ
from motcua.feedback.deadline import answer_due
from motcua.feedback.models import Feedback, FeedbackEvent, FeedbackStatus, FeedbackVerb, Kind
from motcua.lib.cleaning import UnsafeText, clean_text

# Desk officers and leaders of the unit answer its citizens.
HANDLER_ROLES = frozenset({Role.DESK_OFFICER, Role.LEADER})
# No 0/O, 1/I/L: the code is read aloud on the phone and copied by hand.
_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
_PREFIX = {Kind.COMPLAINT: "PA", Kind.PROPOSAL: "KN"}
_PHONE = re.compile(r"^\+?[0-9 .\-]{8,20}$")
_CLOCK_SKEW = dt.timedelta(minutes=5)
STALE_MESSAGE = "phản ánh đã được người khác thay đổi, vui lòng tải lại"


class FeedbackActionError(Exception):
    """A refused feedback action, naming the form field at fault ('' = the whole form); nothing was changed."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def new_tracking_code(kind: str, at: dt.datetime) -> str:
    """Return a tracking code such as PA-2611-7K3Q9M: kind, year and month, six random characters."""
    month = at.astimezone(LOCAL_TZ).strftime("%y%m")
    tail = "".join(secrets.choice(_ALPHABET) for _ in range(6))
    return f"{_PREFIX[kind]}-{month}-{tail}"


def do_submit_feedback(unit, kind, subject, content, sender: dict, dossier_code="", *, at=None) -> Feedback:
    """Record a citizen's feedback to a unit and give it a tracking code."""
    at = _at(at)
    if unit is None or not unit.is_valid_on(at.astimezone(LOCAL_TZ).date()):
        _fail("unit", "xin chọn cơ quan, đơn vị đang hoạt động")
    if kind not in Kind.values:
        _fail("kind", "xin chọn phản ánh hoặc kiến nghị")
    subject = _text(subject, 200, "subject", "tiêu đề")
    content = _text(content, 5000, "content", "nội dung", multiline=True)
    sender = sender if isinstance(sender, dict) else {}
    name = _text(sender.get("name"), 300, "sender_name", "họ tên người gửi")
    phone = str(sender.get("phone") or "").strip()
    email = str(sender.get("email") or "").strip()
    if phone and not _PHONE.match(phone):
        _fail("sender_phone", "số điện thoại chỉ gồm chữ số (8–20 ký tự), ví dụ 0912 345 678")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            _fail("sender_email", "địa chỉ thư điện tử không hợp lệ")
    if not phone and not email:
        _fail("sender_phone", "cần số điện thoại hoặc thư điện tử để cơ quan liên hệ khi cần")
    dossier_code = str(dossier_code or "").strip().upper()
    if dossier_code and not Dossier.objects.filter(code=dossier_code, unit=unit).exists():
        _fail("dossier_code", f"không có hồ sơ mã {dossier_code[:64]} tại {unit.name}")
    for _ in range(5):
        try:
            with transaction.atomic():
                feedback = Feedback.objects.create(
                    unit=unit,
                    kind=kind,
                    subject=subject,
                    content=content,
                    dossier_code=dossier_code,
                    sender_name=name,
                    sender_phone=phone[:32],
                    sender_email=email[:254],
                    tracking_code=new_tracking_code(kind, at),
                    status=FeedbackStatus.RECEIVED,
                    created_at=at,
                    due_at=answer_due(unit, at),
                )
                _record(feedback, None, FeedbackVerb.SUBMIT, at, "", FeedbackStatus.RECEIVED)
                return feedback
        except IntegrityError:
            # Two codes alike out of 31⁶ per month: draw again.
            continue
    raise RuntimeError("không cấp được mã theo dõi phản ánh")


def do_take_up_feedback(actor, feedback, *, at=None, expected_version=None) -> Feedback:
    """Start handling a received feedback: its sender sees it is being processed."""
    with transaction.atomic():
        f, at = _begin(actor, feedback, "tiếp nhận xử lý phản ánh", {FeedbackStatus.RECEIVED}, expected_version, at)
        before = f.status
        f.status, f.handler = FeedbackStatus.PROCESSING, actor
        return _finish(actor, f, FeedbackVerb.TAKE_UP, at, before, {"handler": actor.pk})


def do_answer_feedback(actor, feedback, answer, *, at=None, expected_version=None) -> Feedback:
    """Answer a feedback; the answer becomes public on its tracking page."""
    with transaction.atomic():
        f, at = _begin(
            actor, feedback, "trả lời phản ánh", {FeedbackStatus.RECEIVED, FeedbackStatus.PROCESSING}, expected_version, at
        )
        answer = _text(answer, 10000, "answer", "nội dung trả lời", multiline=True)
        before = f.status
        f.status, f.answer, f.answered_by, f.answered_at = FeedbackStatus.ANSWERED, answer, actor, at
        if f.handler_id is None:
            f.handler = actor
        return _finish(actor, f, FeedbackVerb.ANSWER, at, before, {"answer": answer})


def _begin(actor, feedback, label: str, sources, expected_version, at):
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
        _fail("", f"cần đăng nhập để {label}")
    locked = Feedback.objects.select_for_update(of=("self",)).select_related("unit").get(pk=feedback.pk)
    if not can_act_for(actor, locked.unit):
        _fail("", "phản ánh không thuộc phạm vi đơn vị của bạn")
    if actor.role not in HANDLER_ROLES:
        _fail("", f"vai trò của bạn không được {label}")
    if expected_version is not None and str(expected_version) != str(locked.version):
        _fail("", STALE_MESSAGE)
    if locked.status not in sources:
        _fail("", f"không thể {label}: phản ánh {locked.tracking_code} đang ở trạng thái «{locked.get_status_display()}»")
    at = _at(at)
    if at < locked.created_at:
        _fail("", "thời điểm thao tác trước khi phản ánh được gửi")
    return locked, at


def _finish(actor, f: Feedback, verb: str, at, from_status: str, data: dict) -> Feedback:
    f.version += 1
    f.save()
    _record(f, actor, verb, at, from_status, f.status, data)
    return f


def _record(feedback, actor, verb, at, from_status, to_status, data=None):
    FeedbackEvent.objects.create(
        feedback=feedback,
        actor=actor,
        verb=verb,
        at=at,
        from_status=from_status,
        to_status=to_status,
        data={"version": feedback.version, **(data or {})},
    )


def _at(at) -> dt.datetime:
    now = timezone.now()
    if at is None:
        return now
    if not isinstance(at, dt.datetime) or timezone.is_naive(at) or at > now + _CLOCK_SKEW:
        _fail("", "thời điểm thao tác không hợp lệ")
    return at


def _text(value, limit: int, field: str, label: str, multiline: bool = False) -> str:
    try:
        text = clean_text(str(value or ""), multiline).strip()
    except UnsafeText as error:
        _fail(field, f"{label} {error}")
    if not text:
        _fail(field, f"cần ghi {label}")
    if len(text) > limit:
        _fail(field, f"{label[0].upper()}{label[1:]} dài quá {limit} ký tự")
    return text


def _fail(field: str, message: str):
    raise FeedbackActionError(field, message[0].upper() + message[1:])
