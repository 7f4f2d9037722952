"""The public forms: online submission of a dossier."""

from __future__ import annotations

import re

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy as _

from motcua.catalog.components import form_label, is_conditional
from motcua.catalog.data_forms import data_form_fields, data_values
from motcua.catalog.models import OnlineLevel, Procedure
from motcua.core.forms import CleanTextMixin
from motcua.dossiers.error_codes import DossierActionError
from motcua.dossiers.models import ReturnChannel
from motcua.dossiers.online import check_upload
from motcua.dossiers.timeliness import LOCAL_TZ
from motcua.lib.cccd import validate_cccd
from motcua.notices.forms import check_notify, notify_field
from motcua.portal.labels import label, message
from motcua.units.models import Unit

# Files a citizen may add beyond the procedure's papers (a paper the catalog does not list).
EXTRA_FILES_MAX = 5
# How the citizen may receive the result, as the form words it (ReturnChannel's values).
RESULT_DELIVERY_CHOICES = [
    (ReturnChannel.ONLINE, _("Nhận bản điện tử trực tuyến (tải về trên cổng, sau khi kiểm tra 4 chữ số)")),
    (ReturnChannel.COUNTER, _("Nhận trực tiếp tại Bộ phận Một cửa")),
    (ReturnChannel.POSTAL, _("Nhận qua dịch vụ bưu chính công ích (gửi về địa chỉ liên hệ)")),
]
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


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented recipe): cleans to a list, empty when none."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


def _upload_problem(file) -> str | None:
    """Return the citizen-facing reason an upload is refused (type by content, size), or None."""
    try:
        check_upload(file)
    except DossierActionError as error:
        return message(error.message[0].upper() + error.message[1:] + ".")
    return None


class OnlineSubmissionForm(CleanTextMixin, forms.Form):
    """Everything a citizen types and attaches to submit a dossier online.

    Built for one procedure: one upload per paper its catalog entry lists
    (`paper_1` …, required unless the paper's name says when it is needed),
    plus up to EXTRA_FILES_MAX other files (`extras`).
    """

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
    # An empty file is refused by check_upload, whose message names the file (clean_extras).
    extras = MultipleFileField(label=_("Giấy tờ khác (không bắt buộc)"), required=False, allow_empty_file=True)
    result_delivery = forms.ChoiceField(
        label=_("Hình thức nhận kết quả"),
        choices=RESULT_DELIVERY_CHOICES,
        initial=ReturnChannel.ONLINE,
        widget=forms.RadioSelect,
        error_messages={"required": _("Xin chọn hình thức nhận kết quả."), "invalid_choice": _("Xin chọn một hình thức nhận kết quả trong danh sách.")},
    )
    notify = notify_field()
    consent = forms.BooleanField(
        label=_("Tôi cam đoan các thông tin và giấy tờ đã khai là đúng sự thật, và đồng ý để cơ quan xử lý dữ liệu cá nhân của tôi cho việc giải quyết hồ sơ."),
        error_messages={"required": _("Cần đánh dấu cam đoan và đồng ý để nộp hồ sơ.")},
    )

    def __init__(self, *args, unit=None, procedure=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = online_units()
        self.fields["procedure"].queryset = online_procedures(unit) if unit is not None else Procedure.objects.none()
        self.catalog_papers = list(procedure.components or []) if procedure is not None else []
        for n, paper in enumerate(self.catalog_papers, 1):
            required = not is_conditional(paper["name"])
            self.fields[f"paper_{n}"] = forms.FileField(
                label=paper["name"],
                required=required,
                error_messages={
                    "required": gettext("Cần đính kèm tệp của giấy tờ «%(name)s».") % {"name": paper["name"]},
                    "empty": gettext("Tệp của giấy tờ «%(name)s» rỗng.") % {"name": paper["name"]},
                },
            )
        # The procedure's own data fields (Procedure.data_fields), as the desk's intake form has them.
        self.data_procedure = procedure
        built = data_form_fields(procedure) if procedure is not None else {}
        self.data_field_names = list(built)
        self.fields.update(built)

    def data_fields(self):
        """The bound fields of the procedure's own data, in the catalog's order."""
        return [self[name] for name in self.data_field_names]

    def data_values(self) -> dict:
        """The procedure's own data as the dossier keeps it: {key: JSON value}."""
        return data_values(self.data_procedure, self.cleaned_data) if self.data_procedure is not None else {}

    def paper_rows(self) -> list[dict]:
        """The procedure's papers for the template: the upload, whether required, the form and quantity asked."""
        return [
            {
                "field": self[f"paper_{n}"],
                "required": self.fields[f"paper_{n}"].required,
                "form": label(form_label(paper["form"])),
                "quantity": paper["quantity"],
            }
            for n, paper in enumerate(self.catalog_papers, 1)
        ]

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

    def clean_extras(self):
        files = self.cleaned_data["extras"]
        if len(files) > EXTRA_FILES_MAX:
            raise forms.ValidationError(
                gettext("Chỉ đính kèm được tối đa %(max)s tệp giấy tờ khác; bạn đã chọn %(count)s tệp.") % {"max": EXTRA_FILES_MAX, "count": len(files)}
            )
        problems = [p for p in map(_upload_problem, files) if p]
        if problems:
            raise forms.ValidationError(problems)
        return files

    def clean(self):
        data = super().clean()
        for n in range(1, len(self.catalog_papers) + 1):
            file = data.get(f"paper_{n}")
            problem = _upload_problem(file) if file is not None else None
            if problem:
                self.add_error(f"paper_{n}", problem)
        if not self.catalog_papers and not data.get("extras") and "extras" not in self.errors:
            self.add_error("extras", gettext("Cần đính kèm ít nhất một tệp giấy tờ của hồ sơ."))
        if data.get("result_delivery") == ReturnChannel.POSTAL and not data.get("address"):
            self.add_error("address", gettext("Nhận kết quả qua bưu chính cần địa chỉ nhận: xin ghi địa chỉ liên hệ."))
        check_notify(self, data, phone="phone", email="email")
        return data

    def papers(self) -> list[tuple[object, object]]:
        """Return the (paper, file) pairs attached: the catalog's papers in order, then the other files by name."""
        out = [
            (paper, self.cleaned_data[f"paper_{n}"])
            for n, paper in enumerate(self.catalog_papers, 1)
            if self.cleaned_data.get(f"paper_{n}") is not None
        ]
        for file in self.cleaned_data.get("extras") or []:
            # Official data: the paper's name stays Vietnamese whatever the citizen's language.
            out.append((f"Giấy tờ khác: {file.name}"[:300], file))
        return out
