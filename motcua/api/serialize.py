"""Turn models into the API's response dictionaries (shapes in motcua.api.schemas)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from motcua.accounts.models import Role
from motcua.catalog import components as papers
from motcua.catalog.models import DurationUnit, Mechanism, OnlineLevel
from motcua.dossiers.events import Verb
from motcua.dossiers.lifecycle import allowed_actions
from motcua.dossiers.models import (
    OPEN_STATUSES,
    ApplicantKind,
    CounterRefusalKind,
    Dossier,
    RatingValue,
    Status,
)
from motcua.dossiers.timeliness import classify, classify_open

# The URL slug of each action, by the verb of its history event.
ACTION_SLUGS: dict[str, str] = {
    Verb.ASSIGN: "assign",
    Verb.START_PROCESSING: "start",
    Verb.HAND_OVER: "hand-over",
    Verb.REQUEST_SUPPLEMENT: "request-supplement",
    Verb.RECEIVE_SUPPLEMENT: "receive-supplement",
    Verb.SUBMIT_FOR_DECISION: "submit-for-decision",
    Verb.SEND_BACK: "send-back",
    Verb.APPROVE: "approve",
    Verb.REFUSE: "refuse",
    Verb.ISSUE_APOLOGY: "apologise",
    Verb.WITHDRAW: "withdraw",
    Verb.TRANSFER: "transfer",
    Verb.RECEIVE_BACK: "receive-back",
    Verb.RETURN_RESULT: "return-result",
    Verb.PUBLISH_RESULT: "publish",
    Verb.RECORD_RATING: "rate",
}


def local(t: dt.datetime | None) -> dt.datetime | None:
    """Return an instant on Việt Nam time (+07:00), as people read it."""
    return timezone.localtime(t) if t is not None else None


def label(choices, value) -> str:
    """Return the Vietnamese label of a choice value, or the value when unknown."""
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value or "")


def unit_ref(unit) -> dict:
    return {"code": unit.code, "name": unit.name, "agency_id": unit.agency_id}


def unit_out(unit) -> dict:
    return {
        **unit_ref(unit),
        "level": unit.level.code,
        "level_name": unit.level.name,
        "parent": unit.path.rstrip("/").split("/")[-2] if unit.parent_id else None,
        "valid_from": unit.valid_from,
        "valid_to": unit.valid_to,
    }


def user_ref(user) -> dict | None:
    if user is None:
        return None
    return {"username": user.username, "full_name": user.get_full_name()}


def me_out(user) -> dict:
    return {
        **user_ref(user),
        "email": user.email,
        "role": user.role,
        "role_label": label(Role, user.role) if user.role else "",
        "unit": unit_ref(user.unit) if user.unit_id else None,
    }


# ---------------------------------------------------------------- catalog


def duration(value, unit: str) -> dict:
    if unit == DurationUnit.SAME_DAY:
        text = "trong ngày"
    elif unit in DurationUnit.values:
        text = f"{value if value is not None else '?'} {label(DurationUnit, unit)}"
    else:
        text = ""
    return {"value": value, "unit": unit, "label": text}


def procedure_ref(procedure) -> dict:
    return {"code": procedure.code, "name": procedure.name}


def procedure_out(procedure, today: dt.date) -> dict:
    reduced = None
    if procedure.reduced_duration_unit:
        reduced = duration(procedure.reduced_duration_value, procedure.reduced_duration_unit)
    return {
        **procedure_ref(procedure),
        "field": {"code": procedure.field.code, "name": procedure.field.name},
        "level": procedure.level.code,
        "legal_duration": duration(procedure.legal_duration_value, procedure.legal_duration_unit),
        "reduced_duration": reduced,
        "committed_duration": duration(*procedure.committed_duration),
        "mechanism": procedure.mechanism,
        "mechanism_label": label(Mechanism, procedure.mechanism),
        "online": procedure.online,
        "online_label": label(OnlineLevel, procedure.online),
        "in_force": procedure.is_in_force_on(today),
        "components": [
            {"name": c["name"], "form": c["form"], "form_label": papers.form_label(c["form"]), "quantity": c["quantity"]}
            for c in procedure.components or []
        ],
        "data_fields": list(procedure.data_fields or []),
    }


def procedure_detail(procedure, today: dt.date) -> dict:
    return {
        **procedure_out(procedure, today),
        "online_payment": procedure.online_payment,
        "boundary_free": procedure.boundary_free,
        "announced_on": procedure.announced_on,
        "abolished_on": procedure.abolished_on,
        "applies_to_every_unit": not procedure.units.exists(),
        "steps": [
            {"position": s.position, "name": s.name, "role": s.role, "working_hours": float(s.working_hours)}
            for s in procedure.steps.order_by("position")
        ],
    }


# --------------------------------------------------------------- dossiers


def is_overdue(dossier: Dossier, now: dt.datetime, paused_since: dt.datetime | None) -> bool:
    """Tell whether an open dossier is past its due time; waiting for papers stops the clock."""
    if dossier.status not in OPEN_STATUSES or dossier.due_at >= now:
        return False
    # Paused before the due time: the remaining time is not running.
    return not (dossier.status == Status.AWAITING_SUPPLEMENT and paused_since is not None and paused_since < dossier.due_at)


def dossier_summary(dossier: Dossier, now: dt.datetime, paused_since=None) -> dict:
    return {
        "code": dossier.code,
        "unit": unit_ref(dossier.unit),
        "procedure": procedure_ref(dossier.procedure),
        "status": dossier.status,
        "status_label": label(Status, dossier.status),
        "channel": dossier.channel,
        "applicant_name": dossier.applicant_name,
        "received_at": local(dossier.received_at),
        "due_at": local(dossier.due_at),
        "resolved_at": local(dossier.resolved_at),
        "assignee": user_ref(dossier.assignee),
        "version": dossier.version,
        "overdue": is_overdue(dossier, now, paused_since),
    }


def _timeliness(dossier: Dossier, now: dt.datetime, paused_since) -> str | None:
    if dossier.status in (Status.WITHDRAWN, Status.STOPPED):
        return None
    if dossier.resolved_at is not None:
        return classify(dossier.resolved_at, dossier.due_at)
    if dossier.status in OPEN_STATUSES:
        return "overdue" if is_overdue(dossier, now, paused_since) else "within"
    return classify_open(dossier.due_at, now)


def event_out(event) -> dict:
    return {
        "id": event.pk,
        "at": local(event.at),
        "recorded_at": local(event.recorded_at),
        "verb": event.verb,
        "verb_label": label(Verb, event.verb),
        "actor": user_ref(event.actor),
        "from_status": event.from_status,
        "to_status": event.to_status,
        "reason": event.reason,
        "data": event.data if isinstance(event.data, dict) else {"value": event.data},
    }


def events_of(dossier: Dossier) -> list[dict]:
    return [event_out(e) for e in dossier.events.select_related("actor").order_by("at", "id")]


def dossier_detail(dossier: Dossier, user, now: dt.datetime | None = None, *, just_received=False) -> dict:
    """Return everything about one dossier, with what `user` may do with it now."""
    # just_received: a dossier this request created has no supplements,
    # apologies, hand-overs or ratings yet; intake is the hot path, skip the queries.
    now = now or timezone.now()
    supplements = [] if just_received else list(dossier.supplements.order_by("requested_at", "id"))
    open_supplements = [s for s in supplements if s.received_at is None]
    paused_since = None
    if dossier.status == Status.AWAITING_SUPPLEMENT and open_supplements:
        paused_since = max(s.requested_at for s in open_supplements)
    apologies = [] if just_received else list(dossier.apologies.order_by("issued_at", "id"))
    # Every action moves the field as the trail does (motcua.dossiers.trail.position_after; tests/desk/test_trail.py).
    step = dossier.current_step
    return {
        **dossier_summary(dossier, now, paused_since),
        "applicant": {
            "kind": dossier.applicant_kind or ApplicantKind.CITIZEN,
            "name": dossier.applicant_name,
            "id_number": dossier.applicant_id_number,
            "phone": dossier.applicant_phone,
            "email": dossier.applicant_email,
            "address": dossier.applicant_address,
        },
        "components": [
            {"name": str(c.get("name", "")), "form": str(c.get("form", "")), "quantity": int(c.get("quantity", 1))}
            for c in (dossier.components or [])
            if isinstance(c, dict)
        ],
        "data": dict(dossier.data or {}),
        "result_delivery": dossier.result_delivery,
        "notify": [c for c, on in (("sms", dossier.notify_sms), ("email", dossier.notify_email)) if on],
        "outcome": dossier.outcome,
        "returned_at": local(dossier.returned_at),
        "return_channel": dossier.return_channel,
        "published_portal": dossier.published_portal,
        "published_website": dossier.published_website,
        "current_step": {"position": step.position, "name": step.name, "role": step.role} if step else None,
        "paused_since": local(paused_since),
        "timeliness": _timeliness(dossier, now, paused_since),
        "new_due_at": local(apologies[-1].new_due_at) if apologies else None,
        "allowed_actions": [ACTION_SLUGS[v] for v in allowed_actions(user, dossier) if v in ACTION_SLUGS],
        # The receipt is the only event of a dossier this request created; the action kept it.
        "events": [event_out(dossier.receipt_event)] if just_received else events_of(dossier),
        "supplements": [
            {"requested_at": local(s.requested_at), "received_at": local(s.received_at), "reason": s.reason}
            for s in supplements
        ],
        "apologies": [
            {"issued_at": local(a.issued_at), "new_due_at": local(a.new_due_at), "reason": a.reason} for a in apologies
        ],
        "handovers": [
            {
                "at": local(h.at),
                "step_name": h.step_name,
                "to_step_name": h.to_step_name,
                "from_user": user_ref(h.from_user),
                "to_user": user_ref(h.to_user),
                "from_agency": h.from_agency,
                "to_agency": h.to_agency,
                "result": h.result,
            }
            for h in ([] if just_received else dossier.handovers.select_related("from_user", "to_user").order_by("at", "id"))
        ],
        "ratings": [
            {"at": local(r.at), "value": r.value, "value_label": label(RatingValue, r.value), "channel": r.channel}
            for r in ([] if just_received else dossier.ratings.order_by("at", "id"))
        ],
    }


def counter_refusal_out(refusal) -> dict:
    reasons = refusal.reasons if isinstance(refusal.reasons, list) else [str(refusal.reasons)]
    return {
        "id": refusal.pk,
        "unit": unit_ref(refusal.unit),
        "kind": refusal.kind,
        "kind_label": label(CounterRefusalKind, refusal.kind),
        "at": local(refusal.at),
        "applicant_name": refusal.applicant_name,
        "applicant_id_number": refusal.applicant_id_number,
        "procedure": procedure_ref(refusal.procedure) if refusal.procedure_id else None,
        "reasons": [str(r) for r in reasons],
        "actor": user_ref(refusal.actor),
    }
