"""Creating, copying and changing a procedure from the catalog pages, checked as the procedures.jsonl loader checks a line.

The page builds the procedure's exchange line (docs/exchange.md) from what the
administrator typed; `do_save_procedure` checks it with
`motcua.exchange.procedure_checks.check_procedure` — the loader's own checks,
so a bad code, duration, enumeration, paper or step gets the loader's message —
then with the page's further rules (a reduced duration no longer than the legal
one, steps within the committed duration, units in the administrator's subtree
at the procedure's level). Every problem comes back at once
(`ProcedureInvalid.reasons`, each naming its field's path); nothing is saved
while there is one. A save writes its before/after history row in the same
transaction. Dossiers point at a procedure by id, so a changed code keeps them.
"""

from __future__ import annotations

import hashlib
import json

from django.db import transaction
from django.utils.translation import gettext, gettext_noop

from motcua.administration.access import AdminActionError, check_administrator, home_unit, managed_units, record_change
from motcua.administration.models import ProcedureFee
from motcua.administration.procedures import (
    StepRow,
    check_durations,
    check_steps_fit,
    procedure_or_404,
)
from motcua.catalog import components as papers
from motcua.catalog.models import Field, Procedure, ProcedureStep
from motcua.dossiers.models import OPEN_STATUSES, Dossier
from motcua.exchange.procedure_checks import check_procedure, duplicate_code
from motcua.exchange.schema import Reason, at, procedure_object, show
from motcua.units.models import UnitLevel

# The history's actions, stored in Vietnamese and shown in the page's language.
ACTIONS = {"create": gettext_noop("thêm thủ tục"), "copy": gettext_noop("sao chép thủ tục"), "edit": gettext_noop("sửa thủ tục")}
STALE_MESSAGE = gettext_noop("Thủ tục vừa được người khác sửa; tải lại trang để xem bản mới rồi sửa lại.")

# Where the page's own rules put their messages, as paths of the exchange line.
_RULE_PATHS = {
    "legal_duration_value": "legal_duration.value",
    "legal_duration_unit": "legal_duration.unit",
    "reduced_duration_value": "reduced_duration.value",
    "reduced_duration_unit": "reduced_duration.unit",
    "steps": "internal_process.steps",
}


class ProcedureInvalid(AdminActionError):
    """A procedure refused for one or more problems, each a `schema.Reason` naming its field's path."""

    def __init__(self, reasons: list[Reason]):
        # A check that gave plain text names no field: it is shown above the form.
        reasons = [r if isinstance(r, Reason) else Reason(str(r)) for r in reasons]
        super().__init__(str(reasons[0].detail), reasons[0].path or None)
        self.reasons = reasons


def procedure_line(procedure: Procedure) -> dict:
    """Return the procedure as its exchange line (the export's object): what the edit and copy pages start from."""
    from motcua.exchange.exporting import procedure_records

    return procedure_object(next(procedure_records(Procedure.objects.filter(pk=procedure.pk))))


def procedure_fingerprint(procedure: Procedure) -> str:
    """Return a digest of what the edit page shows, to refuse a save based on an outdated page."""
    state = json.dumps(procedure_state(procedure), sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(state.encode()).hexdigest()[:32]


def do_save_procedure(
    actor,
    procedure: Procedure | None,
    line: dict,
    units,
    steps: list[StepRow] | None,
    *,
    fee_text: str | None = None,
    expected_state: str | None = None,
    copied_from: Procedure | None = None,
) -> Procedure:
    """Create (procedure None, maybe `copied_from` another) or change a procedure from its exchange line.

    `line` is the procedure's object as docs/exchange.md writes it, without
    `units` and internal steps: `units` are Unit rows of the actor's subtree
    (others the procedure applies at are kept), `steps` the internal steps in
    order (a kept step keeps its row: open dossiers point at it). An absent
    `components`, `steps` None and `fee_text` None keep what is stored.
    """
    check_administrator(actor)
    if procedure is not None:
        procedure = procedure_or_404(actor, procedure.pk)
    if copied_from is not None:
        copied_from = procedure_or_404(actor, copied_from.pk)
    units = list(units)
    rec, field, level = _checked(actor, procedure, line, units, steps)
    rows = None
    if steps is not None:
        rows = [StepRow(s["name"], s["role"], s["working_hours"], given.step_id) for s, given in zip(rec["steps"], steps)]
    with transaction.atomic():
        if procedure is None:
            procedure, before = Procedure(), {}
        else:
            procedure = Procedure.objects.select_for_update().get(pk=procedure.pk)
            if expected_state is not None and expected_state != procedure_fingerprint(procedure):
                raise AdminActionError(gettext(STALE_MESSAGE))
            before = procedure_state(procedure)
        _apply(procedure, rec, field, level)
        procedure.save()
        # Units outside the actor's subtree are another administrator's to change.
        kept_elsewhere = list(procedure.units.exclude(pk__in=managed_units(actor).values("pk")))
        procedure.units.set(kept_elsewhere + units)
        if fee_text is not None:
            ProcedureFee.objects.update_or_create(procedure=procedure, defaults={"text": fee_text.strip()})
        if rows is not None:
            _replace_steps(procedure, rows)
        after = procedure_state(procedure)
        changed = {k: [before.get(k), after[k]] for k in after if before.get(k) != after[k] and (before or after[k] not in ("", []))}
        if copied_from is not None:
            changed = {"copied_from": copied_from.code} | changed
        action = ACTIONS["edit" if before else ("copy" if copied_from is not None else "create")]
        if changed:
            record_change(actor, home_unit(actor), procedure, action, changed)
    return procedure


def _checked(actor, procedure, line, units, steps) -> tuple[dict, Field | None, UnitLevel | None]:
    """Check the line as the loader does, then by the page's rules; raise ProcedureInvalid with every problem."""
    line = {k: v for k, v in line.items() if k != "units"}
    process = dict(line.get("internal_process") or {})
    if steps is not None:
        process["steps"] = [_step_object(s) for s in steps]
    line["internal_process"] = process
    # The page picks a field of the catalog by its code: the line names it as the catalog does.
    field, unknown_field = _field_of(line)
    if field is not None:
        line["field"] = {"code": field.code, "name": field.name} | ({"kind": field.kind} if field.kind else {})
    levels = {level.code: level for level in UnitLevel.objects.all()}
    rec, reasons = check_procedure(line, list(levels), lambda code: True)
    reasons = list(reasons)
    if unknown_field:
        reasons.append(at("field.code", f"tham chiếu lĩnh vực không có trong hệ thống {show(unknown_field)}"))
    if rec["code"]:
        other = Procedure.objects.filter(code=rec["code"]).exclude(pk=procedure.pk if procedure else None).first()
        if other is not None:
            reasons.append(duplicate_code(rec["code"], f"thủ tục đã có «{other.name}»"))
    level = levels.get(rec["level"])
    if not reasons:
        reasons.extend(_page_rules(rec, procedure))
    reasons.extend(_unit_rules(actor, procedure, units, level))
    if reasons:
        raise ProcedureInvalid(reasons)
    return rec, field, level


def _field_of(line: dict) -> tuple[Field | None, str]:
    """Return the catalog's field the line names by code, or (None, the code naming no field)."""
    given = line.get("field")
    code = given.get("code") if isinstance(given, dict) else None
    if not isinstance(code, str) or not code:
        return None, ""
    field = Field.objects.filter(code=code).first()
    if field is None:
        line["field"] = {"code": code, "name": code}
        return None, code
    return field, ""


def _step_object(step: StepRow) -> dict:
    """Return a step as the line writes it; a time not given is left out, as the file would."""
    obj = {"name": step.name, "role": step.role, "working_hours": step.working_hours}
    return {k: v for k, v in obj.items() if v is not None}


def _page_rules(rec: dict, procedure: Procedure | None) -> list[Reason]:
    """The rules of the page beyond the loader's: durations that compare, steps within the committed one."""
    legal, reduced = rec["legal_duration"], rec["reduced_duration"] or {"value": None, "unit": ""}
    try:
        check_durations(legal["value"], legal["unit"], reduced["value"], reduced["unit"])
        committed = reduced if reduced["unit"] else legal
        if rec["steps"] is not None:
            steps = [StepRow(s["name"], s["role"], s["working_hours"]) for s in rec["steps"]]
        else:
            stored = procedure.steps.all() if procedure is not None else []
            steps = [StepRow(s.name, s.role, s.working_hours) for s in stored]
        check_steps_fit(steps, committed["value"], committed["unit"])
    except AdminActionError as error:
        path = _RULE_PATHS.get(error.field, error.field or "")
        return [Reason(error.message, path, error.message)]
    return []


def _unit_rules(actor, procedure, units, level) -> list[Reason]:
    """Units must lie in the actor's subtree and at the procedure's level; a new procedure names at least one."""
    chosen = {u.pk for u in units}
    if managed_units(actor).filter(pk__in=chosen).count() != len(chosen):
        message = gettext("Có đơn vị không thuộc phạm vi quản lý của bạn.")
        return [Reason(message, "units", message)]
    if level is not None and any(u.level_id != level.pk for u in units):
        message = gettext("Chỉ chọn đơn vị %(level)s (cấp thực hiện của thủ tục).") % {"level": gettext(level.name).lower()}
        return [Reason(message, "units", message)]
    everywhere = actor.is_superuser and actor.unit_id is None
    if procedure is None and not units and not everywhere:
        # No unit = every unit of the country: beyond what one administrator manages.
        message = gettext("Chọn ít nhất một đơn vị áp dụng trong phạm vi của bạn.")
        return [Reason(message, "units", message)]
    return []


def _apply(procedure: Procedure, rec: dict, field: Field, level: UnitLevel) -> None:
    legal, reduced = rec["legal_duration"], rec["reduced_duration"]
    procedure.code, procedure.name, procedure.field, procedure.level = rec["code"], rec["name"].strip(), field, level
    procedure.legal_duration_unit = legal["unit"]
    procedure.legal_duration_value = None if legal["unit"] == "same_day" else legal["value"]
    procedure.reduced_duration_unit = reduced["unit"] if reduced else ""
    procedure.reduced_duration_value = reduced["value"] if reduced and reduced["unit"] != "same_day" else None
    for name in ("mechanism", "online", "online_payment", "boundary_free", "process_approved", "process_electronic"):
        setattr(procedure, name, rec[name])
    procedure.announced_on, procedure.abolished_on = rec["announced_on"], rec["abolished_on"]
    procedure.paper_result = rec["paper_result"]
    if rec["components"] is not None:
        procedure.components = rec["components"]
    if rec.get("data_fields") is not None:
        procedure.data_fields = rec["data_fields"]
    if rec.get("fees") is not None:
        procedure.fees = rec["fees"]


STATE_FIELDS = [
    "code",
    "name",
    "legal_duration_value",
    "legal_duration_unit",
    "reduced_duration_value",
    "reduced_duration_unit",
    "mechanism",
    "online",
    "online_payment",
    "boundary_free",
    "process_approved",
    "process_electronic",
    "paper_result",
]


def procedure_state(procedure: Procedure) -> dict:
    """Return what the history compares of a procedure, as JSON values people read."""
    state = {name: getattr(procedure, name) for name in STATE_FIELDS}
    state["field"] = procedure.field.name
    state["level"] = procedure.level.name
    state["announced_on"] = procedure.announced_on.isoformat() if procedure.announced_on else None
    state["abolished_on"] = procedure.abolished_on.isoformat() if procedure.abolished_on else None
    state["fee"] = ProcedureFee.objects.filter(procedure=procedure).values_list("text", flat=True).first() or ""
    state["units"] = sorted(procedure.units.values_list("code", flat=True))
    # As people read them, so the history shows "Giấy chứng sinh (bản chính, 1)".
    state["components"] = papers.describe(procedure.components or [])
    state["fees"] = [f"{f['name']}: {f['amount']} đồng/{f['per']}" for f in procedure.fees or []]
    state["data_fields"] = [f"{d['label']} ({d['key']}, {d['type']})" for d in procedure.data_fields or []]
    state["steps"] = [
        [s.name, s.role, str(s.working_hours)] for s in ProcedureStep.objects.filter(procedure=procedure).order_by("position")
    ]
    return state


def _replace_steps(procedure: Procedure, steps: list[StepRow]) -> None:
    """Store the steps in the given order, keeping the rows of steps that stay (open dossiers point at them)."""
    existing = {s.pk: s for s in ProcedureStep.objects.filter(procedure=procedure)}
    kept_ids = {s.step_id for s in steps if s.step_id}
    if not kept_ids <= existing.keys():
        raise AdminActionError(gettext("Bước xử lý không thuộc thủ tục này."), "steps")
    removed = [pk for pk in existing if pk not in kept_ids]
    in_use = Dossier.objects.filter(current_step_id__in=removed, status__in=OPEN_STATUSES)
    if removed and in_use.exists():
        step = existing[in_use.values_list("current_step_id", flat=True).first()]
        raise AdminActionError(
            gettext("Không xóa được bước «%(step)s»: còn %(count)s hồ sơ đang ở bước này.")
            % {"step": step.name, "count": in_use.filter(current_step=step).count()},
            "steps",
        )
    ProcedureStep.objects.filter(pk__in=removed).delete()
    # Move the kept rows out of the way first: (procedure, position) is unique.
    offset = 1000 + len(existing) + len(steps)
    for step in existing.values():
        if step.pk in kept_ids:
            ProcedureStep.objects.filter(pk=step.pk).update(position=step.position + offset)
    for position, row in enumerate(steps, 1):
        if row.step_id:
            ProcedureStep.objects.filter(pk=row.step_id).update(
                position=position, name=row.name.strip(), role=row.role, working_hours=row.working_hours
            )
        else:
            ProcedureStep.objects.create(
                procedure=procedure, position=position, name=row.name.strip(), role=row.role, working_hours=row.working_hours
            )
