"""Dossier codes `{agency_id}-{yymmdd}-{seq:04d}`: one gap-free sequence per unit per local day."""

from __future__ import annotations

import datetime as dt
import re

from django.db import IntegrityError, transaction
from django.utils import timezone

from motcua.dossiers.error_codes import DossierActionError, DossierErrorCode
from motcua.dossiers.models import DailySequence, Dossier
from motcua.dossiers.timeliness import LOCAL_TZ

# A concurrent first intake of the day can win the insert of the sequence row;
# the loser re-reads it. More attempts than that mean something else is wrong.
_CREATE_ATTEMPTS = 3


def local_day(t: dt.datetime) -> dt.date:
    """Return the Việt Nam calendar date of an instant."""
    if timezone.is_naive(t):
        raise ValueError(f"{t.isoformat()} has no time zone; pass an aware datetime")
    return t.astimezone(LOCAL_TZ).date()


def code_prefix(unit, day: dt.date) -> str:
    return f"{unit.agency_id}-{day:%y%m%d}-"


def format_code(unit, day: dt.date, seq: int) -> str:
    return f"{code_prefix(unit, day)}{seq:04d}"


def issue_dossier_code(unit, received_at: dt.datetime) -> str:
    """Issue the next dossier code of a unit for the local day of `received_at`."""
    # Inside the caller's transaction: the sequence row stays locked until it
    # commits, so concurrent intakes queue behind it, and a rolled-back intake
    # gives its number back — no gaps, no duplicates.
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("issue_dossier_code must run inside transaction.atomic()")
    if not unit.agency_id:
        raise DossierActionError(
            DossierErrorCode.UNIT_WITHOUT_AGENCY_ID,
            f"đơn vị {unit.name} chưa có mã định danh cơ quan nên không cấp được mã hồ sơ",
        )
    day = local_day(received_at)
    sequence = _locked_sequence(unit, day)
    # Dossiers loaded from an exchange file (or entered before the sequence
    # existed) may already hold numbers of that day: never issue one of those.
    sequence.last = max(sequence.last, _max_existing_seq(unit, day)) + 1
    sequence.save(update_fields=["last"])
    return format_code(unit, day, sequence.last)


def _locked_sequence(unit, day: dt.date) -> DailySequence:
    for _ in range(_CREATE_ATTEMPTS):
        row = DailySequence.objects.select_for_update().filter(unit=unit, day=day).first()
        if row is not None:
            return row
        try:
            # A savepoint: losing the insert race must not abort the caller's transaction.
            with transaction.atomic():
                return DailySequence.objects.create(unit=unit, day=day, last=0)
        except IntegrityError:
            # Another intake created the row first and has committed; lock it on the next pass.
            continue
    raise RuntimeError(f"could not obtain the dossier sequence of unit {unit.pk} for {day}")


def _max_existing_seq(unit, day: dt.date) -> int:
    prefix = code_prefix(unit, day)
    pattern = re.compile(re.escape(prefix) + r"(\d+)$")
    best = 0
    # Numbers are compared as integers: past 9999 the text order breaks.
    for code in Dossier.objects.filter(code__startswith=prefix).values_list("code", flat=True):
        match = pattern.match(code)
        if match:
            best = max(best, int(match.group(1)))
    return best
