"""Forms of the administration pages: field checks only; authority and business rules are in the do_* functions."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.validators import RegexValidator
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_lazy as _, pgettext_lazy

from motcua.accounts.models import Role
from motcua.catalog import components as papers
from motcua.catalog.models import DurationUnit, Field, FieldKind, OnlineLevel
from motcua.core.forms import CleanTextMixin
from motcua.units.models import Unit, UnitLevel
from motcua.workdays.models import DayKind

OUTSIDE_SCOPE = _("Đơn vị không thuộc phạm vi quản lý của bạn.")
REQUIRED = _("Trường này là bắt buộc.")

# Choice labels of other apps' models are Vietnamese text: looked up in the catalog when shown.
_label = lazy(lambda label: gettext(str(label)), str)


def translated_choices(choices) -> list[tuple[str, str]]:
    """Return (value, label) pairs whose labels show in the page's language."""
    return [(value, _label(label)) for value, label in choices]


class LevelChoiceField(forms.ModelChoiceField):
    """A level of the administrative tree, named in the page's language."""

    def label_from_instance(self, level):
        return gettext(level.name)


class UnitChoiceField(forms.ModelChoiceField):
    """A unit picked among those the administrator manages; any other id is refused with a clear message."""

    default_error_messages = {"invalid_choice": OUTSIDE_SCOPE}

    def label_from_instance(self, unit):
        depth = unit.path.count("/") - 1
        return f"{'— ' * depth}{unit.name} ({unit.code})"


class UnitsChoiceField(forms.ModelMultipleChoiceField):
    default_error_messages = {"invalid_choice": OUTSIDE_SCOPE, "invalid_pk_value": OUTSIDE_SCOPE}

    def label_from_instance(self, unit):
        return f"{unit.name} ({unit.code})"


class ProcedureSearchForm(CleanTextMixin, forms.Form):
    q = forms.CharField(label=_("Tìm thủ tục"), required=False)
    field = forms.ModelChoiceField(Field.objects.all(), label=_("Lĩnh vực"), required=False, empty_label=_("Mọi lĩnh vực"))
    level = LevelChoiceField(UnitLevel.objects.all(), label=_("Cấp thực hiện"), required=False, empty_label=_("Mọi cấp"))


class ProcedureForm(CleanTextMixin, forms.Form):
    legal_duration_value = forms.IntegerField(label=_("Thời hạn theo quy định"), min_value=0, required=False)
    legal_duration_unit = forms.ChoiceField(label=_("Đơn vị"), choices=translated_choices(DurationUnit.choices))
    reduced_duration_value = forms.IntegerField(label=_("Thời hạn cắt giảm (cam kết)"), min_value=0, required=False)
    reduced_duration_unit = forms.ChoiceField(
        label=_("Đơn vị"), choices=[("", _("Không cắt giảm"))] + translated_choices(DurationUnit.choices), required=False
    )
    online = forms.ChoiceField(label=_("Dịch vụ công trực tuyến"), choices=translated_choices(OnlineLevel.choices))
    fee_lines = forms.CharField(
        label=_("Phí, lệ phí"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mỗi dòng một khoản: tên khoản | số tiền (đồng) | hồ sơ, bản hoặc trang. Ví dụ: Lệ phí chứng thực bản sao | 2000 | trang"),
    )
    fee = forms.CharField(label=_("Ghi chú về phí, lệ phí"), max_length=500, required=False)

    def clean_fee_lines(self):
        from motcua.payments.fees import parse_fee_text

        lines, problems = parse_fee_text(self.cleaned_data.get("fee_lines") or "")
        if problems:
            raise forms.ValidationError([p[0].upper() + p[1:] + "." for p in problems])
        return lines
    units = UnitsChoiceField(
        Unit.objects.none(), label=_("Đơn vị áp dụng"), required=False, widget=forms.CheckboxSelectMultiple
    )
    # The procedure as the page showed it: a save over someone else's newer change is refused.
    state = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, unit_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = unit_choices if unit_choices is not None else Unit.objects.none()


STEP_ROLES = translated_choices([
    (Role.DESK_OFFICER, Role.DESK_OFFICER.label),
    (Role.SPECIALIST, Role.SPECIALIST.label),
    (Role.LEADER, Role.LEADER.label),
])


class StepForm(CleanTextMixin, forms.Form):
    step_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    position = forms.IntegerField(label=_("Thứ tự"), min_value=1, max_value=99, required=False)
    name = forms.CharField(label=_("Bước"), max_length=300, required=False)
    role = forms.ChoiceField(label=_("Vai trò"), choices=STEP_ROLES, required=False)
    working_hours = forms.DecimalField(label=_("Giờ làm việc"), min_value=0, max_digits=6, decimal_places=2, required=False)
    DELETE = forms.BooleanField(label=_("Xóa"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("DELETE") or self.is_blank(data):
            return data
        if not (data.get("name") or "").strip():
            self.add_error("name", gettext("Nhập tên bước."))
        if not data.get("role"):
            self.add_error("role", gettext("Chọn vai trò thực hiện."))
        hours = data.get("working_hours")
        if hours is None:
            self.add_error("working_hours", gettext("Nhập số giờ làm việc."))
        elif hours <= 0:
            self.add_error("working_hours", gettext("Thời gian phải lớn hơn 0 giờ."))
        return data

    @staticmethod
    def is_blank(data) -> bool:
        """Tell whether a row was left empty (an unused extra row)."""
        return not data.get("step_id") and not (data.get("name") or "").strip() and data.get("working_hours") is None


StepFormSet = forms.formset_factory(StepForm, extra=2, max_num=60, validate_max=True)


class PaperForm(CleanTextMixin, forms.Form):
    """One paper of the procedure's list (thành phần hồ sơ): what intake pre-fills its checklist with."""

    position = forms.IntegerField(label=_("Thứ tự"), min_value=1, max_value=99, required=False)
    name = forms.CharField(label=_("Tên giấy tờ"), max_length=papers.NAME_MAX, required=False)
    form = forms.ChoiceField(label=_("Loại bản"), choices=translated_choices(papers.FORM_LABELS.items()), required=False)
    quantity = forms.IntegerField(label=_("Số lượng"), min_value=1, max_value=papers.QUANTITY_MAX, required=False, initial=1)
    DELETE = forms.BooleanField(label=_("Xóa"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages["max_length"] = gettext("Tên giấy tờ dài quá %(limit)s ký tự.") % {"limit": papers.NAME_MAX}
        self.fields["form"].error_messages["invalid_choice"] = gettext("Chọn bản chính, bản sao hoặc bản sao chứng thực.")
        for name in ("position", "quantity"):
            self.fields[name].error_messages.update(
                invalid=gettext("Nhập một số nguyên."),
                min_value=_("Nhỏ nhất là %(limit_value)s."),
                max_value=_("Lớn nhất là %(limit_value)s."),
            )

    def clean(self):
        data = super().clean()
        if data.get("DELETE") or self.is_blank(data):
            return data
        # A named paper without a kind or a number is one original, as on most lists.
        if not data.get("form") and "form" not in self.errors:
            data["form"] = "original"
        if data.get("quantity") is None and "quantity" not in self.errors:
            data["quantity"] = 1
        return data

    @staticmethod
    def is_blank(data) -> bool:
        """Tell whether a row was left without a name (an unused extra row)."""
        return not (data.get("name") or "").strip()


PaperFormSet = forms.formset_factory(PaperForm, extra=2, max_num=papers.COUNT_MAX, validate_max=True)


class FieldForm(CleanTextMixin, forms.Form):
    code = forms.SlugField(
        label=_("Mã lĩnh vực"),
        max_length=64,
        error_messages={"invalid": _("Mã chỉ gồm chữ không dấu, số, gạch ngang hoặc gạch dưới.")},
    )
    name = forms.CharField(label=_("Tên lĩnh vực"), max_length=200)
    kind = forms.ChoiceField(label=_("Nhóm báo cáo riêng"), choices=[("", _("Không"))] + translated_choices(FieldKind.choices), required=False)


class DeclaredDayForm(CleanTextMixin, forms.Form):
    date = forms.DateField(label=_("Ngày"), widget=forms.DateInput(attrs={"type": "date"}), input_formats=["%Y-%m-%d", "%d/%m/%Y"])
    kind = forms.ChoiceField(label=_("Loại"), choices=translated_choices(DayKind.choices))
    note = forms.CharField(label=_("Lý do"), max_length=300, required=False)
    province = forms.ChoiceField(label=_("Áp dụng cho"), required=False)

    def __init__(self, *args, provinces=(), allow_national=False, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(p.pk), p.name) for p in provinces]
        if allow_national:
            choices.append(("", gettext("Toàn quốc")))
        self.fields["province"].choices = choices
        self.fields["province"].error_messages["invalid_choice"] = gettext("Bạn không quản lý tỉnh này.")


class WorkScheduleForm(CleanTextMixin, forms.Form):
    morning_start = forms.TimeField(label=_("Sáng từ"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    morning_end = forms.TimeField(label=_("Sáng đến"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    afternoon_start = forms.TimeField(label=_("Chiều từ"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    afternoon_end = forms.TimeField(label=_("Chiều đến"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))


class MonthForm(CleanTextMixin, forms.Form):
    unit = UnitChoiceField(Unit.objects.none(), label=_("Đơn vị"), empty_label=None)
    month = forms.CharField(
        label=_("Tháng"),
        widget=forms.DateInput(attrs={"type": "month"}),
        validators=[RegexValidator(r"^\d{4}-(0[1-9]|1[0-2])$", _("Chọn tháng dạng năm-tháng, ví dụ 2026-05."))],
    )

    def __init__(self, *args, unit_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = unit_choices if unit_choices is not None else Unit.objects.none()

    def year_month(self) -> tuple[int, int]:
        year, month = self.cleaned_data["month"].split("-")
        return int(year), int(month)


class DuePreviewForm(CleanTextMixin, forms.Form):
    received_date = forms.DateField(
        label=_("Ngày nhận"), widget=forms.DateInput(attrs={"type": "date"}), input_formats=["%Y-%m-%d", "%d/%m/%Y"]
    )
    received_time = forms.TimeField(label=_("Giờ nhận"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    value = forms.IntegerField(label=pgettext_lazy("thời hạn giải quyết", "Thời hạn"), min_value=1, max_value=365, required=False)
    duration_unit = forms.ChoiceField(label=_("Đơn vị"), choices=translated_choices(DurationUnit.choices))

    def clean(self):
        data = super().clean()
        if data.get("duration_unit") and data["duration_unit"] != DurationUnit.SAME_DAY and not data.get("value"):
            self.add_error("value", gettext("Nhập thời hạn (từ 1 đến 365)."))
        return data

    def received_at(self) -> dt.datetime:
        from motcua.workdays.calendar import LOCAL_TZ

        return dt.datetime.combine(self.cleaned_data["received_date"], self.cleaned_data["received_time"], tzinfo=LOCAL_TZ)


class UserCreateForm(CleanTextMixin, forms.Form):
    username = forms.CharField(
        label=_("Tên đăng nhập"),
        max_length=150,
        validators=[RegexValidator(r"^[\w.@+-]+\Z", _("Tên đăng nhập chỉ gồm chữ, số và các ký tự @ . + - _."))],
    )
    last_name = forms.CharField(label=_("Họ và tên đệm"), max_length=150, required=False)
    first_name = forms.CharField(label=_("Tên"), max_length=150)
    unit = UnitChoiceField(Unit.objects.none(), label=_("Đơn vị"), empty_label=_("Chọn đơn vị"))
    role = forms.ChoiceField(label=_("Vai trò"), choices=translated_choices(Role.choices))
    password = forms.CharField(label=_("Mật khẩu ban đầu"), widget=forms.PasswordInput(render_value=False), strip=False)
    password_again = forms.CharField(label=_("Nhập lại mật khẩu"), widget=forms.PasswordInput, strip=False)

    def __init__(self, *args, unit_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = unit_choices if unit_choices is not None else Unit.objects.none()

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password_again") and data["password"] != data["password_again"]:
            self.add_error("password_again", gettext("Hai mật khẩu không giống nhau."))
        return data


class UserEditForm(CleanTextMixin, forms.Form):
    last_name = forms.CharField(label=_("Họ và tên đệm"), max_length=150, required=False)
    first_name = forms.CharField(label=_("Tên"), max_length=150)
    unit = UnitChoiceField(Unit.objects.none(), label=_("Đơn vị"))
    role = forms.ChoiceField(label=_("Vai trò"), choices=translated_choices(Role.choices))

    def __init__(self, *args, unit_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = unit_choices if unit_choices is not None else Unit.objects.none()


class PasswordResetForm(CleanTextMixin, forms.Form):
    password = forms.CharField(label=_("Mật khẩu mới"), widget=forms.PasswordInput, strip=False)
    password_again = forms.CharField(label=_("Nhập lại mật khẩu mới"), widget=forms.PasswordInput, strip=False)

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password_again") and data["password"] != data["password_again"]:
            self.add_error("password_again", gettext("Hai mật khẩu không giống nhau."))
        return data


class LoadForm(CleanTextMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Loại dữ liệu"), choices=[("units", _("Đơn vị hành chính")), ("procedures", pgettext_lazy("loại dữ liệu", "Thủ tục hành chính")), ("dossiers", _("Hồ sơ"))]
    )
    file = forms.FileField(label=_("Tệp JSON Lines (.jsonl)"))

    def clean_file(self):
        from django.conf import settings

        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not (name.endswith(".jsonl") or name.endswith(".json") or name.endswith(".txt")):
            raise forms.ValidationError(gettext("Chỉ nhận tệp JSON Lines (.jsonl)."))
        limit_mb = settings.MOTCUA_MAX_LOAD_MB
        if upload.size > limit_mb * 1024 * 1024:
            raise forms.ValidationError(
                gettext("Tệp quá lớn (tối đa %(limit)s MB); dùng lệnh «motcua load» cho tệp lớn hơn.") % {"limit": limit_mb}
            )
        if upload.size == 0:
            raise forms.ValidationError(gettext("Tệp rỗng."))
        return upload
