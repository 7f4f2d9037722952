"""Every change of a dossier's state: one `do_<verb>_<noun>` function each (Zulip's actions pattern).

Each action runs in one transaction: it locks the dossier row, checks the
actor (unit scope, role, holder), the expected version and the current status,
changes the dossier, appends a DossierEvent, bumps `version`, and leaves side
effects to `transaction.on_commit` (see events.dossier_event_committed). A
refused action raises DossierActionError and changes nothing.

Times: every action takes `at` (default: now), the business time of the act.
It must be aware, not in the future, and not before the dossier's receipt or
its latest event, so the history reads in order. Actions return the updated
dossier (a fresh instance; the one passed in is left as it was).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from decimal import Decimal

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.db.models import Case, Exists, When
from django.utils import timezone

from motcua.accounts.models import Role
from motcua.accounts.scoping import can_act_for
from motcua.dossiers.codes import issue_dossier_code, local_day
from motcua.dossiers.data import clean_dossier_data
from motcua.dossiers.deadlines import legal_due
from motcua.dossiers.error_codes import DossierActionError, DossierErrorCode as E
from motcua.dossiers.events import Verb, record_event, snapshot
from motcua.dossiers.lifecycle import INTAKE_ROLES, INTERLINKED, TRANSITIONS, holder_may_act
from motcua.dossiers.models import (
    Apology,
    Attachment,
    AttachmentKind,
    ApplicantKind,
    Channel,
    ComponentForm,
    CounterRefusal,
    CounterRefusalKind,
    Dossier,
    DossierEvent,
    Handover,
    NotifyChannel,
    Outcome,
    Rating,
    RatingChannel,
    RatingValue,
    ReturnChannel,
    Status,
    Supplement,
)
from motcua.dossiers.papers import PAPER_FLAGS, paper_at, record_scan
from motcua.dossiers.timeliness import LOCAL_TZ
from motcua.dossiers.trail import position_after
from motcua.lib.cccd import validate_cccd
from motcua.lib.cleaning import problem as text_problem
from motcua.workdays.service import calendar_for_unit, due_for_unit, working_time_between_for_unit

STALE_MESSAGE = "hồ sơ đã được người khác thay đổi, vui lòng tải lại"
# Clocks of the browser and the server differ a little; more than this is an error.
_CLOCK_SKEW = dt.timedelta(minutes=5)
# A receipt dated earlier than now by more than this is a backdated one: it needs a reason.
BACKDATE_GRACE = dt.timedelta(minutes=10)
# Nghị định 61/2018 Điều 19, Nghị định 118/2025 practice: the apology goes out at the latest one
# working day (8 working hours) before the due time; the worklist and the sweep flag it from then.
APOLOGY_NOTICE = dt.timedelta(hours=8)

__all__ = [
    "DossierActionError",
    "STALE_MESSAGE",
    "do_receive_dossier",
    "do_refuse_at_counter",
    "do_assign_dossier",
    "do_start_processing",
    "do_hand_over_dossier",
    "do_request_supplement",
    "do_receive_supplement",
    "do_submit_for_decision",
    "do_send_back_dossier",
    "do_approve_dossier",
    "do_refuse_dossier",
    "do_issue_apology",
    "do_withdraw_dossier",
    "do_transfer_dossier",
    "do_receive_back_dossier",
    "do_return_result",
    "do_publish_result",
    "do_record_rating",
    "do_attach_file",
]


# ------------------------------------------------------------------ intake


def do_receive_dossier(
    actor, unit, procedure, channel, received_at, applicant: dict, components, result_delivery,
    *, data=None, notify=(), fee=None, reason="", extra_fields: dict | None = None, event_data: dict | None = None,
) -> Dossier:
    """Receive a dossier at the unit's one-stop desk: issue its code and due time, record the receipt.

    `data`: the values of the procedure's own data fields, {key: JSON value} (motcua.dossiers.data).
    `notify`: the channels (NotifyChannel values) the applicant wants notices by; empty = none.
    `fee`: the quote of motcua.payments.fees.amount_due for what the citizen asked, kept with the dossier.
    `extra_fields` sets more of the dossier's fields (kept in the event's "after"), `event_data` adds
    to the event's data: an online filing accepted at the desk (motcua.dossiers.portal_filings) uses both.
    A receipt dated more than BACKDATE_GRACE before now (a dossier taken in while
    the system was down, entered afterwards) needs `reason`; the receipt event keeps it.
    """
    _check_actor(actor, unit, INTAKE_ROLES, "tiếp nhận hồ sơ", intake=True)
    if channel not in Channel.values:
        _fail(E.INVALID_CHANNEL, f"hình thức tiếp nhận «{channel}» không hợp lệ")
    if result_delivery not in ReturnChannel.values:
        _fail(E.INVALID_RESULT_DELIVERY, f"hình thức nhận kết quả «{result_delivery}» không hợp lệ")
    received_at = _not_in_future(received_at, "thời điểm tiếp nhận")
    reason = str(reason or "").strip()
    backdated = is_backdated(received_at)
    if backdated and not reason:
        _fail(E.REASON_REQUIRED, backdate_message(received_at))
    day = local_day(received_at)
    check_unit_in_force(unit, day)
    if not procedure.is_in_force_on(day):
        _fail(E.PROCEDURE_NOT_IN_FORCE, f"thủ tục {procedure.code} không có hiệu lực vào ngày {day:%d/%m/%Y}")
    # No units listed = the procedure applies to every unit.
    applies, first_step = _applicability_and_first_step(procedure, unit)
    if not applies:
        _fail(E.PROCEDURE_NOT_APPLICABLE, f"thủ tục {procedure.code} không áp dụng tại {unit.name}")
    fields = _applicant_fields(applicant, day)
    fields.update(notify_fields(notify, fields))
    checklist = _checklist(components)
    values = clean_dossier_data(procedure, data, day)
    value, duration_unit = procedure.committed_duration
    if not duration_unit or (value is None and duration_unit != "same_day"):
        _fail(E.PROCEDURE_WITHOUT_DURATION, f"thủ tục {procedure.code} chưa có thời hạn giải quyết")
    # Computed before the transaction: the sequence row stays locked only for the inserts.
    due_at = due_for_unit(unit, received_at, value, duration_unit)
    legal_due_at = legal_due(unit, procedure, received_at)

    with transaction.atomic():
        code = issue_dossier_code(unit, received_at)
        dossier = Dossier.objects.create(
            code=code,
            unit=unit,
            procedure=procedure,
            channel=channel,
            received_at=received_at,
            due_at=due_at,
            legal_due_at=legal_due_at,
            result_delivery=result_delivery,
            components=checklist,
            data=values,
            status=Status.RECEIVED,
            version=1,
            current_step=first_step,
            **fields,
            **(extra_fields or {}),
        )
        shown = ["code", "procedure", "channel", "received_at", "due_at", "result_delivery", "current_step", "notify_sms", "notify_email"]
        after = snapshot(dossier, [*shown, *(extra_fields or {})])
        if values:
            after["data"] = values
        extra = {}
        if fee is not None:
            from motcua.payments.balance import keep_quote

            extra["fee"] = keep_quote(dossier, fee)
        # Kept on the instance so the caller can show the history without reading it back.
        dossier.receipt_event = record_event(
            dossier,
            actor,
            Verb.RECEIVE,
            received_at,
            to_status=Status.RECEIVED,
            data={
                "before": {},
                "after": after,
                "version": 1,
                "duration": [value, duration_unit],
                # When it was entered, for a receipt dated earlier (the history says so).
                **({"backdated": True, "recorded_at": timezone.now()} if backdated else {}),
                **extra,
                **(event_data or {}),
            },
            reason=reason,
        )
    return dossier


def is_backdated(received_at, now=None) -> bool:
    """Tell whether a receipt time is earlier than now by more than BACKDATE_GRACE."""
    return received_at < (now or timezone.now()) - BACKDATE_GRACE


def backdate_message(received_at) -> str:
    minutes = int(BACKDATE_GRACE / dt.timedelta(minutes=1))
    return (
        f"thời điểm tiếp nhận {_fmt(received_at)} sớm hơn hiện tại quá {minutes} phút: "
        "cần ghi lý do tiếp nhận lùi thời gian (ví dụ: hệ thống gián đoạn, hồ sơ nhận trên giấy)"
    )


def _applicability_and_first_step(procedure, unit):
    """Return (whether the procedure applies at the unit, its first internal step): one query when it has steps."""
    listed = procedure.units.through.objects.filter(procedure_id=procedure.pk)
    step = (
        procedure.steps.order_by("position")
        .annotate(lists_units=Exists(listed), lists_this_unit=Exists(listed.filter(unit_id=unit.pk)))
        .first()
    )
    if step is None:
        return _applies_at(procedure, unit), None
    return (not step.lists_units) or step.lists_this_unit, step


def _applies_at(procedure, unit) -> bool:
    """Tell whether a procedure applies at a unit, in one query: it lists the unit, or lists none."""
    Through = procedure.units.through
    # This unit's row first if listed, else any row: none at all means every unit.
    first = (
        Through.objects.filter(procedure_id=procedure.pk)
        .order_by(Case(When(unit_id=unit.pk, then=0), default=1))
        .values_list("unit_id", flat=True)
        .first()
    )
    return first is None or first == unit.pk


def do_refuse_at_counter(actor, unit, procedure, applicant: dict, reasons, kind=CounterRefusalKind.REFUSED, *, at=None):
    """Refuse papers at the counter, or instruct the applicant to complete them; no dossier is created."""
    _check_actor(actor, unit, INTAKE_ROLES, "từ chối tiếp nhận hồ sơ", intake=True)
    if kind not in CounterRefusalKind.values:
        _fail(E.INVALID_KIND, f"loại «{kind}» không hợp lệ (từ chối tiếp nhận hoặc hướng dẫn bổ sung)")
    reasons = _reasons(reasons, "cần ghi rõ lý do từ chối tiếp nhận hoặc nội dung hướng dẫn")
    at = _not_in_future(at, "thời điểm")
    if not isinstance(applicant, dict) or not str(applicant.get("name") or "").strip():
        _fail(E.INVALID_APPLICANT, "cần ghi tên người nộp hồ sơ")
    return CounterRefusal.objects.create(
        unit=unit,
        actor=actor,
        at=at,
        kind=kind,
        applicant_name=str(applicant["name"]).strip()[:300],
        applicant_id_number=str(applicant.get("id_number") or "").strip()[:32],
        procedure=procedure,
        reasons=reasons,
    )


# -------------------------------------------------------------- processing


def do_assign_dossier(actor, dossier, assignee, *, note="", at=None, expected_version=None) -> Dossier:
    """Give the dossier to a specialist of its unit."""
    with transaction.atomic():
        d, at = _begin(actor, dossier, Verb.ASSIGN, expected_version, at)
        _check_colleague(assignee, d, {Role.SPECIALIST}, "chuyên viên")
        if d.status == Status.ASSIGNED and d.assignee_id == assignee.pk:
            _fail(E.INVALID_ASSIGNEE, f"hồ sơ đã được giao cho {_name(assignee)}")
        before = snapshot(d, ["status", "assignee"])
        d.status, d.assignee = Status.ASSIGNED, assignee
        return _finish(actor, d, Verb.ASSIGN, at, before, reason=note)


def do_start_processing(actor, dossier, *, at=None, expected_version=None) -> Dossier:
    """Start work on an assigned dossier."""
    with transaction.atomic():
        d, at = _begin(actor, dossier, Verb.START_PROCESSING, expected_version, at)
        before = snapshot(d, ["status", "assignee"])
        d.status, d.assignee = Status.PROCESSING, actor
        return _finish(actor, d, Verb.START_PROCESSING, at, before)


def do_hand_over_dossier(actor, dossier, to_user, result="", *, at=None, expected_version=None) -> Dossier:
    """Pass the dossier to the next step of its procedure, recording the hand-over and its result."""
    with transaction.atomic():
        d, at = _begin(actor, dossier, Verb.HAND_OVER, expected_version, at)
        step = d.current_step
        steps = d.procedure.steps.order_by("position")
        following = steps.filter(position__gt=step.position).first() if step else steps.first()
        if following is None:
            _fail(E.NO_NEXT_STEP, f"thủ tục {d.procedure.code} không còn bước xử lý sau bước hiện tại")
        # A step whose role is one of ours must be done by someone in that role.
        roles = {following.role} if following.role in Role.values else {Role.SPECIALIST, Role.LEADER, Role.DESK_OFFICER}
        if step is not None and to_user is not None and to_user.role not in roles and to_user.role == step.role:
            # To a colleague of the same role for the step in progress: the step goes on in other hands.
            following = step
        else:
            _check_colleague(to_user, d, roles, f"người thực hiện bước «{following.name}»")
        _check_colleague(to_user, d, {to_user.role} if to_user is not None else set(), f"người thực hiện bước «{following.name}»")
        handover = Handover.objects.create(
            dossier=d,
            at=at,
            step=step,
            step_name=step.name if step else "",
            to_step=following,
            to_step_name=following.name,
            from_user=actor,
            to_user=to_user,
            result=(result or "").strip(),
        )
        before = snapshot(d, ["status", "current_step", "assignee"])
        d.current_step, d.assignee = following, to_user
        # Handing over to a leader's step is submitting for decision.
        if following.role == Role.LEADER:
            d.status = Status.AWAITING_DECISION
        return _finish(actor, d, Verb.HAND_OVER, at, before, reason=handover.result, data={"handover": handover.pk})


def do_request_supplement(actor, dossier, reason, *, at=None, expected_version=None) -> Dossier:
    """Ask the applicant for missing papers: the clock stops until they arrive."""
    with transaction.atomic():
        d, at = _begin(actor, dossier, Verb.REQUEST_SUPPLEMENT, expected_version, at)
        reason = _reason(reason, "cần ghi rõ giấy tờ, nội dung cần bổ sung")
        supplement = Supplement.objects.create(dossier=d, requested_at=at, reason=reason, resume_status=d.status)
        before = snapshot(d, ["status"])
        d.status = Status.AWAITING_SUPPLEMENT
        return _finish(actor, d, Verb.REQUEST_SUPPLEMENT, at, before, reason=reason, data={"supplement": supplement.pk})


def do_receive_supplement(actor, dossier, *, note="", restart=False, at=None, expected_version=None) -> Dossier:
    """Record the papers' arrival; the due time moves later by the working time spent waiting."""
    # restart=True: for procedures whose rules say the time restarts, the whole
    # committed duration counts again from the arrival instead.
    with transaction.atomic():
        d, at = _begin(actor, dossier, Verb.RECEIVE_SUPPLEMENT, expected_version, at)
        supplement = d.open_supplement()
        if supplement is None:
            _fail(E.NO_OPEN_SUPPLEMENT, "hồ sơ không có yêu cầu bổ sung nào đang chờ")
        if at < supplement.requested_at:
            _fail(E.INVALID_TIME, f"thời điểm nhận bổ sung {_fmt(at)} trước khi yêu cầu ({_fmt(supplement.requested_at)})")
        waited = working_time_between_for_unit(d.unit, supplement.requested_at, at)
        before = snapshot(d, ["status", "due_at", "legal_due_at"])
        if restart:
            d.due_at = due_for_unit(d.unit, at, *d.procedure.committed_duration)
            d.legal_due_at = legal_due(d.unit, d.procedure, at) if d.legal_due_at else None
        elif waited:
            d.due_at = calendar_for_unit(d.unit).due(d.due_at, waited)
            if d.legal_due_at:
                d.legal_due_at = calendar_for_unit(d.unit).due(d.legal_due_at, waited)
        supplement.received_at = at
        supplement.save(update_fields=["received_at"])
        # Loaded dossiers do not know where they were: they go back to the desk.
        d.status = supplement.resume_status or Status.RECEIVED
        data = {"supplement": supplement.pk, "waited_minutes": waited // dt.timedelta(minutes=1), "restart": restart}
        return _finish(actor, d, Verb.RECEIVE_SUPPLEMENT, at, before, reason=note, data=data)


def do_submit_for_decision(actor, dossier, note="", *, at=None, expected_version=None) -> Dossier:
    """Submit the processed dossier to a leader for decision."""
    with transaction.atomic():
        d, at = _begin(actor, dossier, Verb.SUBMIT_FOR_DECISION, expected_version, at)
        before = snapshot(d, ["status"])
        d.status = Status.AWAITING_DECISION
        return _finish(actor, d, Verb.SUBMIT_FOR_DECISION, at, before, reason=note)


def do_send_back_dossier(actor, dossier, reason, *, at=None, expected_version=None) -> Dossier:
    """Send a submitted dossier back, with the reason, to the person who submitted it."""
    with transaction.atomic():
        d, at = _begin(actor, dossier, Verb.SEND_BACK, expected_version, at)
        reason = _reason(reason, "cần ghi rõ lý do trả lại hồ sơ")
        submitted = (
            DossierEvent.objects.filter(
                dossier=d, verb__in=[Verb.SUBMIT_FOR_DECISION, Verb.HAND_OVER], to_status=Status.AWAITING_DECISION
            )
            .order_by("-at", "-id")
            .select_related("actor")
            .first()
        )
        submitter = submitted.actor if submitted else None
        if submitter is None or not submitter.is_active or submitter.unit_id != d.unit_id:
            # Loaded dossiers, or the submitter left: the dossier stays with whoever holds it.
            submitter = d.assignee
        step = d.current_step
        if step is not None and step.role == Role.LEADER:
            # Back to the step before the leader's.
            step = d.procedure.steps.filter(position__lt=step.position).order_by("-position").first() or step
        before = snapshot(d, ["status", "current_step", "assignee"])
        if step != d.current_step or submitter != d.assignee:
            Handover.objects.create(
                dossier=d,
                at=at,
                step=d.current_step,
                step_name=d.current_step.name if d.current_step else "",
                to_step=step,
                to_step_name=step.name if step else "",
                from_user=actor,
                to_user=submitter,
                result=reason,
            )
        d.status, d.current_step, d.assignee = Status.PROCESSING, step, submitter
        return _finish(actor, d, Verb.SEND_BACK, at, before, reason=reason)


def do_approve_dossier(actor, dossier, note="", *, at=None, expected_version=None) -> Dossier:
    """Decide the dossier favourably: it is resolved now."""
    with transaction.atomic():
        d, at = _begin(actor, dossier, Verb.APPROVE, expected_version, at)
        before = snapshot(d, ["status", "resolved_at", "outcome"])
        d.status, d.resolved_at, d.outcome = Status.APPROVED, at, Outcome.APPROVED
        return _finish(actor, d, Verb.APPROVE, at, before, reason=note)


def do_refuse_dossier(actor, dossier, reasons, *, at=None, expected_version=None) -> Dossier:
    """Refuse the dossier with written reasons: it is resolved now."""
    with transaction.atomic():
        d, at = _begin(actor, dossier, Verb.REFUSE, expected_version, at)
        reasons = _reasons(reasons, "từ chối giải quyết phải nêu rõ lý do")
        before = snapshot(d, ["status", "resolved_at", "outcome"])
        d.status, d.resolved_at, d.outcome = Status.REFUSED, at, Outcome.REFUSED
        return _finish(actor, d, Verb.REFUSE, at, before, reason="; ".join(reasons), data={"reasons": reasons})


def do_issue_apology(actor, dossier, new_due_at, reason, *, at=None, expected_version=None) -> Dossier:
    """Apologise for a dossier that is or will be late and set a new appointment; the due time, and lateness, stay.

    Nghị định 118/2025 practice (Mẫu 04, "Văn bản xin lỗi và đề nghị gia hạn"): the
    letter goes out at least one working day before the due time, and a dossier is
    re-dated once. It is refused while it is not needed yet (more than one working
    day, and more than the remaining steps need, before the due time); one issued
    less than one working day before the due time, or after it, is accepted — every
    late dossier earns its apology — but recorded as sent late (event data "late").
    """
    with transaction.atomic():
        d, at = _begin(actor, dossier, Verb.ISSUE_APOLOGY, expected_version, at)
        reason = _reason(reason, "phiếu xin lỗi phải nêu lý do chậm trễ")
        if not isinstance(new_due_at, dt.datetime) or timezone.is_naive(new_due_at):
            _fail(E.INVALID_NEW_DUE, "ngày hẹn lại phải là một thời điểm có múi giờ")
        # Each reason named as it is: a date already past is not "before the due time".
        if new_due_at <= at:
            _fail(E.INVALID_NEW_DUE, f"ngày hẹn lại {_fmt(new_due_at)} đã qua: phải sau thời điểm xin lỗi {_fmt(at)}")
        if new_due_at <= d.due_at:
            _fail(E.INVALID_NEW_DUE, f"ngày hẹn lại {_fmt(new_due_at)} phải sau hạn hiện tại {_fmt(d.due_at)}")
        earlier = d.apologies.order_by("issued_at", "id").first()
        if earlier is not None:
            # Nghị định 118/2025 practice: a dossier is re-dated once; a second delay is a new apology of the leader, not a new date.
            _fail(
                E.INVALID_NEW_DUE,
                f"hồ sơ đã được xin lỗi và hẹn lại một lần ({_fmt(earlier.issued_at)}, hẹn {_fmt(earlier.new_due_at)}); "
                "chỉ được hẹn lại một lần",
            )
        late = apology_is_late(d, at)
        if not late:
            remaining = working_time_between_for_unit(d.unit, at, d.due_at)
            if remaining > _remaining_step_time(d):
                _fail(
                    E.APOLOGY_NOT_DUE,
                    f"hồ sơ còn {_hours(remaining)} giờ làm việc đến hạn {_fmt(d.due_at)}, đủ cho các bước còn lại: "
                    "chưa cần xin lỗi và hẹn lại",
                )
        apology = Apology.objects.create(dossier=d, issued_at=at, new_due_at=new_due_at, reason=reason)
        before = snapshot(d, ["status"])
        return _finish(
            actor,
            d,
            Verb.ISSUE_APOLOGY,
            at,
            before,
            reason=reason,
            data={"apology": apology.pk, "new_due_at": new_due_at, "due_at": d.due_at, "late": late},
        )


def apology_is_late(d: Dossier, at: dt.datetime) -> bool:
    """Tell whether an apology issued at `at` is sent late: less than one working day before the due time, or after it."""
    if at >= d.due_at:
        return True
    return working_time_between_for_unit(d.unit, at, d.due_at) < APOLOGY_NOTICE


def do_withdraw_dossier(actor, dossier, reason="", *, at=None, expected_version=None) -> Dossier:
    """Record the applicant's withdrawal: the dossier ends, resolved as withdrawn."""
    with transaction.atomic():
        d, at = _begin(actor, dossier, Verb.WITHDRAW, expected_version, at)
        before = snapshot(d, ["status", "resolved_at", "outcome"])
        d.status, d.resolved_at, d.outcome = Status.WITHDRAWN, at, Outcome.WITHDRAWN
        return _finish(actor, d, Verb.WITHDRAW, at, before, reason=(reason or "").strip())


def do_transfer_dossier(actor, dossier, to_agency, note="", *, at=None, expected_version=None) -> Dossier:
    """Send an interlinked dossier to another agency or level."""
    with transaction.atomic():
        d, at = _begin(actor, dossier, Verb.TRANSFER, expected_version, at)
        to_agency = (to_agency or "").strip()
        if not to_agency:
            _fail(E.AGENCY_REQUIRED, "cần ghi cơ quan nhận hồ sơ liên thông")
        handover = Handover.objects.create(
            dossier=d,
            at=at,
            step=d.current_step,
            step_name=d.current_step.name if d.current_step else "",
            from_user=actor,
            to_agency=to_agency[:300],
            result=(note or "").strip(),
        )
        before = snapshot(d, ["status"])
        d.status = Status.TRANSFERRED
        return _finish(actor, d, Verb.TRANSFER, at, before, reason=handover.result, data={"handover": handover.pk, "to_agency": to_agency})


def do_receive_back_dossier(actor, dossier, result="", from_agency=None, *, at=None, expected_version=None) -> Dossier:
    """Take back an interlinked dossier from the agency it was sent to, with that agency's result."""
    with transaction.atomic():
        d, at = _begin(actor, dossier, Verb.RECEIVE_BACK, expected_version, at)
        if not from_agency:
            sent = d.handovers.exclude(to_agency="").order_by("-at", "-id").first()
            from_agency = sent.to_agency if sent else ""
        handover = Handover.objects.create(
            dossier=d,
            at=at,
            step=d.current_step,
            step_name=d.current_step.name if d.current_step else "",
            from_agency=from_agency[:300],
            to_user=actor,
            result=(result or "").strip(),
        )
        before = snapshot(d, ["status"])
        d.status = Status.PROCESSING
        return _finish(actor, d, Verb.RECEIVE_BACK, at, before, reason=handover.result, data={"handover": handover.pk, "from_agency": from_agency})


# ------------------------------------------------------------ after decision


def do_return_result(actor, dossier, channel=None, *, at=None, expected_version=None) -> Dossier:
    """Hand the result to the applicant (counter, post or online); default: the way chosen at intake."""
    with transaction.atomic():
        d, at = _begin(actor, dossier, Verb.RETURN_RESULT, expected_version, at)
        channel = channel or d.result_delivery
        if channel not in ReturnChannel.values:
            _fail(E.INVALID_RETURN_CHANNEL, f"hình thức trả kết quả «{channel or ''}» không hợp lệ")
        # Imported here: payments builds on this module.
        from motcua.payments.balance import unpaid_problem

        problem = unpaid_problem(d)
        if problem:
            _fail(E.FEE_UNPAID, problem)
        before = snapshot(d, ["status", "returned_at", "return_channel"])
        d.status, d.returned_at, d.return_channel = Status.RETURNED, at, channel
        return _finish(actor, d, Verb.RETURN_RESULT, at, before)


def do_publish_result(actor, dossier, portal=None, website=None, *, at=None, expected_version=None) -> Dossier:
    """Mark the result as published on the provincial portal and/or the unit's website."""
    with transaction.atomic():
        d, at = _begin(actor, dossier, Verb.PUBLISH_RESULT, expected_version, at)
        before = snapshot(d, ["published_portal", "published_website"])
        if portal is not None:
            d.published_portal = bool(portal)
        if website is not None:
            d.published_website = bool(website)
        if snapshot(d, ["published_portal", "published_website"]) == before:
            _fail(E.NOTHING_TO_PUBLISH, "không có thay đổi nào về công khai kết quả")
        return _finish(actor, d, Verb.PUBLISH_RESULT, at, before)


def do_record_rating(actor, dossier, value, channel, *, at=None, expected_version=None) -> Dossier:
    """Record a citizen's satisfaction rating of the dossier's handling."""
    with transaction.atomic():
        d, at = _begin(actor, dossier, Verb.RECORD_RATING, expected_version, at)
        if value not in RatingValue.values:
            _fail(E.INVALID_RATING, f"mức đánh giá «{value}» không hợp lệ")
        if channel not in RatingChannel.values:
            _fail(E.INVALID_RATING, f"hình thức đánh giá «{channel}» không hợp lệ")
        if Rating.objects.filter(dossier=d, channel=channel).exists():
            how = RatingChannel(channel).label.lower()
            _fail(E.INVALID_RATING, f"hồ sơ {d.code} đã có đánh giá qua {how}; mỗi hình thức chỉ đánh giá một lần")
        rating = Rating.objects.create(dossier=d, at=at, value=value, channel=channel)
        before = snapshot(d, ["status"])
        return _finish(actor, d, Verb.RECORD_RATING, at, before, data={"rating": rating.pk, "value": value, "channel": channel})


# ------------------------------------------------------------ corrections

CORRECTABLE = ("name", "id_number", "phone")


def do_correct_applicant(actor, dossier, applicant: dict, reason, *, at=None, expected_version=None) -> Dossier:
    """Put right the applicant's name, ID number or phone as written at intake; the event keeps before and after."""
    with transaction.atomic():
        d, at = _begin(actor, dossier, Verb.CORRECT_APPLICANT, expected_version, at)
        reason = _reason(reason, "cần ghi lý do sửa thông tin người nộp")
        if not isinstance(applicant, dict) or set(applicant) - set(CORRECTABLE):
            _fail(E.INVALID_APPLICANT, "chỉ sửa được họ tên, số định danh và số điện thoại của người nộp")
        current = {key: getattr(d, f"applicant_{key}") for key in ("name", "id_number", "phone", "email", "address")}
        # Checked as at intake, on the day of the dossier's receipt (a CCCD issued later was not its paper).
        fields = _applicant_fields({"kind": d.applicant_kind, **current, **applicant}, local_day(d.received_at))
        names = [f"applicant_{key}" for key in CORRECTABLE]
        before = snapshot(d, names)
        for name in names:
            setattr(d, name, fields[name])
        if snapshot(d, names) == before:
            _fail(E.NOTHING_TO_CORRECT, "thông tin người nộp không có gì thay đổi")
        return _finish(actor, d, Verb.CORRECT_APPLICANT, at, before, reason=reason)


# ------------------------------------------------------------ digitization

# What a scan may be, recognised by its first bytes: the file name and the
# content type the browser sent are the client's word, not the file's.
_SIGNATURES = (
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
)
_HAS_RESULT = frozenset({Status.APPROVED, Status.REFUSED, Status.RETURNED})
_DRAFTING = frozenset({Status.PROCESSING, Status.AWAITING_DECISION})


def do_attach_file(actor, dossier, file, kind, *, paper=None, at=None, expected_version=None) -> Dossier:
    """Store a scanned component or result of the dossier and mark that part digitized.

    `paper`: the position (from 1) of the received paper the scan is of; the paper
    records the scan's SHA-256 and its attachment (motcua.dossiers.papers).
    """
    with transaction.atomic():
        d, at = _begin(actor, dossier, Verb.ATTACH_FILE, expected_version, at)
        if kind not in AttachmentKind.values:
            _fail(E.INVALID_KIND, f"loại tệp «{kind}» không hợp lệ (thành phần hồ sơ hoặc kết quả giải quyết)")
        if kind == AttachmentKind.RESULT and d.status not in _HAS_RESULT:
            _fail(E.RESULT_NOT_READY, f"hồ sơ {d.code} chưa có kết quả giải quyết để số hóa")
        if paper is not None and kind != AttachmentKind.COMPONENT:
            _fail(E.INVALID_KIND, "chỉ tệp thành phần hồ sơ mới gắn với một giấy tờ")
        item = paper_at(d, paper) if paper is not None else None
        if kind == AttachmentKind.DRAFT_RESULT and d.status not in _DRAFTING:
            _fail(E.RESULT_NOT_READY, f"chỉ tải dự thảo kết quả khi hồ sơ {d.code} đang xử lý hoặc chờ lãnh đạo quyết định")
        name = _original_name(file)
        content_type, suffix = _sniff(file, name)
        if kind == AttachmentKind.DRAFT_RESULT and content_type != "application/pdf":
            # The leader signs it: PAdES signs PDF only.
            _fail(E.INVALID_FILE, f"dự thảo kết quả «{name}» phải là tệp PDF")
        limit = _max_upload_bytes()
        declared = _file_size(file)
        if declared > limit:
            _fail(E.FILE_TOO_LARGE, f"tệp «{name}» có dung lượng {_megabytes(declared)} MB, vượt giới hạn {_megabytes(limit)} MB")
        attachment = Attachment(
            dossier=d, kind=kind, original_name=name, content_type=content_type, uploaded_by=actor, uploaded_at=at
        )
        reader = _HashingReader(file, limit)
        storage = attachment.file.storage
        # upload_to gives attachments/<unit>/<yyyy/mm/dd>/<random>.<suffix>: a name
        # nobody else holds, so whatever a failed save left under it can be deleted.
        target = attachment.file.field.generate_filename(attachment, f"scan.{suffix}")
        try:
            attachment.file.name = storage.save(target, File(reader), max_length=255)
            attachment.sha256, attachment.size = reader.result()
            if attachment.size > limit:
                _fail(E.FILE_TOO_LARGE, f"tệp «{name}» vượt giới hạn {_megabytes(limit)} MB")
            attachment.save()
            if kind == AttachmentKind.DRAFT_RESULT:
                # A draft digitizes nothing: the signed result will.
                before = snapshot(d, ["status"])
            else:
                field = "digitized_components" if kind == AttachmentKind.COMPONENT else "digitized_result"
                before = snapshot(d, [field, "components"] if item is not None else [field])
                setattr(d, field, True)
                if item is not None:
                    record_scan(d, paper, attachment)
            data = {
                "attachment": attachment.pk,
                "kind": kind,
                "name": name,
                "content_type": content_type,
                "size": attachment.size,
                "sha256": attachment.sha256,
            }
            if item is not None:
                data["paper"] = paper
            return _finish(actor, d, Verb.ATTACH_FILE, at, before, data=data)
        except _TooLarge:
            _delete_stored(storage, attachment.file.name or target)
            _fail(E.FILE_TOO_LARGE, f"tệp «{name}» vượt giới hạn {_megabytes(limit)} MB")
        except BaseException:
            # The rows roll back with the transaction; the stored bytes must go too.
            _delete_stored(storage, attachment.file.name or target)
            raise


class _TooLarge(Exception):
    pass


class _HashingReader:
    """A file-like view of an upload that hashes and counts the bytes as the storage reads them."""

    def __init__(self, source, limit: int):
        self._source = source
        self._limit = limit
        self._rewind_state()

    def _rewind_state(self):
        self._digest = hashlib.sha256()
        self._count = 0
        self._sequential = True
        self._at_end = False

    def seek(self, offset, whence=0):
        position = self._source.seek(offset, whence)
        if offset == 0 and whence == 0:
            # Storages rewind before they read; a rewind starts the digest afresh.
            self._rewind_state()
        else:
            self._sequential = False
        return position

    def tell(self):
        return self._source.tell()

    def read(self, size=-1):
        data = self._source.read(size)
        if not data:
            self._at_end = True
            return data
        self._count += len(data)
        # The declared size may lie: stop streaming as soon as the limit is passed.
        if self._count > self._limit:
            raise _TooLarge()
        self._digest.update(data)
        return data

    def result(self) -> tuple[str, int]:
        """Return (sha256 hex, size) of what was read, re-reading the source if the storage skipped around."""
        if self._sequential and self._at_end:
            return self._digest.hexdigest(), self._count
        self.seek(0)
        while self.read(1024 * 1024):
            pass
        return self._digest.hexdigest(), self._count


def _sniff(file, name: str) -> tuple[str, str]:
    """Return (content type, suffix) from the file's first bytes, or refuse the file."""
    try:
        file.seek(0)
        head = file.read(16)
        file.seek(0)
    except (AttributeError, OSError, ValueError):
        _fail(E.INVALID_FILE, f"không đọc được tệp «{name}»")
    if not head:
        _fail(E.INVALID_FILE, f"tệp «{name}» rỗng")
    for signature, content_type, suffix in _SIGNATURES:
        if head.startswith(signature):
            return content_type, suffix
    _fail(E.INVALID_FILE, f"tệp «{name}» không phải PDF, JPEG hoặc PNG (kiểm tra theo nội dung tệp, không theo tên)")


def _file_size(file) -> int:
    size = getattr(file, "size", None)
    if isinstance(size, int):
        return size
    position = file.tell()
    file.seek(0, os.SEEK_END)
    size = file.tell()
    file.seek(position)
    return size


def _original_name(file) -> str:
    raw = str(getattr(file, "name", "") or "")
    # Browsers on Windows may send the whole path.
    return os.path.basename(raw.replace("\\", "/")).strip()[:255]


def _max_upload_bytes() -> int:
    return int(float(settings.MOTCUA_MAX_UPLOAD_MB) * 1024 * 1024)


def _megabytes(size: int) -> str:
    value = size / (1024 * 1024)
    return f"{value:g}" if value == int(value) else f"{value:.1f}".replace(".", ",")


def _delete_stored(storage, name: str) -> None:
    try:
        if storage.exists(name):
            storage.delete(name)
    except OSError:
        # Cleaning up must not hide the error that caused it.
        pass


# ----------------------------------------------------------------- helpers


def _fail(code: E, message: str):
    raise DossierActionError(code, message)


def _begin(actor, dossier, verb: str, expected_version, at):
    """Lock the dossier and run the checks every action shares; return (locked dossier, action time)."""
    transition = TRANSITIONS[verb]
    label = Verb(verb).label.lower()
    # of=("self",): lock the dossier row only, not the unit and procedure rows joined in.
    locked = (
        Dossier.objects.select_for_update(of=("self",))
        .select_related("unit", "procedure", "current_step")
        .get(pk=dossier.pk)
    )
    _check_actor(actor, locked.unit, transition.roles, label)
    if expected_version is not None and int(expected_version) != locked.version:
        _fail(E.STALE_VERSION, STALE_MESSAGE)
    if locked.status not in transition.sources:
        _fail(
            E.INVALID_TRANSITION,
            f"không thể {label}: hồ sơ {locked.code} đang ở trạng thái «{Status(locked.status).label}»",
        )
    if not holder_may_act(transition, actor, locked):
        _fail(E.NOT_ASSIGNEE, f"hồ sơ {locked.code} đang do {_name(locked.assignee)} xử lý")
    if transition.interlinked_only and locked.procedure.mechanism not in INTERLINKED:
        _fail(E.NOT_INTERLINKED, f"thủ tục {locked.procedure.code} không giải quyết theo cơ chế liên thông")
    at = _not_in_future(at, "thời điểm thao tác")
    latest = DossierEvent.objects.filter(dossier=locked).order_by("-at").values_list("at", flat=True).first()
    floor = max(locked.received_at, latest) if latest else locked.received_at
    if at < floor:
        _fail(E.INVALID_TIME, f"thời điểm {_fmt(at)} trước thao tác gần nhất của hồ sơ ({_fmt(floor)})")
    return locked, at


# The verbs that move a dossier along its steps (motcua.dossiers.trail): after them the
# dossier's current step and holder are put where the trail says they are.
_TRAIL_VERBS = frozenset(
    {
        Verb.ASSIGN,
        Verb.START_PROCESSING,
        Verb.HAND_OVER,
        Verb.REQUEST_SUPPLEMENT,
        Verb.RECEIVE_SUPPLEMENT,
        Verb.SUBMIT_FOR_DECISION,
        Verb.SEND_BACK,
        Verb.APPROVE,
        Verb.REFUSE,
        Verb.WITHDRAW,
        Verb.STOP,
        Verb.TRANSFER,
        Verb.RECEIVE_BACK,
        Verb.RETURN_RESULT,
    }
)


def _follow_trail(actor, d: Dossier, verb: str, at, before: dict) -> None:
    """Put the dossier's current step and holder where its trail, with this event, puts them."""
    before.update({k: v for k, v in snapshot(d, ["current_step", "assignee"]).items() if k not in before})
    moved = snapshot(d, before.keys())
    diff = [k for k in before if before[k] != moved[k]]
    step, holder = position_after(
        d, verb, actor, at, {k: before[k] for k in diff}, {k: moved[k] for k in diff}
    )
    d.current_step, d.assignee_id = step, holder


def _finish(actor, d: Dossier, verb: str, at, before: dict, *, reason="", data=None) -> Dossier:
    """Save the changed fields with the next version and append the event."""
    from_status = before.get("status", d.status)
    if verb in _TRAIL_VERBS:
        _follow_trail(actor, d, verb, at, before)
    d.version += 1
    d.save(update_fields=[*before.keys(), "version"])
    after = snapshot(d, before.keys())
    changed = [k for k in before if before[k] != after[k]]
    record_event(
        d,
        actor,
        verb,
        at,
        from_status=from_status,
        to_status=d.status,
        data={
            "before": {k: before[k] for k in changed},
            "after": {k: after[k] for k in changed},
            "version": d.version,
            **(data or {}),
        },
        reason=reason,
    )
    return d


def _check_actor(actor, unit, roles, label: str, intake=False):
    if actor is None or not getattr(actor, "is_authenticated", False):
        _fail(E.FORBIDDEN_ROLE, f"cần đăng nhập để {label}")
    if not actor.is_active:
        _fail(E.INACTIVE_USER, f"tài khoản {actor.username} đã bị khóa")
    # Every user sees their own unit (accounts.scoping.visible_units): no query for it.
    if not (actor.unit_id is not None and actor.unit_id == unit.pk) and not can_act_for(actor, unit):
        if intake:
            _fail(E.OUT_OF_SCOPE, f"bạn không được {label} cho {unit.name}")
        _fail(E.OUT_OF_SCOPE, "hồ sơ không thuộc phạm vi đơn vị của bạn")
    # No superuser bypass: every act in the history must come from a role that may do it.
    if actor.role not in roles:
        role = Role(actor.role).label if actor.role in Role.values else "chưa có vai trò"
        _fail(E.FORBIDDEN_ROLE, f"vai trò «{role}» không được {label}")


def _check_colleague(user, dossier, roles, what: str):
    """Refuse handing the dossier to someone who is not an active member of its unit in one of the roles."""
    if user is None or not user.is_active or user.unit_id != dossier.unit_id or user.role not in roles:
        who = _name(user) if user is not None else "(không có)"
        _fail(E.INVALID_ASSIGNEE, f"{who} không phải {what} đang hoạt động của {dossier.unit.name}")


def check_unit_in_force(unit, day) -> None:
    """Refuse a receipt on a day the unit did not exist yet ("chưa") or no longer existed ("không còn")."""
    if unit.is_valid_on(day):
        return
    if unit.valid_from is not None and day < unit.valid_from:
        _fail(E.UNIT_NOT_IN_FORCE, f"{unit.name} chưa hoạt động vào ngày {day:%d/%m/%Y} (hoạt động từ {unit.valid_from:%d/%m/%Y})")
    _fail(E.UNIT_NOT_IN_FORCE, f"{unit.name} không còn hoạt động vào ngày {day:%d/%m/%Y}")


def _not_in_future(at, what: str) -> dt.datetime:
    now = timezone.now()
    if at is None:
        return now
    if not isinstance(at, dt.datetime) or timezone.is_naive(at):
        _fail(E.INVALID_TIME, f"{what} phải là một thời điểm có múi giờ")
    if at > now + _CLOCK_SKEW:
        _fail(E.INVALID_TIME, f"{what} {_fmt(at)} ở tương lai")
    return at


_APPLICANT_LIMITS = {"name": 300, "id_number": 32, "phone": 32, "email": 254, "address": 500}


def _applicant_fields(applicant, day) -> dict:
    if not isinstance(applicant, dict):
        _fail(E.INVALID_APPLICANT, "thiếu thông tin người nộp hồ sơ")
    unknown = set(applicant) - set(_APPLICANT_LIMITS) - {"kind"}
    if unknown:
        _fail(E.INVALID_APPLICANT, f"thông tin người nộp có trường không xác định: {', '.join(sorted(unknown))}")
    kind = applicant.get("kind") or ApplicantKind.CITIZEN
    if kind not in ApplicantKind.values:
        _fail(E.INVALID_APPLICANT, f"loại người nộp «{kind}» không hợp lệ (công dân hoặc tổ chức)")
    values = {}
    for key, limit in _APPLICANT_LIMITS.items():
        value = applicant.get(key)
        value = "" if value is None else str(value).strip()
        if len(value) > limit:
            _fail(E.INVALID_APPLICANT, f"thông tin «{key}» của người nộp dài quá {limit} ký tự")
        problem = text_problem(value)
        if problem:
            # Every way in (desk, API, portal) reaches here: no control or bidi character in a name.
            _fail(E.INVALID_APPLICANT, f"thông tin «{key}» của người nộp {problem}")
        values[key] = value
    if not values["name"]:
        _fail(E.INVALID_APPLICANT, "cần ghi tên người nộp hồ sơ")
    if kind == ApplicantKind.CITIZEN:
        if not values["id_number"]:
            _fail(E.INVALID_ID_NUMBER, "cần ghi số định danh cá nhân (CCCD) của công dân")
        problem = validate_cccd(values["id_number"], today=day)
        if problem:
            _fail(E.INVALID_ID_NUMBER, f"số định danh cá nhân không hợp lệ: {problem}")
    return {"applicant_kind": kind, **{f"applicant_{k}": v for k, v in values.items()}}


def notify_fields(notify, applicant_fields: dict) -> dict:
    """Check the applicant's choice of notice channels against the contacts given; return the dossier's fields."""
    if isinstance(notify, str) or not isinstance(notify, (list, tuple, set, frozenset)):
        _fail(E.INVALID_NOTIFY, "cách nhận thông báo phải là một danh sách (sms, email) hoặc để trống")
    chosen = {str(c) for c in notify}
    unknown = chosen - set(NotifyChannel.values)
    if unknown:
        _fail(E.INVALID_NOTIFY, f"cách nhận thông báo «{', '.join(sorted(unknown))}» không hợp lệ (sms, email)")
    if NotifyChannel.SMS in chosen and not applicant_fields.get("applicant_phone"):
        _fail(E.INVALID_NOTIFY, "muốn nhận thông báo qua tin nhắn SMS cần ghi số điện thoại của người nộp")
    if NotifyChannel.EMAIL in chosen and not applicant_fields.get("applicant_email"):
        _fail(E.INVALID_NOTIFY, "muốn nhận thông báo qua thư điện tử cần ghi địa chỉ thư điện tử của người nộp")
    return {"notify_sms": NotifyChannel.SMS in chosen, "notify_email": NotifyChannel.EMAIL in chosen}


def _checklist(components) -> list[dict]:
    if components is None:
        return []
    if not isinstance(components, (list, tuple)):
        _fail(E.INVALID_COMPONENTS, "thành phần hồ sơ phải là một danh sách giấy tờ")
    out = []
    for n, item in enumerate(components, 1):
        if not isinstance(item, dict) or not str(item.get("name") or "").strip():
            _fail(E.INVALID_COMPONENTS, f"giấy tờ thứ {n} thiếu tên")
        form = item.get("form") or ComponentForm.ORIGINAL
        if form not in ComponentForm.values:
            _fail(E.INVALID_COMPONENTS, f"giấy tờ thứ {n}: loại bản «{form}» không hợp lệ (bản chính, bản sao, bản sao chứng thực)")
        quantity = item.get("quantity", 1)
        if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 1:
            _fail(E.INVALID_COMPONENTS, f"giấy tờ thứ {n}: số lượng phải là số nguyên dương")
        paper = {"name": str(item["name"]).strip(), "form": str(form), "quantity": quantity}
        # What is known of its digitization (an online filing's papers), kept as given.
        paper.update({flag: item[flag] for flag in PAPER_FLAGS if isinstance(item.get(flag), bool)})
        out.append(paper)
    return out


def _reason(text, message: str) -> str:
    text = str(text or "").strip()
    if not text:
        _fail(E.REASON_REQUIRED, message)
    return text


def _reasons(reasons, message: str) -> list[str]:
    items = [reasons] if isinstance(reasons, str) or reasons is None else list(reasons)
    cleaned = [str(r).strip() for r in items if r is not None and str(r).strip()]
    if not cleaned:
        _fail(E.REASON_REQUIRED, message)
    return cleaned


def _remaining_step_time(d: Dossier) -> dt.timedelta:
    """Return the working time the procedure's steps from the current one on still need."""
    steps = d.procedure.steps.all()
    if d.current_step is not None:
        steps = steps.filter(position__gte=d.current_step.position)
    hours = sum((s.working_hours for s in steps), Decimal(0))
    return dt.timedelta(hours=float(hours))


def _name(user) -> str:
    if user is None:
        return "(chưa giao)"
    return user.get_full_name() or user.username


def _fmt(t: dt.datetime) -> str:
    return t.astimezone(LOCAL_TZ).strftime("%H:%M %d/%m/%Y")


def _hours(delta: dt.timedelta) -> str:
    hours = delta / dt.timedelta(hours=1)
    return f"{hours:g}" if hours == int(hours) else f"{hours:.1f}".replace(".", ",")
