"""Calendar changes by administrators: declared days off and make-up days, office hours; month view and due preview.

Declared days apply to a whole province (or the nation): they are what the
Chairman of the province or the Prime Minister declares. Office hours belong
to a unit and its units below that declare none.
"""

from __future__ import annotations

import calendar as pycalendar
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import holidays
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language, gettext, gettext_lazy as _

from motcua.administration.access import AdminActionError, check_administrator, managed_provinces, manages, record_change
from motcua.administration.procedures import describe_duration
from motcua.catalog.models import DurationUnit
from motcua.dossiers import deadlines
from motcua.workdays.calendar import LOCAL_TZ
from motcua.workdays.models import DayKind, DeclaredDay, WorkSchedule
from motcua.workdays.service import calendar_for_unit, clear_cache, due_for_unit, exceptional_days

WEEKDAYS = [_("Thứ Hai"), _("Thứ Ba"), _("Thứ Tư"), _("Thứ Năm"), _("Thứ Sáu"), _("Thứ Bảy"), _("Chủ Nhật")]
MONTHS = [
    _("Tháng 1"), _("Tháng 2"), _("Tháng 3"), _("Tháng 4"), _("Tháng 5"), _("Tháng 6"),
    _("Tháng 7"), _("Tháng 8"), _("Tháng 9"), _("Tháng 10"), _("Tháng 11"), _("Tháng 12"),
]


def weekday_name(day: dt.date) -> str:
    return str(WEEKDAYS[day.weekday()])


@lru_cache(maxsize=32)
def _national_holidays(year: int) -> dict[dt.date, str]:
    vn = holidays.country_holidays("VN", years=[year], language="vi")
    return dict(vn.items())


@lru_cache(maxsize=32)
def _english_holidays(year: int) -> dict[tuple[dt.date, str], str]:
    """Map (date, Vietnamese name) of the public holidays to their English names."""
    english = holidays.country_holidays("VN", years=[year], language="en_US")
    return {(day, name): english[day] for day, name in _national_holidays(year).items() if day in english}


def _shown_name(day: dt.date, name: str) -> str:
    """Return a day's name in the page's language: holidays by the holidays package, declared days by the catalog."""
    if not name or not (get_language() or "").startswith("en"):
        return name
    return _english_holidays(day.year).get((day, name)) or gettext(name)


def holiday_name(day: dt.date) -> str | None:
    """Return the name of the public holiday (or day off in lieu) on a date, if any."""
    return _national_holidays(day.year).get(day)


def declared_days_for(user, year: int | None = None):
    """Return the declared days an administrator reads: the national ones and their province's."""
    rows = DeclaredDay.objects.select_related("province")
    if user.unit_id:
        # An administrator anywhere in a province reads that province's days and the national ones.
        province_code = user.unit.path.split("/", 1)[0]
        rows = rows.filter(Q(province__isnull=True) | Q(province__uid=province_code))
    if year:
        rows = rows.filter(date__year=year)
    return rows.order_by("date")


def do_declare_day(actor, province, day: dt.date, kind: str, note: str) -> DeclaredDay:
    """Declare a day off or a make-up working day for a province (None = nationwide, superusers only).

    The open dossiers whose remaining time crosses the day move with it
    (motcua.dossiers.deadlines); `declared.moved` says how many.
    """
    check_administrator(actor)
    if province is None:
        if not actor.is_superuser:
            raise AdminActionError(gettext("Chỉ quản trị hệ thống được khai báo ngày áp dụng toàn quốc."), "province")
    elif not managed_provinces(actor).filter(pk=province.pk).exists():
        raise AdminActionError(gettext("Bạn không quản lý tỉnh này."), "province")
    return declare_day(province, day, kind, note, actor=actor)


def declare_day(province, day: dt.date, kind: str, note: str, *, actor=None) -> DeclaredDay:
    """Declare a day for a province, with no permission check (the CLI; the page checks first)."""
    if kind not in DayKind.values:
        raise AdminActionError(gettext("Chọn loại ngày."), "kind")
    note = (note or "").strip()
    weekend = day.weekday() >= 5
    existing = DeclaredDay.objects.filter(date=day, province=province).first()
    if existing:
        raise AdminActionError(
            gettext("Ngày %(date)s đã được khai báo (%(kind)s).")
            % {"date": f"{day:%d/%m/%Y}", "kind": gettext(existing.get_kind_display()).lower()},
            "date",
        )
    # What the day is before this declaration: national holidays and make-up days, national declarations.
    before = calendar_for_unit(province) if province else None
    worked_before = before.is_working_day(day) if before else (not weekend and holiday_name(day) is None)
    if kind == DayKind.WORKING_DAY:
        if not weekend:
            raise AdminActionError(
                gettext("Ngày làm bù phải là Thứ Bảy hoặc Chủ Nhật; %(date)s là %(weekday)s.")
                % {"date": f"{day:%d/%m/%Y}", "weekday": weekday_name(day)},
                "date",
            )
        if worked_before:
            raise AdminActionError(
                gettext("%(weekday)s %(date)s đã là ngày làm bù.") % {"weekday": weekday_name(day), "date": f"{day:%d/%m/%Y}"},
                "date",
            )
    else:
        name = holiday_name(day)
        if name and not worked_before:
            raise AdminActionError(
                gettext("Ngày %(date)s đã là ngày nghỉ lễ: %(name)s.") % {"date": f"{day:%d/%m/%Y}", "name": _shown_name(day, name)},
                "date",
            )
        if not worked_before:
            raise AdminActionError(
                gettext("Ngày %(date)s (%(weekday)s) vốn đã là ngày nghỉ.") % {"date": f"{day:%d/%m/%Y}", "weekday": weekday_name(day)},
                "date",
            )
    action = "khai báo ngày nghỉ" if kind == DayKind.DAY_OFF else "khai báo ngày làm bù"
    with transaction.atomic():
        measured = deadlines.measure(province, day)
        try:
            with transaction.atomic():
                declared = DeclaredDay.objects.create(province=province, date=day, kind=kind, note=note)
        except IntegrityError:
            # Another administrator declared the same date meanwhile.
            raise AdminActionError(
                gettext("Ngày %(date)s vừa được khai báo; tải lại trang để xem.") % {"date": f"{day:%d/%m/%Y}"}, "date"
            )
        declared.moved = _move_dossiers(measured, actor, f"{action} {day:%d/%m/%Y}" + (f": {note}" if note else ""))
        # The change history names a person; from the console the dossiers' events carry the change.
        _record_change(
            actor,
            province,
            declared,
            action,
            {
                "date": day.isoformat(),
                "kind": kind,
                "note": note,
                "province": province.code if province else None,
                "dossiers_moved": declared.moved,
            },
        )
    clear_cache()
    return declared


def do_remove_declared_day(actor, declared: DeclaredDay) -> int:
    """Remove a declared day of a province the administrator manages; return how many open dossiers moved."""
    check_administrator(actor)
    if declared.province_id is None:
        if not actor.is_superuser:
            raise AdminActionError(gettext("Chỉ quản trị hệ thống được xóa ngày áp dụng toàn quốc."))
    elif not managed_provinces(actor).filter(pk=declared.province_id).exists():
        raise AdminActionError(gettext("Bạn không quản lý tỉnh này."))
    return remove_declared_day(declared, actor=actor)


def remove_declared_day(declared: DeclaredDay, *, actor=None) -> int:
    """Remove a declared day with no permission check (the CLI); return how many open dossiers moved."""
    with transaction.atomic():
        measured = deadlines.measure(declared.province, declared.date)
        details = {"date": declared.date.isoformat(), "kind": declared.kind, "note": declared.note}
        removed = _Removed(declared)
        declared.delete()
        moved = _move_dossiers(measured, actor, f"xóa ngày khai báo {declared.date:%d/%m/%Y}")
        _record_change(actor, declared.province, removed, "xóa ngày khai báo", {**details, "dossiers_moved": moved})
    clear_cache()
    return moved


class _Removed:
    """A deleted DeclaredDay as the change history names it (its id and text from before the delete)."""

    def __init__(self, declared):
        self._meta, self.pk, self._text = declared._meta, declared.pk, str(declared)

    def __str__(self):
        return self._text


class _Preview(Exception):
    def __init__(self, count: int):
        super().__init__(count)
        self.count = count


def preview_declare(actor, province, day: dt.date, kind: str, note: str) -> int:
    """Count the open dossiers a declaration would move, saving nothing (same checks as declaring)."""
    try:
        with transaction.atomic():
            declared = do_declare_day(actor, province, day, kind, note)
            raise _Preview(declared.moved)
    except _Preview as preview:
        clear_cache()
        return preview.count


def preview_remove(actor, declared: DeclaredDay) -> int:
    """Count the open dossiers removing a declared day would move, saving nothing."""
    try:
        with transaction.atomic():
            raise _Preview(do_remove_declared_day(actor, DeclaredDay.objects.get(pk=declared.pk)))
    except _Preview as preview:
        clear_cache()
        return preview.count


def _record_change(actor, *args) -> None:
    if actor is not None:
        record_change(actor, *args)


def _move_dossiers(measured, actor, reason: str) -> int:
    clear_cache()
    return deadlines.apply_moves(deadlines.plan_moves(measured), actor, timezone.now(), reason)


SCHEDULE_FIELDS = ["morning_start", "morning_end", "afternoon_start", "afternoon_end"]


def do_save_work_schedule(actor, unit, times: dict) -> WorkSchedule:
    """Set a unit's office hours: two periods in order (morning before afternoon)."""
    check_administrator(actor)
    if not manages(actor, unit):
        raise AdminActionError(gettext("Đơn vị không thuộc phạm vi quản lý của bạn."), "unit")
    ms, me, as_, ae = (times[name] for name in SCHEDULE_FIELDS)
    if not ms < me:
        raise AdminActionError(gettext("Giờ kết thúc buổi sáng phải sau giờ bắt đầu."), "morning_end")
    if not me <= as_:
        raise AdminActionError(gettext("Buổi chiều phải bắt đầu sau khi buổi sáng kết thúc."), "afternoon_start")
    if not as_ < ae:
        raise AdminActionError(gettext("Giờ kết thúc buổi chiều phải sau giờ bắt đầu."), "afternoon_end")
    with transaction.atomic():
        schedule = WorkSchedule.objects.select_for_update().filter(unit=unit).first()
        before = {k: getattr(schedule, k).strftime("%H:%M") for k in SCHEDULE_FIELDS} if schedule else {}
        schedule = schedule or WorkSchedule(unit=unit)
        for name in SCHEDULE_FIELDS:
            setattr(schedule, name, times[name])
        schedule.save()
        after = {k: times[k].strftime("%H:%M") for k in SCHEDULE_FIELDS}
        record_change(actor, unit, schedule, "sửa giờ làm việc", {"before": before, "after": after}, kind="workschedule")
    clear_cache()
    return schedule


@dataclass
class MonthDay:
    day: dt.date
    in_month: bool
    working: bool
    name: str
    is_today: bool

    @property
    def css(self) -> str:
        if not self.in_month:
            return "day-outside"
        if self.working:
            return "day-makeup" if self.day.weekday() >= 5 else "day-working"
        return "day-holiday" if self.name else "day-weekend"


def month_view(unit, year: int, month: int, today: dt.date | None = None) -> list[list[MonthDay]]:
    """Return a month as weeks (Monday first) of days, each working or not, with holiday names."""
    work_calendar = calendar_for_unit(unit)
    names = {d: name for d, _, name in exceptional_days(unit, year)}
    today = today or dt.datetime.now(LOCAL_TZ).date()
    weeks = []
    for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        row = []
        for day in week:
            if day.year != year:
                extra = {d: name for d, _, name in exceptional_days(unit, day.year)}
                name = extra.get(day, "")
            else:
                name = names.get(day, "")
            row.append(MonthDay(day, day.month == month, work_calendar.is_working_day(day), _shown_name(day, name), day == today))
        weeks.append(row)
    return weeks


def due_preview(unit, received_at: dt.datetime, value, duration_unit: str) -> tuple[dt.datetime, str]:
    """Return the due instant of a dossier received at the unit, and the sentence that says it."""
    due = due_for_unit(unit, received_at, value, duration_unit).astimezone(LOCAL_TZ)
    received = received_at.astimezone(LOCAL_TZ)
    if duration_unit == DurationUnit.SAME_DAY:
        length = gettext("thời hạn trong ngày")
    else:
        length = gettext("thời hạn %(duration)s") % {"duration": describe_duration(value, duration_unit)}
    sentence = gettext(
        "Hồ sơ nhận %(received_time)s %(received_weekday)s ngày %(received_date)s với %(length)s "
        "hẹn trả %(due_time)s %(due_weekday)s ngày %(due_date)s."
    ) % {
        "received_time": f"{received:%H:%M}",
        "received_weekday": weekday_name(received.date()),
        "received_date": f"{received:%d/%m/%Y}",
        "length": length,
        "due_time": f"{due:%H:%M}",
        "due_weekday": weekday_name(due.date()),
        "due_date": f"{due:%d/%m/%Y}",
    }
    return due, sentence
