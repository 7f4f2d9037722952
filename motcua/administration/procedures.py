"""Catalog changes by administrators: a procedure's deadlines, online level, fees, units, papers and steps; fields.

Dossiers store their own due time when they are received (Dossier.due_at), so
a changed duration applies to dossiers received afterwards only.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils.translation import get_language, gettext, gettext_noop

from motcua.administration.access import (
    AdminActionError,
    check_administrator,
    home_unit,
    managed_units,
    manages_shared_data,
    record_change,
)
from motcua.administration.models import ProcedureFee
from motcua.payments.fees import fee_lines_text, validate_fee_lines
from motcua.catalog import components as papers
from motcua.catalog.models import DurationUnit, Field, OnlineLevel, Procedure, ProcedureStep
from motcua.dossiers.models import OPEN_STATUSES, Dossier
from motcua.lib.text import matches_all, search_terms

HOURS_PER_DAY = Decimal(8)


def procedures_for(user):
    """Return the procedures an administrator manages: those applying anywhere in their subtree."""
    procedures = Procedure.objects.select_related("field", "level")
    if user.is_superuser and user.unit_id is None:
        return procedures
    # No units listed = the procedure applies at every unit, this subtree included.
    return procedures.filter(Q(units__isnull=True) | Q(units__in=managed_units(user))).distinct()


def procedure_or_404(user, pk) -> Procedure:
    """Return a procedure the administrator manages, or 404."""
    try:
        return procedures_for(user).get(pk=pk)
    except (Procedure.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy thủ tục.")


def search_procedures(queryset, query: str = "", field_id=None, level_id=None) -> list[Procedure]:
    """Filter procedures by field and level, and by words matched without accents in the code or name."""
    if field_id:
        queryset = queryset.filter(field_id=field_id)
    if level_id:
        queryset = queryset.filter(level_id=level_id)
    terms = search_terms(query)
    rows = list(queryset)
    if not terms:
        return rows
    # The catalog holds hundreds of procedures, not millions: folding in Python is enough.
    return [p for p in rows if matches_all(terms, p.code, p.name)]


def duration_hours(value, unit) -> Decimal | None:
    """Return the working hours a duration holds at most (calendar days: at most one working day each)."""
    if unit == DurationUnit.SAME_DAY:
        return HOURS_PER_DAY
    if value is None or not unit:
        return None
    if unit == DurationUnit.WORKING_HOUR:
        return Decimal(value)
    return Decimal(value) * HOURS_PER_DAY


# A duration in words, in the page's language: one (English says "1 working day") and more.
_ONE = {
    DurationUnit.WORKING_HOUR: gettext_noop("1 giờ làm việc"),
    DurationUnit.WORKING_DAY: gettext_noop("1 ngày làm việc"),
    DurationUnit.CALENDAR_DAY: gettext_noop("1 ngày"),
}
_MANY = {
    DurationUnit.WORKING_HOUR: gettext_noop("%(n)s giờ làm việc"),
    DurationUnit.WORKING_DAY: gettext_noop("%(n)s ngày làm việc"),
    DurationUnit.CALENDAR_DAY: gettext_noop("%(n)s ngày"),
}


def describe_duration(value, unit) -> str:
    """Return a duration as people write it: "3 ngày làm việc", "trong ngày"."""
    if not unit:
        return "—"
    unit = DurationUnit(unit)
    if unit == DurationUnit.SAME_DAY:
        return gettext(unit.label)
    if str(value) == "1":
        return gettext(_ONE[unit])
    return gettext(_MANY[unit]) % {"n": value}


def check_durations(legal_value, legal_unit, reduced_value, reduced_unit) -> None:
    """Refuse a missing legal duration or a reduced duration longer than the legal one."""
    if not legal_unit:
        raise AdminActionError(gettext("Chọn đơn vị của thời hạn theo quy định."), "legal_duration_unit")
    if legal_unit != DurationUnit.SAME_DAY and not legal_value:
        raise AdminActionError(gettext("Nhập thời hạn theo quy định (lớn hơn 0)."), "legal_duration_value")
    if not reduced_unit:
        if reduced_value:
            raise AdminActionError(gettext("Chọn đơn vị của thời hạn cắt giảm."), "reduced_duration_unit")
        return
    if reduced_unit != DurationUnit.SAME_DAY and not reduced_value:
        raise AdminActionError(gettext("Nhập thời hạn cắt giảm (lớn hơn 0) hoặc bỏ trống đơn vị."), "reduced_duration_value")
    calendar = DurationUnit.CALENDAR_DAY
    if (legal_unit == calendar) != (reduced_unit == calendar):
        # N calendar days and M working days cannot be compared without a date.
        raise AdminActionError(
            gettext("Ngày theo lịch và ngày làm việc không so sánh được: chọn cùng đơn vị với thời hạn theo quy định."),
            "reduced_duration_unit",
        )
    if duration_hours(reduced_value, reduced_unit) > duration_hours(legal_value, legal_unit):
        raise AdminActionError(
            gettext("Thời hạn cắt giảm (%(reduced)s) không được dài hơn thời hạn theo quy định (%(legal)s).")
            % {"reduced": describe_duration(reduced_value, reduced_unit), "legal": describe_duration(legal_value, legal_unit)},
            "reduced_duration_value",
        )


@dataclass
class StepRow:
    """One internal step as the administrator entered it."""

    name: str
    role: str
    working_hours: Decimal
    step_id: int | None = None


def check_steps_fit(steps: list[StepRow], committed_value, committed_unit) -> None:
    """Refuse internal steps whose hours add up to more than the committed duration."""
    limit = duration_hours(committed_value, committed_unit)
    total = sum((s.working_hours for s in steps), Decimal(0))
    if limit is not None and total > limit:
        raise AdminActionError(
            gettext(
                "Tổng thời gian các bước là %(total)s giờ làm việc, vượt thời hạn cam kết %(committed)s (%(limit)s giờ làm việc)."
            )
            % {"total": _hours(total), "committed": describe_duration(committed_value, committed_unit), "limit": _hours(limit)},
            "steps",
        )


def _hours(value: Decimal) -> str:
    """Return a number of hours with the page language's decimal mark: "1,5" (Vietnamese), "1.5" (English)."""
    text = f"{value.normalize():f}"
    return text if (get_language() or "").startswith("en") else text.replace(".", ",")


PROCEDURE_FIELDS = [
    "legal_duration_value",
    "legal_duration_unit",
    "reduced_duration_value",
    "reduced_duration_unit",
    "online",
]


def check_papers(rows: list[dict]) -> list[dict]:
    """Return the papers a procedure requires, cleaned; refuse a bad or repeated one with its number."""
    if len(rows) > papers.COUNT_MAX:
        raise AdminActionError(gettext("Một thủ tục có tối đa %(count)s giấy tờ.") % {"count": papers.COUNT_MAX}, "components")
    cleaned, seen = [], {}
    for n, row in enumerate(rows, 1):
        name, form, quantity = row.get("name"), row.get("form") or "original", row.get("quantity", 1)
        _part, reason = papers.check_component(name, form, quantity)
        if reason:
            raise AdminActionError(gettext("Giấy tờ thứ %(n)s: %(reason)s.") % {"n": n, "reason": reason}, "components")
        name = " ".join(name.split())
        first = seen.setdefault(papers.name_key(name), n)
        if first != n:
            raise AdminActionError(
                gettext("Giấy tờ thứ %(n)s «%(name)s» trùng với giấy tờ thứ %(first)s.") % {"n": n, "name": name, "first": first},
                "components",
            )
        cleaned.append({"name": name, "form": form, "quantity": quantity})
    return cleaned


STALE_MESSAGE = gettext_noop("Thủ tục vừa được người khác sửa; tải lại trang để xem bản mới rồi sửa lại.")


def procedure_fingerprint(procedure: Procedure) -> str:
    """Return a digest of what the edit page shows, to refuse a save based on an outdated page."""
    state = json.dumps(_procedure_state(procedure), sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(state.encode()).hexdigest()[:32]


def do_update_procedure(
    actor,
    procedure: Procedure,
    values: dict,
    units,
    fee_text: str,
    steps: list[StepRow],
    *,
    components: list[dict] | None = None,
    fees: list[dict] | None = None,
    expected_state: str | None = None,
) -> Procedure:
    """Change a procedure's deadlines, online level, fees, units in the actor's subtree, papers and internal steps.

    `components` is the papers list in order ({"name", "form", "quantity"}); None keeps the stored one.
    `fees` is the fee lines ({"name", "amount", "per"}, motcua.payments.fees.validate_fee_lines); None keeps them.
    `fee_text` is a free note on the fees (kept as ProcedureFee).
    """
    check_administrator(actor)
    procedure = procedure_or_404(actor, procedure.pk)
    if values.get("online") not in OnlineLevel.values:
        raise AdminActionError(gettext("Mức độ trực tuyến không hợp lệ."), "online")
    check_durations(
        values.get("legal_duration_value"),
        values.get("legal_duration_unit"),
        values.get("reduced_duration_value"),
        values.get("reduced_duration_unit"),
    )
    if values.get("legal_duration_unit") == DurationUnit.SAME_DAY:
        values["legal_duration_value"] = None
    if values.get("reduced_duration_unit") == DurationUnit.SAME_DAY or not values.get("reduced_duration_unit"):
        values["reduced_duration_value"] = None
    mine = managed_units(actor)
    units = list(units)
    chosen_ids = {u.pk for u in units}
    if mine.filter(pk__in=chosen_ids).count() != len(chosen_ids):
        raise AdminActionError(gettext("Có đơn vị không thuộc phạm vi quản lý của bạn."), "units")
    if any(u.level_id != procedure.level_id for u in units):
        raise AdminActionError(
            gettext("Chỉ chọn đơn vị %(level)s (cấp thực hiện của thủ tục).") % {"level": gettext(procedure.level.name).lower()},
            "units",
        )
    if any(not s.name.strip() for s in steps):
        raise AdminActionError(gettext("Mỗi bước cần có tên."), "steps")
    if any(s.working_hours <= 0 for s in steps):
        raise AdminActionError(gettext("Thời gian mỗi bước phải lớn hơn 0 giờ."), "steps")
    if components is not None:
        components = check_papers(components)
    if fees is not None:
        fees, problems = validate_fee_lines(fees)
        if problems:
            raise AdminActionError("; ".join(problems).capitalize() + ".", "fee_lines")

    with transaction.atomic():
        procedure = Procedure.objects.select_for_update().get(pk=procedure.pk)
        if expected_state is not None and expected_state != procedure_fingerprint(procedure):
            raise AdminActionError(gettext(STALE_MESSAGE))
        before = _procedure_state(procedure)
        for name in PROCEDURE_FIELDS:
            setattr(procedure, name, values.get(name))
        if procedure.reduced_duration_unit is None:
            procedure.reduced_duration_unit = ""
        check_steps_fit(steps, *procedure.committed_duration)
        saved_fields = list(PROCEDURE_FIELDS)
        if components is not None:
            procedure.components = components
            saved_fields.append("components")
        if fees is not None:
            procedure.fees = fees
            saved_fields.append("fees")
        procedure.save(update_fields=saved_fields)
        # Units outside the actor's subtree are another administrator's to change.
        kept_elsewhere = list(procedure.units.exclude(pk__in=mine.values("pk")))
        procedure.units.set(kept_elsewhere + units)
        ProcedureFee.objects.update_or_create(procedure=procedure, defaults={"text": fee_text.strip()})
        _replace_steps(procedure, steps)
        after = _procedure_state(procedure)
        changed = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
        if changed:
            record_change(actor, home_unit(actor), procedure, "sửa thủ tục", changed)
    return procedure


def _procedure_state(procedure: Procedure) -> dict:
    fee = ProcedureFee.objects.filter(procedure=procedure).values_list("text", flat=True).first() or ""
    state = {name: getattr(procedure, name) for name in PROCEDURE_FIELDS}
    state["fee"] = fee
    state["fees"] = fee_lines_text(procedure.fees) if procedure.fees is not None else None
    state["units"] = sorted(procedure.units.values_list("code", flat=True))
    # As people read them, so the history shows "Giấy chứng sinh (bản chính, 1)".
    state["components"] = papers.describe(procedure.components or [])
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


def do_save_field(actor, field: Field | None, code: str, name: str, kind: str) -> Field:
    """Create or rename a field of procedures (shared by every unit: province administrators only)."""
    check_administrator(actor)
    if not manages_shared_data(actor):
        raise AdminActionError(gettext("Chỉ quản trị viên cấp tỉnh được sửa danh mục lĩnh vực."))
    if not name.strip():
        raise AdminActionError(gettext("Nhập tên lĩnh vực."), "name")
    with transaction.atomic():
        if field is None:
            if Field.objects.filter(code=code).exists():
                raise AdminActionError(gettext("Mã lĩnh vực «%(code)s» đã có.") % {"code": code}, "code")
            field = Field.objects.create(code=code, name=name.strip(), kind=kind)
            record_change(actor, home_unit(actor), field, "thêm lĩnh vực", {"code": code, "name": field.name, "kind": kind})
        else:
            field = Field.objects.select_for_update().get(pk=field.pk)
            before = {"name": field.name, "kind": field.kind}
            field.name, field.kind = name.strip(), kind
            field.save(update_fields=["name", "kind"])
            after = {"name": field.name, "kind": field.kind}
            changed = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
            if changed:
                record_change(actor, home_unit(actor), field, "sửa lĩnh vực", changed)
    return field
