"""Every change of a register: one `do_<verb>_<noun>` function each, in one transaction with its history row.

Each action checks the actor (an editing role, acting for the record's unit),
the expected version on edits, validates the whole record (field rules, date
order, one plan a year …) and appends a RegisterChange with the record's
values before and after. A refused change raises RegisterError and changes
nothing; an import of many rows is all or nothing.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model, ProtectedError
from django.utils import timezone

from motcua.accounts.models import Role
from motcua.accounts.scoping import can_act_for
from motcua.reform.models import ChangeKind, RegisterChange
from motcua.reform.registers import Register, register_of

# Who may change a register: the unit's specialists, leaders and administrators.
EDIT_ROLES = {Role.SPECIALIST, Role.LEADER, Role.ADMINISTRATOR}
STALE_MESSAGE = "Bản ghi đã được người khác thay đổi, vui lòng tải lại trang."


class RegisterError(Exception):
    """A refused change: `errors` maps a field name (or "__all__") to its messages."""

    def __init__(self, errors: dict[str, list[str]]):
        self.errors = errors
        super().__init__("; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items()))


def may_edit(user, unit) -> bool:
    """Tell whether the user may change the registers of `unit`."""
    return unit is not None and can_act_for(user, unit, EDIT_ROLES)


def snapshot(register: Register, record: Model) -> dict:
    """Return the record's register fields as JSON values: dates ISO, parents by natural key."""
    result = {}
    for name in register.fields:
        if name in register.parent:
            parent = getattr(record, name, None)
            result[name] = getattr(parent, register.parent[name][1]) if parent else None
            continue
        value = getattr(record, name)
        result[name] = value.isoformat() if isinstance(value, dt.date) else value
    return result


def _check_actor(user, unit) -> None:
    if not may_edit(user, unit):
        raise RegisterError({"__all__": ["Bạn không có quyền thay đổi sổ của đơn vị này."]})


def _validate(record: Model) -> None:
    try:
        record.full_clean()
    except ValidationError as error:
        raise RegisterError(_messages(error)) from None


def _messages(error: ValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {name: [str(m) for e in errors for m in e.messages] for name, errors in error.error_dict.items()}
    return {"__all__": list(error.messages)}


def _log(register: Register, record: Model, kind: str, user, before, after, at) -> RegisterChange:
    return RegisterChange.objects.create(
        register=register.key, record_id=record.pk, unit=record.unit, kind=kind, user=user, at=at,
        before=before, after=after,
    )


def _assign(record: Model, register: Register, values: dict) -> None:
    for name in register.fields:
        if name in values:
            setattr(record, name, values[name])


def do_create_register_record(user, register: Register, values: dict, unit=None) -> Model:
    """Add a record to a register of `unit` (default: the user's own unit)."""
    unit = unit or user.unit
    _check_actor(user, unit)
    record = register.model(unit=unit)
    _assign(record, register, values)
    _validate(record)
    with transaction.atomic():
        record.save()
        _log(register, record, ChangeKind.CREATE, user, None, snapshot(register, record), timezone.now())
    return record


def _locked_at_version(register, record: Model, version: int) -> Model:
    """Return the record locked for the transaction, if no one changed it since `version`; else RegisterError."""
    current = register.model.objects.select_for_update().get(pk=record.pk)
    if current.version != version:
        raise RegisterError({"__all__": [STALE_MESSAGE]})
    return current


def do_update_register_record(user, record: Model, values: dict, version: int) -> Model:
    """Change a record whose version is still `version`."""
    register = register_of(record)
    _check_actor(user, record.unit)
    with transaction.atomic():
        current = _locked_at_version(register, record, version)
        before = snapshot(register, current)
        _assign(current, register, values)
        _validate(current)
        after = snapshot(register, current)
        if after == before:
            return current
        current.version += 1
        current.save()
        _log(register, current, ChangeKind.UPDATE, user, before, after, timezone.now())
    return current


def do_delete_register_record(user, record: Model, version: int) -> None:
    """Remove a record whose version is still `version`; its history stays."""
    register = register_of(record)
    _check_actor(user, record.unit)
    with transaction.atomic():
        current = _locked_at_version(register, record, version)
        before = snapshot(register, current)
        pk = current.pk
        try:
            current.delete()
        except ProtectedError:  # issues still point at the inspection
            raise RegisterError({"__all__": ["Không xóa được: còn bản ghi khác gắn với bản ghi này."]}) from None
        current.pk = pk
        _log(register, current, ChangeKind.DELETE, user, before, None, timezone.now())


def do_import_register_rows(user, register: Register, rows: list[dict], unit=None) -> list[Model]:
    """Add every row to the register of `unit`, or none: RegisterError maps "row N" to its problems."""
    unit = unit or user.unit
    _check_actor(user, unit)
    records, problems = [], {}
    for number, values in rows:
        record = register.model(unit=unit)
        _assign(record, register, values)
        try:
            record.full_clean()
        except ValidationError as error:
            problems[number] = _messages(error)
        records.append(record)
    if problems:
        raise ImportRowsError(problems)
    at = timezone.now()
    with transaction.atomic():
        for (number, _), record in zip(rows, records):
            # Rows of one file may repeat a unique key (two plans for one year):
            # the earlier row is saved by now, so the later one is refused here.
            try:
                record.validate_constraints()
            except ValidationError as error:
                raise ImportRowsError({number: _messages(error)}) from None
            record.save()
            _log(register, record, ChangeKind.IMPORT, user, None, snapshot(register, record), at)
    return records


class ImportRowsError(RegisterError):
    """Rows of an import were refused: `rows` maps each file row number to {field: messages}."""

    def __init__(self, rows: dict[int, dict[str, list[str]]]):
        self.rows = rows
        flat = {}
        for number, errors in rows.items():
            for name, messages in errors.items():
                flat[f"dòng {number} {name}"] = messages
        super().__init__(flat)
