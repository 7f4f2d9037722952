"""How dates, names and durations are written on the forms."""

from __future__ import annotations

import datetime as dt

from motcua.catalog.models import DurationUnit
from motcua.dossiers.timeliness import EARLY, LATE, LOCAL_TZ, ON_TIME

# Level words that precede a unit's proper name, longest first ("Thành phố" before "Thị").
_LEVEL_WORDS = ("Thành phố", "Thị trấn", "Thị xã", "Đặc khu", "Phường", "Huyện", "Quận", "Tỉnh", "Xã")

TIMELINESS_LABELS = {EARLY: "Trước hạn", ON_TIME: "Đúng hạn", LATE: "Quá hạn"}


def local(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(LOCAL_TZ)


def date_text(moment: dt.datetime | dt.date | None) -> str:
    """Return dd/mm/yyyy on the Việt Nam calendar, or '' for None."""
    if moment is None:
        return ""
    if isinstance(moment, dt.datetime):
        moment = local(moment).date()
    return f"{moment:%d/%m/%Y}"


def datetime_text(moment: dt.datetime | None) -> str:
    """Return 'HH:MM dd/mm/yyyy' local, or ''."""
    return f"{local(moment):%H:%M %d/%m/%Y}" if moment else ""


def clock_text(moment: dt.datetime | None) -> str:
    """Return the forms' '09 giờ 00 phút, ngày 05/06/2023'."""
    if moment is None:
        return ""
    t = local(moment)
    return f"{t:%H} giờ {t:%M} phút, ngày {t:%d/%m/%Y}"


def place_name(unit) -> str:
    """Return the unit's proper name without its level word: 'Xã Hoằng Lưu' → 'Hoằng Lưu'."""
    name = unit.name.strip()
    for word in _LEVEL_WORDS:
        if name.lower().startswith(word.lower() + " "):
            return name[len(word) + 1 :].strip()
    return name


def in_sentence(name: str) -> str:
    """Return a unit name as written inside a sentence: 'Xã Hoằng Lưu' → 'xã Hoằng Lưu'."""
    return name[:1].lower() + name[1:] if name else name


def place_date(unit, moment: dt.datetime | dt.date) -> str:
    """Return the italic place-and-date line: 'Hoằng Lưu, ngày 05 tháng 6 năm 2023'."""
    day = local(moment).date() if isinstance(moment, dt.datetime) else moment
    # Nghị định 30/2020, Phụ lục I: days below 10 and the months 1 and 2 take a leading zero.
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place_name(unit)}, ngày {day.day:02d} tháng {month} năm {day.year}"


def person(user) -> str:
    """Return a user's full name in Vietnamese order (họ, đệm, tên), or the login name."""
    if user is None:
        return ""
    return user.get_full_name() or user.username


def duration_text(value, unit: str) -> str:
    """Return '3 ngày làm việc', 'Trong ngày' … for a catalog duration."""
    if unit == DurationUnit.SAME_DAY:
        return "Trong ngày"
    if not unit:
        return ""
    label = DurationUnit(unit).label
    return f"{value} {label}" if value is not None else label


def lines(text: str) -> list[str]:
    """Split a free-text list (one item per line) into its non-empty items."""
    return [line.strip(" -•\t") for line in (text or "").splitlines() if line.strip(" -•\t")]
