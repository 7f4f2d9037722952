"""`motcua calendar due|between|days|declare|undeclare`: due times and working time for a unit; declared days.

`declare`/`undeclare` change a province's calendar like the administrator's
calendar page and move the due times of its open dossiers in one transaction
(motcua.dossiers.deadlines), printing `N open dossiers moved`.

Times are ISO 8601 (`2023-04-27T09:00:00+07:00`, `…Z`); a time without an
offset is taken as local time (+07:00, Asia/Ho_Chi_Minh). Durations are
`N` working days (`3d`) or working hours (`4h`), N a whole number.
"""

import datetime as dt
import re
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError

from motcua.units.models import Unit, find_unit
from motcua.workdays.calendar import LOCAL_TZ
from motcua.workdays.service import calendar_for_unit, exceptional_days

_DURATION = re.compile(r"(?P<value>\d+)(?P<unit>[dh])")
_DURATION_UNITS = {"d": "working_day", "h": "working_hour"}
_WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]


class Command(BaseCommand):
    help = "Compute due times and working time with a unit's working-day calendar."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="{due,between,days,declare,undeclare}")

        due = actions.add_parser("due", help="print the due time of a duration received at a time")
        due.add_argument("--unit", required=True, help="code of the receiving unit")
        due.add_argument("--received", required=True, help="receipt time, ISO 8601 (no offset = local +07:00)")
        due.add_argument("--duration", required=True, help="N working days (3d) or working hours (4h)")

        between = actions.add_parser("between", help="print the working hours between two times")
        between.add_argument("--unit", required=True, help="code of the unit")
        between.add_argument("--start", required=True, help="start time, ISO 8601 (no offset = local +07:00)")
        between.add_argument("--end", required=True, help="end time, ISO 8601 (no offset = local +07:00)")

        days = actions.add_parser("days", help="list a year's weekdays off and worked weekend days")
        days.add_argument("--unit", required=True, help="code of the unit")
        days.add_argument("--year", required=True, type=int, help="year, e.g. 2024")

        declare = actions.add_parser("declare", help="declare a day off or a make-up working day for a province")
        declare.add_argument("--province", required=True, help="code of the province")
        declare.add_argument("--date", required=True, help="the day, YYYY-MM-DD")
        declare.add_argument("--kind", required=True, choices=sorted(_KINDS), help="off: a day off; workday: a make-up working day")
        declare.add_argument("--reason", default="", help="why (e.g. the decision declaring it)")

        undeclare = actions.add_parser("undeclare", help="remove a day declared for a province")
        undeclare.add_argument("--province", required=True, help="code of the province")
        undeclare.add_argument("--date", required=True, help="the day, YYYY-MM-DD")

    def handle(self, *args, action, **options):
        if action in ("declare", "undeclare"):
            return self._declared_day(action, options)
        # Check the arguments before touching the database, so a typo is named as such.
        if action == "due":
            received = _time(options["received"], "--received")
            value, duration_unit = _duration(options["duration"])
            calendar = calendar_for_unit(_unit(options["unit"]))
            try:
                due = calendar.due_for(received, value, duration_unit)
            except (ValueError, OverflowError) as error:
                # A duration running past year 9999, or a calendar with no working day left.
                raise CommandError(f"không tính được hạn trả kết quả: {error}") from None
            self.stdout.write(due.isoformat())
        elif action == "between":
            start, end = _time(options["start"], "--start"), _time(options["end"], "--end")
            worked = calendar_for_unit(_unit(options["unit"])).working_time_between(start, end)
            self.stdout.write(_hours(worked))
        else:
            year = options["year"]
            if not dt.MINYEAR <= year < dt.MAXYEAR:
                raise CommandError(f"năm ngoài phạm vi: {year}")
            for day, worked, name in exceptional_days(_unit(options["unit"]), year):
                kind = "làm việc" if worked else "nghỉ"
                self.stdout.write(f"{day.isoformat()}\t{_WEEKDAYS[day.weekday()]}\t{kind}\t{name}")


    def _declared_day(self, action, options):
        # Imported here: the working-day commands above need no dossier code.
        from motcua.administration.access import AdminActionError
        from motcua.administration.calendar import declare_day, remove_declared_day
        from motcua.workdays.models import DeclaredDay

        day = _date(options["date"])
        province = _unit(options["province"])
        if province.parent_id is not None:
            raise CommandError(f"{province.code} không phải mã tỉnh: ngày nghỉ, ngày làm bù khai báo cho cả tỉnh")
        try:
            if action == "declare":
                moved = declare_day(province, day, _KINDS[options["kind"]], options["reason"]).moved
            else:
                declared = DeclaredDay.objects.filter(province=province, date=day).first()
                if declared is None:
                    raise CommandError(f"{province.name} chưa khai báo ngày {day:%d/%m/%Y}")
                moved = remove_declared_day(declared)
        except AdminActionError as error:
            raise CommandError(error.message) from None
        self.stdout.write(f"{moved} open dossiers moved")


_KINDS = {"off": "day_off", "workday": "working_day"}


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"ngày --date không hợp lệ: {text!r} (dùng YYYY-MM-DD, ví dụ 2027-03-08)") from None


def _unit(code: str) -> Unit:
    # The unit holding that code today (units.models.find_unit).
    unit = find_unit(code)
    if unit is None:
        raise CommandError(f"không có đơn vị mã {code}")
    return unit


def _time(text: str, option: str) -> dt.datetime:
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise CommandError(
            f"thời điểm {option} không hợp lệ: {text!r} (dùng ISO 8601, ví dụ 2023-04-27T09:00:00+07:00)"
        ) from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=LOCAL_TZ)
    return value


def _duration(text: str) -> tuple[int, str]:
    match = _DURATION.fullmatch(text.strip())
    if not match:
        raise CommandError(f"thời hạn --duration không hợp lệ: {text!r} (dùng N ngày hoặc giờ làm việc, ví dụ 3d hoặc 4h)")
    return int(match["value"]), _DURATION_UNITS[match["unit"]]


def _hours(worked: dt.timedelta) -> str:
    """Format working time as decimal hours, to the hundredth, without trailing zeros."""
    hours = (Decimal(worked.total_seconds()) / 3600).quantize(Decimal("0.01"))
    text = f"{hours:f}".rstrip("0").rstrip(".")
    return text or "0"
