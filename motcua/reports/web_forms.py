"""Forms of the report page: the unit and period pickers, the document's header data, a section's text."""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.core.forms import CleanTextMixin
from motcua.lib.periods import Period, parse_period
from motcua.reports.document import default_report_date
from motcua.reports.narrative import SECTION_KEYS

QUARTER, FIRST_HALF, SECOND_HALF, NINE_MONTHS, YEAR, RANGE = "quy", "6-thang-dau", "6-thang-cuoi", "9-thang", "nam", "khoang"
PERIOD_KINDS = [
    (QUARTER, _("Quý")),
    (FIRST_HALF, _("6 tháng đầu năm")),
    (SECOND_HALF, _("6 tháng cuối năm")),
    (NINE_MONTHS, _("9 tháng")),
    (YEAR, _("Cả năm")),
    (RANGE, _("Khoảng ngày tùy chọn")),
]
_SUFFIX = {QUARTER: None, FIRST_HALF: "H1", SECOND_HALF: "H2", NINE_MONTHS: "9M", YEAR: ""}
_LABEL = re.compile(r"^(?P<year>\d{4})(?:-(?P<part>Q[1-4]|H1|H2|9M))?$")
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")
MIN_YEAR, MAX_YEAR = 2000, 2100
_DATE_ERRORS = {"invalid": _("Nhập ngày hợp lệ, ví dụ 01/04/2023.")}


def unit_choices(units) -> list[tuple[str, str]]:
    """Return (code, label) of the units in tree order, each indented by its depth below the highest one."""
    units = list(units.order_by("path"))
    if not units:
        return []
    top = min(unit.path.count("/") for unit in units)
    return [(u.uid, "\u00a0\u00a0\u00a0\u00a0" * (u.path.count("/") - top) + f"{u.name} ({u.code})") for u in units]


def picker_data(unit_code: str, label: str) -> dict[str, str]:
    """Return the picker's fields for a period label ("2023-Q2", "2023-04-01..2023-06-30"), as a query would send them."""
    data = {"unit": unit_code}
    m = _LABEL.match(label or "")
    if m:
        part = m["part"]
        data["year"] = m["year"]
        if part is None:
            data["kind"] = YEAR
        elif part.startswith("Q"):
            data["kind"], data["quarter"] = QUARTER, part[1]
        else:
            data["kind"] = {suffix: kind for kind, suffix in _SUFFIX.items() if suffix}[part]
        return data
    m = _RANGE.match(label or "")
    data["kind"] = RANGE
    if m:
        data["start"], data["end"] = m[1], m[2]
    return data


def default_period(today: dt.date) -> str:
    """Return the label of the last whole calendar quarter before `today`."""
    quarter = (today.month - 1) // 3
    return f"{today.year - 1}-Q4" if quarter == 0 else f"{today.year}-Q{quarter}"


class ReportPickerForm(CleanTextMixin, forms.Form):
    """Unit and period of the report page and dashboard; `cleaned_data["period"]` is the Period."""

    unit = forms.ChoiceField(label=_("Đơn vị"), error_messages={"required": _("Chọn đơn vị.")})
    kind = forms.ChoiceField(
        label=_("Kỳ báo cáo"),
        choices=PERIOD_KINDS,
        error_messages={"required": _("Chọn loại kỳ báo cáo."), "invalid_choice": _("Loại kỳ báo cáo không hợp lệ.")},
    )
    year = forms.IntegerField(
        label=_("Năm"),
        required=False,
        widget=forms.NumberInput(attrs={"min": MIN_YEAR, "max": MAX_YEAR}),
        error_messages={"invalid": _("Năm phải là một số, ví dụ 2023.")},
    )
    quarter = forms.ChoiceField(
        label=_("Quý"),
        required=False,
        choices=[("", "—"), ("1", _("Quý I")), ("2", _("Quý II")), ("3", _("Quý III")), ("4", _("Quý IV"))],
        error_messages={"invalid_choice": _("Quý phải là I, II, III hoặc IV.")},
    )
    start = forms.DateField(
        label=_("Từ ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages=_DATE_ERRORS,
    )
    end = forms.DateField(
        label=_("Đến ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages=_DATE_ERRORS,
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = unit_choices(units)

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if not kind:
            return data
        label = None
        if kind == RANGE:
            start, end = data.get("start"), data.get("end")
            if start is None and "start" not in self.errors:
                self.add_error("start", gettext("Nhập ngày bắt đầu của khoảng thời gian."))
            if end is None and "end" not in self.errors:
                self.add_error("end", gettext("Nhập ngày kết thúc của khoảng thời gian."))
            if start and end:
                if end < start:
                    self.add_error("end", gettext("Ngày kết thúc phải bằng hoặc sau ngày bắt đầu."))
                else:
                    label = f"{start.isoformat()}..{end.isoformat()}"
        else:
            year = data.get("year")
            if year is None:
                if "year" not in self.errors:
                    self.add_error("year", gettext("Nhập năm của kỳ báo cáo."))
            elif not MIN_YEAR <= year <= MAX_YEAR:
                self.add_error("year", gettext("Năm phải từ %(min)s đến %(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR})
            elif kind == QUARTER:
                if not data.get("quarter"):
                    if "quarter" not in self.errors:
                        self.add_error("quarter", gettext("Chọn quý."))
                else:
                    label = f"{year}-Q{data['quarter']}"
            else:
                suffix = _SUFFIX[kind]
                label = f"{year}-{suffix}" if suffix else str(year)
        if label is not None:
            try:
                data["period"] = parse_period(label, settings.MOTCUA_PERIOD_CALENDAR)
            except ValueError as error:
                message = gettext("Kỳ báo cáo không hợp lệ: %(error)s.") % {"error": error}
                self.add_error("end" if kind == RANGE else "year", message)
        return data


def parse_posted_period(label: str) -> Period:
    """Return the Period a form posted as its label; ValueError (Vietnamese) when it is not one."""
    return parse_period(label, settings.MOTCUA_PERIOD_CALENDAR)


class ReportMetaForm(CleanTextMixin, forms.Form):
    """The report's number, date, place, signer and recipients (ReportMeta)."""

    document_number = forms.CharField(
        label=_("Số văn bản"), required=False, max_length=64, help_text=_("Ví dụ 125/BC-UBND; để trống để viết tay."),
        error_messages={"max_length": _("Số văn bản dài tối đa %(limit_value)d ký tự.")},
    )
    issued_on = forms.DateField(
        label=_("Ngày ban hành"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), error_messages=_DATE_ERRORS,
    )
    place_name = forms.CharField(
        label=_("Địa danh"), required=False, max_length=100,
        help_text=_("Để trống: tên đơn vị bỏ tiền tố (Xã, Phường…)."),
        error_messages={"max_length": _("Địa danh dài tối đa %(limit_value)d ký tự.")},
    )
    signer_title = forms.CharField(
        label=_("Chức vụ người ký"), required=False, max_length=100, help_text=_("Để trống: CHỦ TỊCH."),
        error_messages={"max_length": _("Chức vụ dài tối đa %(limit_value)d ký tự.")},
    )
    signer_name = forms.CharField(
        label=_("Người ký"), required=False, max_length=100,
        error_messages={"max_length": _("Họ tên người ký dài tối đa %(limit_value)d ký tự.")},
    )
    recipients = forms.CharField(
        label=_("Nơi nhận"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Mỗi nơi nhận một dòng; để trống dùng danh sách mặc định."),
        error_messages={"max_length": _("Nơi nhận dài tối đa %(limit_value)d ký tự.")},
    )

    def __init__(self, *args, period: Period, **kwargs):
        super().__init__(*args, **kwargs)
        self.period = period
        # A blank date prints the default: today, or the period's deadline once it is past.
        self.default_issued_on = default_report_date(period, timezone.localdate())
        self.fields["issued_on"].help_text = gettext("Để trống: ngày %(date)s.") % {
            "date": f"{self.default_issued_on:%d/%m/%Y}"
        }

    def clean_issued_on(self):
        day = self.cleaned_data.get("issued_on")
        # A report on a period cannot be issued before the period begins.
        if day is not None and day < self.period.start:
            raise forms.ValidationError(
                gettext("Ngày ban hành không được trước ngày bắt đầu kỳ báo cáo (%(start)s).")
                % {"start": f"{self.period.start:%d/%m/%Y}"}
            )
        return day


SECTION_TEXT_LIMIT = 20000


class SectionTextForm(CleanTextMixin, forms.Form):
    """The text of one narrative section; one paragraph a line."""

    key = forms.ChoiceField(choices=[(key, key) for key in SECTION_KEYS])
    text = forms.CharField(
        label=_("Nội dung"), required=False, max_length=SECTION_TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"max_length": _("Nội dung dài tối đa %(limit_value)d ký tự.")},
    )
