"""Which action is allowed from which status, by which roles: the dossier lifecycle as data."""

from __future__ import annotations

from dataclasses import dataclass

from motcua.accounts.models import Role
from motcua.accounts.scoping import can_act_for
from motcua.catalog.models import Mechanism
from motcua.dossiers.events import Verb
from motcua.dossiers.models import OPEN_STATUSES, Status

INTERLINKED = frozenset({Mechanism.INTERLINKED_SAME_LEVEL, Mechanism.INTERLINKED_ACROSS_LEVELS})

# Who may receive a dossier or refuse it at the counter (no dossier exists yet).
INTAKE_ROLES = frozenset({Role.DESK_OFFICER})


@dataclass(frozen=True)
class Transition:
    verb: str
    sources: frozenset[str]
    # None: decided by the action — unchanged, or for receive_supplement the
    # status before the request, or for hand_over awaiting_decision when the
    # dossier reaches a leader's step.
    target: str | None
    roles: frozenset[str]
    # Only the person holding the dossier (or, where leader_overrides, a leader) may act.
    assignee_only: bool = False
    leader_overrides: bool = False
    interlinked_only: bool = False


def _t(verb, sources, target, roles, **flags) -> Transition:
    # Plain strings: members of TextChoices print oddly in JSON and templates.
    return Transition(
        str(verb),
        frozenset(str(s) for s in sources),
        None if target is None else str(target),
        frozenset(str(r) for r in roles),
        **flags,
    )


_DESK, _SPEC, _LEAD = Role.DESK_OFFICER, Role.SPECIALIST, Role.LEADER
_DECIDED = (Status.APPROVED, Status.REFUSED)

TRANSITIONS: dict[str, Transition] = {
    t.verb: t
    for t in [
        _t(Verb.ASSIGN, (Status.RECEIVED, Status.ASSIGNED), Status.ASSIGNED, (_DESK, _LEAD)),
        _t(Verb.START_PROCESSING, (Status.ASSIGNED,), Status.PROCESSING, (_SPEC,), assignee_only=True),
        # Target: processing, or awaiting_decision when the next step is a leader's.
        _t(
            Verb.HAND_OVER,
            (Status.PROCESSING,),
            None,
            (_SPEC, _LEAD),
            assignee_only=True,
            leader_overrides=True,
        ),
        _t(
            Verb.REQUEST_SUPPLEMENT,
            (Status.RECEIVED, Status.ASSIGNED, Status.PROCESSING, Status.AWAITING_DECISION),
            Status.AWAITING_SUPPLEMENT,
            (_DESK, _SPEC, _LEAD),
        ),
        _t(Verb.RECEIVE_SUPPLEMENT, (Status.AWAITING_SUPPLEMENT,), None, (_DESK, _SPEC)),
        _t(
            Verb.SUBMIT_FOR_DECISION,
            (Status.PROCESSING,),
            Status.AWAITING_DECISION,
            (_SPEC,),
            assignee_only=True,
        ),
        _t(Verb.SEND_BACK, (Status.AWAITING_DECISION,), Status.PROCESSING, (_LEAD,)),
        _t(Verb.APPROVE, (Status.AWAITING_DECISION,), Status.APPROVED, (_LEAD,)),
        _t(Verb.REFUSE, (Status.AWAITING_DECISION,), Status.REFUSED, (_LEAD,)),
        _t(Verb.ISSUE_APOLOGY, OPEN_STATUSES, None, (_DESK, _LEAD)),
        _t(Verb.WITHDRAW, OPEN_STATUSES, Status.WITHDRAWN, (_DESK,)),
        # The applicant's request to stop handling (TT 03/2025 Mẫu 05), taken at the counter (online: stopping.py).
        _t(Verb.STOP, OPEN_STATUSES, Status.STOPPED, (_DESK,)),
        _t(Verb.TRANSFER, (Status.PROCESSING,), Status.TRANSFERRED, (_DESK, _SPEC), interlinked_only=True),
        _t(Verb.RECEIVE_BACK, (Status.TRANSFERRED,), Status.PROCESSING, (_DESK, _SPEC), interlinked_only=True),
        _t(Verb.RETURN_RESULT, _DECIDED, Status.RETURNED, (_DESK,)),
        _t(Verb.PUBLISH_RESULT, (*_DECIDED, Status.RETURNED), None, (_DESK, _LEAD)),
        # A rating is of the handling: only once its result exists (decided, or returned).
        _t(Verb.RECORD_RATING, (*_DECIDED, Status.RETURNED), None, (_DESK,)),
        # A withdrawn or stopped dossier is not digitized; which kind fits which status is checked by the action.
        _t(Verb.ATTACH_FILE, set(Status.values) - {Status.WITHDRAWN, Status.STOPPED}, None, (_DESK, _SPEC)),
        # A paper that needs no scan (TT 03/2025 Điều 5): electronic filing, shown only, secret.
        _t(Verb.EXEMPT_PAPER, set(Status.values) - {Status.WITHDRAWN, Status.STOPPED}, None, (_DESK, _SPEC)),
        # A name or number written wrong at intake is put right at any stage, the history keeping both.
        _t(Verb.CORRECT_APPLICANT, Status.values, None, (_DESK, _LEAD)),
        # Fees (motcua.payments.actions): paid or exempted before the result is handed over, refunded at any time.
        # Online payments are confirmed by the gateway with no actor (motcua.payments.online).
        _t(Verb.RECORD_PAYMENT, set(Status.values) - {Status.RETURNED, Status.WITHDRAWN, Status.STOPPED}, None, (_DESK,)),
        _t(Verb.EXEMPT_FEE, set(Status.values) - {Status.RETURNED, Status.WITHDRAWN, Status.STOPPED}, None, (_DESK, _LEAD)),
        _t(Verb.REFUND_PAYMENT, Status.values, None, (_DESK,)),
    ]
}


def holder_may_act(transition: Transition, user, dossier) -> bool:
    """Tell whether the assignee rule of a transition lets the user act."""
    if not transition.assignee_only:
        return True
    if transition.leader_overrides and user.role == Role.LEADER:
        return True
    # A dossier nobody holds (e.g. loaded from a file) may be taken by anyone in the role.
    return dossier.assignee_id is None or dossier.assignee_id == user.pk


def allowed_actions(user, dossier) -> list[str]:
    """List the verbs the user may perform on the dossier now (status, role, unit, holder)."""
    # Preconditions needing more than the table (an apology's timing, a next
    # step to hand over to, reasons) are checked when the action runs.
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    if not can_act_for(user, dossier.unit):
        return []
    verbs = []
    for transition in TRANSITIONS.values():
        if dossier.status not in transition.sources or user.role not in transition.roles:
            continue
        if transition.interlinked_only and dossier.procedure.mechanism not in INTERLINKED:
            continue
        if holder_may_act(transition, user, dossier):
            verbs.append(transition.verb)
    return verbs
