"""The step trail of a dossier — which internal step it is at, and each step's start, end, actor and timeliness — read from its events.

One source for the dossier page, Mẫu 06 (phiếu kiểm soát) and the API: the
trail follows the history, never a field an action may have left behind.

How events move along the procedure's steps (ordered by position):
- receive: the first step starts at the desk, received by the officer who took
  the dossier in; nobody holds it yet ("chưa phân công") until it is assigned;
- assign: the desk's step ends (by whoever assigned) and the next
  specialist's step starts, held by the assignee; re-assigning at that step
  changes only who holds it;
- start_processing: the holder is whoever started;
- hand_over: the step ends and the step named in the event starts (a
  hand-over into the step an assignment already started only changes who holds it);
- submit_for_decision: the step ends and the next leader's step starts;
- send_back: the leader's step is undone and the step before it runs again,
  held by the person the dossier was sent back to;
- request_supplement / receive_supplement, transfer / receive_back: the
  step is paused; the waiting time is not the step's; whoever takes the dossier
  back holds the step only if the step is of their role (a desk officer taking
  back an interlinked dossier does not take the specialist's step);
- approve / refuse: the leader's step ends; a step after it (e.g. "Trả kết
  quả") starts, with the desk;
- return_result: the step that returns the result ends; nothing is current;
- withdraw / stop: the step in progress stops, the later ones will not be done.
Other events (apology, publication, rating, files, calendar) leave the trail as is.

The actions keep `Dossier.current_step` and `Dossier.assignee` where this walk
puts them (`position_after`, called by motcua.dossiers.actions._finish), so
the worklists and figures that filter on those fields read the same trail.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from motcua.accounts.models import Role
from motcua.dossiers.events import Verb
from motcua.dossiers.timeliness import classify
from motcua.workdays.service import calendar_for_unit

DONE, CURRENT, PAUSED, PENDING, STOPPED, SKIPPED = "done", "current", "paused", "pending", "stopped", "skipped"


@dataclass
class TrailStep:
    step: object  # catalog.ProcedureStep
    state: str = PENDING
    started_at: dt.datetime | None = None
    ended_at: dt.datetime | None = None
    # Who holds the step now (current/paused) or who finished it (done/stopped): a user id.
    holder_id: int | None = None
    actor_id: int | None = None
    # While paused at another agency (transfer): its name.
    away_at: str = ""
    spent: dt.timedelta = dt.timedelta(0)
    # The working time the step may take and how it ended against it.
    timeliness: str = ""
    _since: dt.datetime | None = field(default=None, repr=False)


@dataclass
class Trail:
    steps: list[TrailStep]
    current: TrailStep | None
    # The person handling the dossier now (None: nobody in particular, e.g. the leaders, or finished).
    holder_id: int | None


def dossier_trail(dossier, events=None, steps=None) -> Trail:
    """Return the dossier's trail from its events (read if not given, oldest first) and its procedure's steps."""
    if steps is None:
        steps = list(dossier.procedure.steps.order_by("position"))
    if events is None:
        events = list(dossier.events.select_related("actor").order_by("at", "id"))
    return _Walk(dossier, steps).run(events)


class _Walk:
    def __init__(self, dossier, steps):
        self.calendar = calendar_for_unit(dossier.unit)
        self.rows = [TrailStep(step) for step in steps]
        self.index = {row.step.pk: n for n, row in enumerate(self.rows)}
        self.cur: int | None = None
        self.holder: int | None = None
        self.loaded_step, self.loaded_at = dossier.current_step_id, dossier.received_at
        self.assignee, self.loaded_assignee = None, dossier.assignee_id
        self.ended = False

    # ---------------------------------------------------------------- moves

    def visit(self, n: int | None, at, holder):
        self.cur = n
        self.holder = holder
        if n is None:
            return
        row = self.rows[n]
        row.state, row.holder_id, row.ended_at, row.actor_id, row._since = CURRENT, holder, None, None, at
        row.started_at = row.started_at or at

    def close(self, at, actor, state=DONE):
        if self.cur is None:
            return
        row = self.rows[self.cur]
        self._count(row, at)
        row.state, row.ended_at, row.actor_id, row.holder_id = state, at, actor, actor
        if state == DONE:
            excluded = self.calendar.working_time_between(row.started_at, at) - row.spent
            allowed = dt.timedelta(hours=float(row.step.working_hours))
            row.timeliness = classify(at, self.calendar.due(row.started_at, allowed + max(excluded, dt.timedelta(0))))

    def pause(self, at, away=""):
        if self.cur is not None:
            row = self.rows[self.cur]
            self._count(row, at)
            row.state, row.away_at = PAUSED, away

    def resume(self, at, holder=None):
        if holder is not None:
            self.holder = holder
        if self.cur is not None:
            row = self.rows[self.cur]
            row.state, row._since, row.away_at = CURRENT, at, ""
            if holder is not None:
                row.holder_id = holder

    def _count(self, row, at):
        if row._since is not None and row.state == CURRENT:
            row.spent += self.calendar.working_time_between(row._since, at)
        row._since = None

    def following(self, role=None) -> int | None:
        """The next step after the current one (of a role, if some later step has it)."""
        start = -1 if self.cur is None else self.cur
        later = range(start + 1, len(self.rows))
        if role is not None:
            for n in later:
                if self.rows[n].step.role == role:
                    return n
        return later[0] if later else None

    # ---------------------------------------------------------------- events

    def run(self, events) -> Trail:
        if self.loaded_at is not None and not any(e.verb == Verb.RECEIVE for e in events):
            # Loaded from a file, no receipt in the history: start where the record said it was when
            # loaded — the fields as the first event that moved them found them, else as they are.
            step, assignee = self.loaded_step, self.loaded_assignee
            for key in ("current_step", "assignee"):
                for event in events:
                    before = (event.data or {}).get("before") or {} if isinstance(event.data, dict) else {}
                    if key in before:
                        step, assignee = (before[key], assignee) if key == "current_step" else (step, before[key])
                        break
            self.assignee = assignee
            self.visit(self.index.get(step), self.loaded_at, self.assignee)
        for event in events:
            handler = getattr(self, f"on_{event.verb}", None)
            data = event.data if isinstance(event.data, dict) else {}
            after = data.get("after") or {}
            if "assignee" in after:
                self.assignee = after["assignee"]
            if handler is not None:
                handler(event, after)
        current = self.rows[self.cur] if self.cur is not None else None
        # A procedure without internal steps has no current step, but still someone holding the dossier.
        holding = current is not None or (not self.rows and not self.ended)
        return Trail(self.rows, current, self.holder if holding else None)

    def on_receive(self, event, after):
        first = self.index.get(after.get("current_step"), 0 if self.rows else None)
        # With the desk, not yet with anyone in particular: the officer who received it is its actor.
        self.visit(first, event.at, None)
        if first is not None:
            self.rows[first].actor_id = event.actor_id

    def on_assign(self, event, after):
        at_desk = self.cur is None or self.rows[self.cur].step.role not in (Role.SPECIALIST,)
        if at_desk and self.rows:
            self.close(event.at, event.actor_id)
            self.visit(self.following(Role.SPECIALIST), event.at, self.assignee)
        else:
            self.holder = self.assignee
            if self.cur is not None:
                self.rows[self.cur].holder_id = self.assignee

    def on_start_processing(self, event, after):
        self.holder = event.actor_id
        if self.cur is not None:
            self.rows[self.cur].holder_id = event.actor_id

    def on_hand_over(self, event, after):
        # No step in the diff: the hand-over left the dossier at its step (to a colleague of the same role).
        target = self.index.get(after["current_step"]) if "current_step" in after else self.cur
        if target is not None and target == self.cur:
            # Handed to a colleague for the step the assignment already started: the step goes on, in other hands.
            self.holder = self.rows[self.cur].holder_id = self.assignee
            return
        self.close(event.at, event.actor_id)
        self.visit(target if target is not None else self.following(), event.at, self.assignee)

    def on_submit_for_decision(self, event, after):
        self.close(event.at, event.actor_id)
        self.visit(self.following(Role.LEADER), event.at, None)

    def on_send_back(self, event, after):
        if self.cur is not None and self.rows[self.cur].step.role == Role.LEADER:
            # Not done after all: the leader's step waits for the next submission.
            row = self.rows[self.cur]
            self._count(row, event.at)
            row.state, row.holder_id = PENDING, None
            back = self.index.get(after.get("current_step"))
            if back is None:
                back = max((n for n in range(self.cur) if self.rows[n].step.role != Role.LEADER), default=self.cur)
            self.cur = back
        self.visit(self.cur, event.at, self.assignee)

    def on_request_supplement(self, event, after):
        self.pause(event.at)

    def on_receive_supplement(self, event, after):
        self.resume(event.at)

    def on_transfer(self, event, after):
        self.pause(event.at, away=(event.data or {}).get("to_agency", ""))

    def on_receive_back(self, event, after):
        step_role = self.rows[self.cur].step.role if self.cur is not None else None
        actor = event.actor
        takes_it = actor is not None and (step_role is None or actor.role == step_role)
        self.resume(event.at, event.actor_id if takes_it else None)

    def on_approve(self, event, after):
        self.close(event.at, event.actor_id)
        self.visit(self.following(), event.at, None)

    on_refuse = on_approve

    def on_return_result(self, event, after):
        self.close(event.at, event.actor_id)
        self.cur, self.holder, self.ended = None, None, True

    def on_withdraw(self, event, after):
        self.close(event.at, event.actor_id, state=STOPPED)
        for row in self.rows:
            if row.state == PENDING:
                row.state = SKIPPED
        self.cur, self.holder, self.ended = None, None, True

    on_stop = on_withdraw


def position_after(dossier, verb: str, actor, at, before: dict, after: dict) -> tuple[object | None, int | None]:
    """Return (current step, holder id) once an event of `verb` with this before/after diff joins the dossier's history.

    The acting action calls it before it records the event, so the dossier's
    fields and its trail cannot part.
    """
    # Imported here: models.py imports this package's events module.
    from motcua.dossiers.models import DossierEvent

    events = list(dossier.events.select_related("actor").order_by("at", "id"))
    pending = DossierEvent(dossier=dossier, actor=actor, verb=verb, at=at, data={"before": before, "after": after})
    trail = dossier_trail(dossier, [*events, pending])
    return (trail.current.step if trail.current is not None else None), trail.holder_id
