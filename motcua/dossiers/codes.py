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
    # Dossiers loaded from an exchange file (or entered before the sequence
    # existed) may already hold numbers of that day: never issue one of those.
    # The exchange loader raises `last` past the numbers it loads, so the full
    # scan of the day's codes is needed only when the row is new; otherwise one
    # indexed look-up catches numbers written around the sequence (direct inserts).
    for _ in range(_CREATE_ATTEMPTS):
        # Take the next number and the row lock in one statement.
        seq = _bump(unit, day)
        if seq is not None:
            if _taken_from(unit, day, seq):
                seq = max(seq, _max_existing_seq(unit, day) + 1)
                DailySequence.objects.filter(unit=unit, day=day).update(last=seq)
            return format_code(unit, day, seq)
        try:
            # A savepoint: losing the insert race must not abort the caller's transaction.
            with transaction.atomic():
                seq = _max_existing_seq(unit, day) + 1
                DailySequence.objects.create(unit=unit, day=day, last=seq)
            return format_code(unit, day, seq)
        except IntegrityError:
            # Another intake created the row first and has committed; lock it on the next pass.
            continue
    raise RuntimeError(f"could not obtain the dossier sequence of unit {unit.pk} for {day}")


def _bump(unit, day: dt.date) -> int | None:
    """Add one to the unit's sequence of the day, locking its row; return the new number (None: no row yet)."""
    connection = transaction.get_connection()
    qn = connection.ops.quote_name
    meta = DailySequence._meta
    table = qn(meta.db_table)
    last, unit_col, day_col = (qn(meta.get_field(f).column) for f in ("last", "unit", "day"))
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {last} = {last} + 1 WHERE {unit_col} = %s AND {day_col} = %s RETURNING {last}",
            [unit.pk, connection.ops.adapt_datefield_value(day)],
        )
        row = cursor.fetchone()
    return None if row is None else row[0]


def _taken_from(unit, day: dt.date, seq: int) -> bool:
    """Tell whether a code of the day holds a number from `seq` up, of `seq`'s width (one index range look-up)."""
    # Digit strings of equal length after the same prefix sort as their
    # numbers, so this is a tight range on the unique index of `code`. A row
    # that slips into the range otherwise (another collation) only costs the
    # full scan. Not covered: a wider number (e.g. 10000 while at 0042) written
    # straight into the table after the day's sequence started — the exchange
    # loader raises the sequence itself, and intakes never skip widths.
    prefix = code_prefix(unit, day)
    candidate = format_code(unit, day, seq)
    top = prefix + "9" * (len(candidate) - len(prefix))
    return Dossier.objects.filter(code__gte=candidate, code__lte=top).exists()


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
