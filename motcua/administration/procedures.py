"""The catalog as administrators see it: their procedures, durations in words, the page's duration rules; fields.

Creating and changing a procedure: motcua/administration/procedure_saving.py.

Dossiers store their own due time when they are received (Dossier.due_at), so
a changed duration applies to dossiers received afterwards only.
"""

from __future__ import annotations

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
from motcua.catalog.models import DurationUnit, Field, Procedure
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
