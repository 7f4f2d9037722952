"""What the report page changes: entered appendix values, section texts and the document's header data.

Each change is one `do_<verb>_<noun>` function, run in a transaction, that
checks the acting user may edit the unit's report and logs who changed what
(logger "motcua.audit"). Values are validated by motcua.reports.manual's
`parse_value` row by row, so every refused field gets its own message, and
then saved through `set_manual_values`, all or nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext

from motcua.accounts.models import Role
from motcua.accounts.scoping import can_act_for
from motcua.lib.periods import Period
from motcua.reports.indicators import INDICATORS, Indicator
from motcua.reports.manual import ManualValueError, parse_value, set_manual_values
from motcua.reports.models import ManualValue, ReportMeta
from motcua.reports.narrative import set_section_text
from motcua.units.models import Unit

audit = logging.getLogger("motcua.audit")

# Roles that write their own unit's report; oversight and administrators may also write those below them.
_OWN_UNIT_EDITORS = {Role.LEADER, Role.SPECIALIST}
_SUBTREE_EDITORS = {Role.OVERSIGHT, Role.ADMINISTRATOR}
# Signing issues the report in the unit's name: its leader, or an administrator.
_SIGNERS = {Role.LEADER, Role.ADMINISTRATOR}


def can_edit_report(user, unit: Unit) -> bool:
    """Tell whether the user may change the entered values and texts of `unit`'s report."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser and user.unit_id is None:
        return True
    if user.role in _OWN_UNIT_EDITORS:
        return user.unit_id == unit.pk
    if user.role in _SUBTREE_EDITORS:
        return can_act_for(user, unit)
    return False


def can_sign_report(user, unit: Unit) -> bool:
    """Tell whether the user may download the report signed with the deployment's certificate."""
    if not can_edit_report(user, unit):
        return False
    return user.is_superuser or user.role in _SIGNERS


def _require_editor(user, unit: Unit) -> None:
    if not can_edit_report(user, unit):
        raise PermissionDenied(gettext("Bạn không có quyền sửa báo cáo của đơn vị này."))


def entered_rows() -> list[Indicator]:
    """Return the appendix rows a unit enters by hand (register rows until their register exists, and manual rows)."""
    return [row for row in INDICATORS if row.has_value and row.entered]


def own_entered_values(unit: Unit, period: Period) -> dict[str, str]:
    """Return the values the unit itself entered for the period, as the form shows them (no rollup)."""
    rows = {row.code: row for row in entered_rows()}
    shown = {}
    for entry in ManualValue.objects.filter(unit=unit, period_start=period.start, period_end=period.end):
        row = rows.get(entry.code)
        if row is None:
            continue
        if row.kind == "text":
            shown[entry.code] = entry.text
        elif row.kind == "percent":
            shown[entry.code] = format(entry.number.normalize(), "f").replace(".", ",")
        else:
            shown[entry.code] = str(int(entry.number))
    return shown


@dataclass
class EntryResult:
    saved: dict
    errors: dict[str, str]

    @property
    def ok(self) -> bool:
        return not self.errors


def do_save_entered_values(user, unit: Unit, period: Period, raw: dict[str, str]) -> EntryResult:
    """Validate every entered value and save them all, or save nothing and return one message per bad field."""
    _require_editor(user, unit)
    rows = {row.code: row for row in entered_rows()}
    errors = {}
    for code, text in raw.items():
        row = rows.get(code)
        if row is None:
            errors[code] = gettext("Chỉ tiêu %(code)s không nhập tay được.") % {"code": code}
            continue
        if text.strip() == "":
            continue
        try:
            parse_value(row, text)
        except ValueError as error:
            errors[code] = _sentence(str(error))
    if errors:
        return EntryResult({}, errors)
    # A blank field with nothing saved behind it changes nothing: it is not sent, so
    # that a row the unit's registers now compute is not refused for being blank.
    own = set(
        ManualValue.objects.filter(unit=unit, period_start=period.start, period_end=period.end).values_list(
            "code", flat=True
        )
    )
    pairs = [f"{code}={text}" for code, text in raw.items() if text.strip() or code in own]
    try:
        with transaction.atomic():
            saved = set_manual_values(unit, period, pairs)
            audit.info("%s lưu %d số liệu nhập tay của %s kỳ %s", user.username, len(saved), unit.code,
                       period.label)
    except ManualValueError as error:
        # Refusals found beyond the row checks above (a register kept for the year):
        # each message starts with its row's code.
        return EntryResult({}, {problem.split(" ", 1)[0]: _sentence(problem) for problem in error.problems})
    return EntryResult(saved, {})


def do_save_section_text(user, unit: Unit, period: Period, key: str, text: str):
    """Save the text that replaces a section's draft; an empty text restores the draft."""
    _require_editor(user, unit)
    with transaction.atomic():
        row = set_section_text(unit, period, key, text, user=user)
        audit.info("%s %s mục %s báo cáo %s kỳ %s", user.username, "sửa" if row else "khôi phục", key,
                   unit.code, period.label)
    return row


def do_restore_section_text(user, unit: Unit, period: Period, key: str) -> None:
    """Drop the unit's text of a section so that the draft from the data shows again."""
    do_save_section_text(user, unit, period, key, "")


META_FIELDS = ("document_number", "issued_on", "place_name", "signer_title", "signer_name", "recipients")


def do_save_report_meta(user, unit: Unit, period: Period, data: dict) -> ReportMeta:
    """Save the report's number, date, place, signer and recipients for the unit and period."""
    _require_editor(user, unit)
    values = {name: data.get(name) for name in META_FIELDS}
    for name in META_FIELDS:
        if name != "issued_on":
            values[name] = (values[name] or "").strip()
    if values["issued_on"] is not None and not isinstance(values["issued_on"], dt.date):
        raise ValueError("issued_on must be a date")
    with transaction.atomic():
        meta, _ = ReportMeta.objects.update_or_create(
            unit=unit, period_start=period.start, period_end=period.end, defaults=values
        )
        audit.info("%s lưu thông tin văn bản báo cáo %s kỳ %s", user.username, unit.code, period.label)
    return meta


def _sentence(message: str) -> str:
    """Turn manual.py's clause ("1.1.1 phải là …") into a sentence for a field's message."""
    message = message.strip()
    return message[:1].upper() + message[1:] + ("" if message.endswith(".") else ".")
