"""The public forms: online submission of a dossier."""

from __future__ import annotations

import re

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy as _

from motcua.catalog.models import OnlineLevel, Procedure
from motcua.core.forms import CleanTextMixin
from motcua.dossiers.error_codes import DossierActionError
from motcua.dossiers.online import check_upload
from motcua.dossiers.timeliness import LOCAL_TZ
from motcua.lib.cccd import validate_cccd
from motcua.portal.labels import label, message
from motcua.units.models import Unit

# Papers a citizen may attach; the first is required.
COMPONENT_SLOTS = 3
_PHONE = re.compile(r"^\+?[0-9 .\-]{8,20}$")
ONLINE_LEVELS = [OnlineLevel.PARTIAL, OnlineLevel.FULL]


def today():
    return timezone.now().astimezone(LOCAL_TZ).date()


def online_procedures(unit):
    """Return the procedures a unit offers online today: its level, in force, listing the unit or none."""
    day = today()
    return (
        Procedure.objects.filter(online__in=ONLINE_LEVELS, level_id=unit.level_id)
        .exclude(announced_on__gt=day)
        .exclude(abolished_on__lte=day)
        .filter(Q(units__isnull=True) | Q(units=unit))
        .distinct()
        .order_by("name")
    )


def online_units():
    """Return the units in force today at whose level some procedure is offered online."""
    day = today()
    levels = Procedure.objects.filter(online__in=ONLINE_LEVELS).values("level_id")
    return (
        Unit.objects.filter(level_id__in=levels)
        .exclude(valid_from__gt=day)
        .exclude(valid_to__lt=day)
        .select_related("parent")
        .order_by("path")
    )


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, unit):
        return f"{unit.name} — {unit.parent.name}" if unit.parent_id else unit.name


class ProcedureChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, procedure):
        return f"{procedure.name} ({label(procedure.get_online_display())})"


class OnlineSubmissionForm(CleanTextMixin, forms.Form):
    """Everything a citizen types and attaches to submit a dossier online."""

    unit = UnitChoiceField(
        label=_("Cơ quan tiếp nhận"),
        queryset=Unit.objects.none(),
        error_messages={"required": _("Xin chọn cơ quan tiếp nhận."), "invalid_choice": _("Cơ quan này không nhận hồ sơ trực tuyến.")},
    )
    procedure = ProcedureChoiceField(
        label=_("Thủ tục hành chính"),
        queryset=Procedure.objects.none(),
        error_messages={
            "required": _("Xin chọn thủ tục."),
            "invalid_choice": _("Thủ tục này không được cung cấp trực tuyến tại cơ quan đã chọn."),
        },
    )
    applicant_name = forms.CharField(
        label=_("Họ và tên người nộp"), max_length=300, error_messages={"required": _("Xin ghi họ và tên người nộp.")}
    )
    id_number = forms.CharField(
        label=_("Số định danh cá nhân (CCCD)"),
        max_length=12,
        error_messages={"required": _("Xin ghi số định danh cá nhân (12 chữ số)."), "max_length": _("Số định danh gồm đúng 12 chữ số.")},
    )
    phone = forms.CharField(label=_("Số điện thoại"), max_length=20, error_messages={"required": _("Xin ghi số điện thoại liên hệ.")})
    email = forms.EmailField(
        label=_("Thư điện tử (không bắt buộc)"), required=False, max_length=254, error_messages={"invalid": _("Địa chỉ thư điện tử không hợp lệ.")}
    )
    address = forms.CharField(label=_("Địa chỉ liên hệ (không bắt buộc)"), required=False, max_length=500)
    consent = forms.BooleanField(
        label=_("Tôi cam đoan các thông tin và giấy tờ đã khai là đúng sự thật, và đồng ý để cơ quan xử lý dữ liệu cá nhân của tôi cho việc giải quyết hồ sơ."),
        error_messages={"required": _("Cần đánh dấu cam đoan và đồng ý để nộp hồ sơ.")},
    )

    def __init__(self, *args, unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = online_units()
        self.fields["procedure"].queryset = online_procedures(unit) if unit is not None else Procedure.objects.none()
        for n in range(1, COMPONENT_SLOTS + 1):
            first = n == 1
            self.fields[f"component_{n}_name"] = forms.CharField(
                label=gettext("Tên giấy tờ %(n)s") % {"n": n},
                max_length=300,
                required=first,
                initial="Tờ khai" if first else "",
                error_messages={"required": _("Xin ghi tên giấy tờ.")},
            )
            self.fields[f"component_{n}_file"] = forms.FileField(
                label=gettext("Tệp giấy tờ %(n)s (PDF, JPEG hoặc PNG)") % {"n": n},
                required=first,
                error_messages={"required": _("Cần đính kèm tệp của giấy tờ này."), "empty": _("Tệp rỗng.")},
            )

    def component_rows(self):
        """Pair each paper's name field with its file field, for the template."""
        return [(self[f"component_{n}_name"], self[f"component_{n}_file"]) for n in range(1, COMPONENT_SLOTS + 1)]

    def clean_applicant_name(self):
        return " ".join(self.cleaned_data["applicant_name"].split())

    def clean_id_number(self):
        number = self.cleaned_data["id_number"].strip()
        problem = validate_cccd(number, today=today())
        if problem:
            raise forms.ValidationError(gettext("Số định danh không hợp lệ: %(problem)s.") % {"problem": message(problem)})
        return number

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if not _PHONE.match(phone):
            raise forms.ValidationError(gettext("Số điện thoại chỉ gồm chữ số (8–20 ký tự), ví dụ 0912 345 678."))
        return phone

    def clean(self):
        data = super().clean()
        for n in range(1, COMPONENT_SLOTS + 1):
            name, file = data.get(f"component_{n}_name"), data.get(f"component_{n}_file")
            if file is not None:
                try:
                    check_upload(file)
                except DossierActionError as error:
                    self.add_error(f"component_{n}_file", message(error.message[0].upper() + error.message[1:] + "."))
                if not name:
                    self.add_error(f"component_{n}_name", gettext("Xin ghi tên giấy tờ của tệp này."))
            elif name and n > 1 and f"component_{n}_file" not in self.errors:
                self.add_error(f"component_{n}_file", gettext("Cần đính kèm tệp của giấy tờ này, hoặc xóa tên giấy tờ."))
        return data

    def papers(self) -> list[tuple[str, object]]:
        """Return the (name, file) pairs of the attached papers."""
        out = []
        for n in range(1, COMPONENT_SLOTS + 1):
            file = self.cleaned_data.get(f"component_{n}_file")
            if file is not None:
                out.append((self.cleaned_data[f"component_{n}_name"], file))
        return out
