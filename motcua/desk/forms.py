"""Forms of the officer's pages: worklist filters, intake, refusal at the counter."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy as _, pgettext_lazy

from motcua.accounts.scoping import visible_units
from motcua.catalog.data_forms import data_form_fields, data_values
from motcua.catalog.components import is_conditional
from motcua.catalog.models import Field, Procedure
from motcua.core.forms import CleanTextMixin
from motcua.desk.worklist import DEFAULT_SORT, SORTS, Filters
from motcua.dossiers.actions import is_backdated
from motcua.dossiers.models import (
    ApplicantKind,
    Channel,
    ComponentForm,
    CounterRefusalKind,
    ReturnChannel,
    Status,
)
from motcua.dossiers.timeliness import LOCAL_TZ
from motcua.lib.cccd import validate_cccd
from motcua.notices.forms import check_notify, notify_field
from motcua.portal.labels import message

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"]
DATETIME_FORMATS = ["%d/%m/%Y %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]
# Blank rows of the components checklist when the procedure lists no papers,
# and blank rows added under the papers it lists (for a paper it does not name).
COMPONENT_ROWS = 4
EXTRA_COMPONENT_ROWS = 2
# Rows read from a post: the page adds rows on demand, a post cannot make the form read without end.
MAX_COMPONENT_ROWS = 60

# Sent by a checklist with "received" boxes: then an unticked row is a paper the applicant did not bring.
CHECKLIST_MARKER = "comp-checklist"


def translated(choices) -> list[tuple[str, str]]:
    """Return model choices whose Vietnamese labels are translated when shown (see motcua.portal.labels)."""
    return [(value, _(text)) for value, text in choices]


class VietnameseErrorsMixin:
    """Mark invalid inputs with aria-invalid so Pico CSS outlines them."""

    def mark_invalid(self):
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-invalid"] = "true"
                self.fields[name].widget.attrs["aria-describedby"] = f"err-{self.add_prefix(name)}"


# ------------------------------------------------------------------ worklist


class WorklistFilterForm(CleanTextMixin, VietnameseErrorsMixin, forms.Form):
    q = forms.CharField(label=_("Tìm mã hồ sơ, người nộp"), required=False, max_length=200)
    status = forms.MultipleChoiceField(
        label=_("Trạng thái"), required=False, choices=translated(Status.choices), widget=forms.CheckboxSelectMultiple
    )
    procedure = forms.ChoiceField(label=_("Thủ tục"), required=False)
    field = forms.ChoiceField(label=_("Lĩnh vực"), required=False)
    channel = forms.ChoiceField(label=_("Hình thức"), required=False, choices=[("", _("Tất cả"))] + translated(Channel.choices))
    assignee = forms.ChoiceField(
        label=_("Người xử lý"),
        required=False,
        choices=[("", _("Tất cả")), ("me", _("Tôi đang xử lý")), ("none", _("Chưa phân công"))],
    )
    received_from = forms.DateField(label=_("Tiếp nhận từ ngày"), required=False, input_formats=DATE_FORMATS)
    received_to = forms.DateField(label=_("đến ngày"), required=False, input_formats=DATE_FORMATS)
    due = forms.ChoiceField(
        label=_("Hạn"),
        required=False,
        choices=[
            ("", _("Tất cả")),
            ("overdue", pgettext_lazy("hạn", "Quá hạn")),
            ("today", _("Đến hạn hôm nay")),
            ("soon", _("Sắp đến hạn (1 ngày làm việc)")),
        ],
    )
    unit = forms.ChoiceField(label=_("Đơn vị"), required=False)
    apology = forms.ChoiceField(
        label=_("Xin lỗi"),
        required=False,
        choices=[
            ("", _("Tất cả")),
            ("missing", _("Chưa có văn bản xin lỗi")),
            ("needed", _("Cần xin lỗi (còn dưới 1 ngày làm việc hoặc quá hạn)")),
        ],
    )
    sort = forms.ChoiceField(label=_("Sắp xếp"), required=False, choices=list(SORTS.items()))
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, data, *, user):
        super().__init__(data)
        self.user = user
        self.units = visible_units(user).order_by("path")
        self.unit_list = list(self.units.only("uid", "code", "name", "path")[:500])
        self.fields["unit"].choices = [("", _("Tất cả đơn vị trong phạm vi"))] + [(u.uid, u.name) for u in self.unit_list]  # stable ids: a code may name two units
        procedures = Procedure.objects.order_by("name").only("code", "name")
        self.fields["procedure"].choices = [("", _("Tất cả"))] + [(p.code, f"{p.name} ({p.code})") for p in procedures]
        self.fields["field"].choices = [("", _("Tất cả"))] + list(Field.objects.order_by("name").values_list("code", "name"))
        for name in ("received_from", "received_to"):
            self.fields[name].widget.attrs.update({"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})
        self.fields["q"].widget.attrs.update({"type": "search", "placeholder": _("Mã hồ sơ hoặc tên người nộp")})
        self.fields["received_from"].error_messages["invalid"] = _("Ngày không hợp lệ, hãy ghi theo dạng dd/mm/yyyy.")
        self.fields["received_to"].error_messages["invalid"] = _("Ngày không hợp lệ, hãy ghi theo dạng dd/mm/yyyy.")
        for name in ("procedure", "field", "channel", "assignee", "due", "apology", "sort", "status"):
            self.fields[name].error_messages["invalid_choice"] = _("Giá trị «%(value)s» không có trong danh sách.")
        self.fields["unit"].error_messages["invalid_choice"] = _("Đơn vị «%(value)s» không thuộc phạm vi của bạn.")

    @property
    def shows_unit(self) -> bool:
        return len(self.unit_list) > 1

    def clean(self):
        data = super().clean()
        start, end = data.get("received_from"), data.get("received_to")
        if start and end and start > end:
            self.add_error("received_to", _("Ngày «đến» phải sau hoặc bằng ngày «từ»."))
        return data

    def filters(self) -> Filters:
        """Return the filters of the valid fields; an invalid field filters nothing but is reported."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        unit_code = data.get("unit") or ""
        unit = next((u for u in self.unit_list if u.uid == unit_code), None) if unit_code else None
        procedure = Procedure.objects.filter(code=data["procedure"]).first() if data.get("procedure") else None
        field = Field.objects.filter(code=data["field"]).first() if data.get("field") else None
        dates_ok = "received_to" not in self.errors
        return Filters(
            q=(data.get("q") or "").strip(),
            statuses=tuple(data.get("status") or ()),
            procedure=procedure,
            field=field,
            channel=data.get("channel") or "",
            assignee=data.get("assignee") or "",
            received_from=data.get("received_from") if dates_ok else None,
            received_to=data.get("received_to") if dates_ok else None,
            due=data.get("due") or "",
            unit=unit,
            apology=data.get("apology") or "",
            sort=data.get("sort") or DEFAULT_SORT,
        )

    @property
    def refused_unit(self) -> bool:
        """Tell whether an out-of-scope unit was asked for: then no row may be shown."""
        return "unit" in self.errors


# ------------------------------------------------------------------- intake


class ApplicantFields(CleanTextMixin, forms.Form):
    applicant_kind = forms.ChoiceField(
        label=_("Người nộp là"), choices=translated(ApplicantKind.choices), initial=ApplicantKind.CITIZEN, widget=forms.RadioSelect
    )
    applicant_name = forms.CharField(label=_("Họ và tên / tên tổ chức"), max_length=300)
    applicant_id_number = forms.CharField(label=_("Số CCCD / định danh cá nhân"), max_length=32, required=False)
    applicant_phone = forms.CharField(label=_("Số điện thoại"), max_length=32, required=False)
    applicant_email = forms.EmailField(label=_("Thư điện tử"), max_length=254, required=False)
    applicant_address = forms.CharField(label=_("Địa chỉ"), max_length=500, required=False)

    def clean_applicant_phone(self):
        phone = self.cleaned_data["applicant_phone"].strip().replace(" ", "").replace(".", "")
        if phone and not (phone.lstrip("+").isdigit() and 9 <= len(phone.lstrip("+")) <= 12):
            raise ValidationError(_("Số điện thoại chỉ gồm 9–12 chữ số, ví dụ 0912345678."))
        return phone

    def clean_applicant_id_number(self):
        return self.cleaned_data["applicant_id_number"].strip().replace(" ", "")

    def check_applicant(self, data, day: dt.date):
        kind, number = data.get("applicant_kind"), data.get("applicant_id_number") or ""
        if kind == ApplicantKind.CITIZEN and "applicant_id_number" not in self.errors:
            if not number:
                self.add_error("applicant_id_number", _("Cần ghi số định danh cá nhân (CCCD) của công dân."))
            else:
                problem = validate_cccd(number, today=day)
                if problem:
                    self.add_error("applicant_id_number", gettext("Số CCCD không hợp lệ: %(problem)s.") % {"problem": message(problem)})


def _require_messages(form):
    for field in form.fields.values():
        field.error_messages["required"] = _("Cần điền mục này.")
        field.error_messages["invalid_choice"] = _("Giá trị «%(value)s» không có trong danh sách.")
        field.error_messages.setdefault("max_length", _("Dài quá giới hạn cho phép."))
    if "applicant_email" in form.fields:
        form.fields["applicant_email"].error_messages["invalid"] = _("Địa chỉ thư điện tử không hợp lệ.")


class IntakeForm(VietnameseErrorsMixin, ApplicantFields):
    procedure = forms.IntegerField(label=_("Thủ tục"), widget=forms.HiddenInput)
    channel = forms.ChoiceField(label=_("Hình thức tiếp nhận"), choices=translated(Channel.choices), initial=Channel.COUNTER)
    received_at = forms.DateTimeField(
        label=_("Thời điểm tiếp nhận"),
        required=False,
        input_formats=DATETIME_FORMATS,
        help_text=_("Để trống: lấy thời điểm hiện tại."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    backdate_reason = forms.CharField(
        label=_("Lý do tiếp nhận lùi thời gian"),
        required=False,
        max_length=500,
        help_text=_("Bắt buộc khi thời điểm tiếp nhận sớm hơn hiện tại quá 10 phút; ghi vào lịch sử hồ sơ."),
    )
    result_delivery = forms.ChoiceField(
        label=_("Nhận kết quả"), choices=translated(ReturnChannel.choices), initial=ReturnChannel.COUNTER
    )
    notify = notify_field()
    field_order = [
        "procedure",
        "channel",
        "applicant_kind",
        "applicant_name",
        "applicant_id_number",
        "applicant_phone",
        "applicant_address",
        "applicant_email",
        "result_delivery",
        "notify",
        "received_at",
        "backdate_reason",
    ]

    def __init__(self, *args, unit, procedure=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.procedure_obj = None
        self.components = []
        self.fee_quote = None
        self.component_errors: dict[int, str] = {}
        _require_messages(self)
        # The procedure's own data fields (motcua.catalog.data_forms): of the procedure posted, or shown.
        self.data_procedure = procedure if procedure is not None else self._posted_procedure()
        self.data_field_names = list(data_form_fields(self.data_procedure))
        self.fields.update(data_form_fields(self.data_procedure))
        self.fields["procedure"].error_messages["required"] = _("Hãy chọn thủ tục hành chính.")
        self.fields["procedure"].error_messages["invalid"] = _("Thủ tục không hợp lệ, hãy chọn lại.")
        self.fields["received_at"].error_messages["invalid"] = _("Thời điểm không hợp lệ (dd/mm/yyyy hh:mm).")
        self.fields["applicant_name"].widget.attrs["autocomplete"] = "off"

    def _posted_procedure(self):
        """Return the unit's procedure a bound form names, if any (its data fields are part of the form)."""
        from motcua.desk.intake import procedures_for_unit

        pk = str(self.data.get("procedure") or "") if self.is_bound else ""
        return procedures_for_unit(self.unit).filter(pk=int(pk)).first() if pk.isdigit() else None

    def clean_procedure(self):
        from motcua.desk.intake import procedures_for_unit

        pk = self.cleaned_data["procedure"]
        procedure = procedures_for_unit(self.unit).filter(pk=pk).first()
        if procedure is None:
            raise ValidationError(_("Thủ tục không có trong danh mục áp dụng tại đơn vị, hãy chọn lại."))
        self.procedure_obj = procedure
        return pk

    def data_fields(self):
        """The bound fields of the procedure's own data, in the catalog's order."""
        return [self[name] for name in self.data_field_names]

    def data_values(self) -> dict:
        """The procedure's own data as the dossier keeps it: {key: JSON value}."""
        return data_values(self.data_procedure, self.cleaned_data)

    def clean_received_at(self):
        at = self.cleaned_data.get("received_at")
        if at is None:
            return None
        if timezone.is_naive(at):
            at = at.replace(tzinfo=LOCAL_TZ)
        # A little clock difference between the counter PC and the server is tolerated.
        if at > timezone.now() + dt.timedelta(minutes=5):
            raise ValidationError(_("Thời điểm tiếp nhận không được ở tương lai."))
        return at

    def clean(self):
        data = super().clean()
        at = data.get("received_at") or timezone.now()
        if data.get("received_at") and is_backdated(at) and not data.get("backdate_reason"):
            self.add_error(
                "backdate_reason",
                _("Thời điểm tiếp nhận %(at)s sớm hơn hiện tại quá 10 phút: hãy ghi lý do tiếp nhận lùi thời gian.")
                % {"at": at.astimezone(LOCAL_TZ).strftime("%H:%M %d/%m/%Y")},
            )
        self.check_applicant(data, at.astimezone(LOCAL_TZ).date())
        check_notify(self, data)
        self.components = self._clean_components()
        from motcua.payments.intake import quote_from_post

        # The fee for the copies and pages asked (motcua.payments): kept with the dossier.
        self.fee_quote, problem = quote_from_post(self.procedure_obj, self.data)
        if problem:
            self.add_error(None, problem)
        return data

    def _posted_rows(self) -> list[int]:
        """Return the numbers of the checklist rows the post carries, in order."""
        return [n for n in range(MAX_COMPONENT_ROWS) if any(f"comp-{n}-{part}" in self.data for part in ("name", "form", "quantity"))]

    def _clean_components(self) -> list[dict]:
        rows = []
        forms_allowed = set(ComponentForm.values)
        ticked_only = CHECKLIST_MARKER in self.data
        for n in self._posted_rows():
            name = (self.data.get(f"comp-{n}-name") or "").strip()
            if not name or (ticked_only and not self.data.get(f"comp-{n}-received")):
                continue
            form = self.data.get(f"comp-{n}-form") or ComponentForm.ORIGINAL
            quantity = (self.data.get(f"comp-{n}-quantity") or "1").strip()
            if len(name) > 300:
                self.component_errors[n] = _("Tên giấy tờ dài quá 300 ký tự.")
            elif form not in forms_allowed:
                self.component_errors[n] = _("Loại bản không hợp lệ (bản chính, bản sao, bản sao chứng thực).")
            elif not quantity.isdigit() or not 1 <= int(quantity) <= 99:
                self.component_errors[n] = _("Số lượng phải là số nguyên từ 1 đến 99.")
            else:
                rows.append({"name": name, "form": form, "quantity": int(quantity)})
        if self.component_errors:
            self.add_error(None, _("Danh mục thành phần hồ sơ có dòng chưa hợp lệ."))
        return rows

    def component_rows(self, procedure=None) -> list[dict]:
        """Return the checklist rows to show: what was posted, else the procedure's papers ticked, then blank rows."""
        posted = self._posted_rows() if self.is_bound else []
        if posted:
            ticked_only = CHECKLIST_MARKER in self.data
            return [
                {
                    "n": n,
                    "name": self.data.get(f"comp-{n}-name", ""),
                    "form": self.data.get(f"comp-{n}-form", ComponentForm.ORIGINAL),
                    "quantity": self.data.get(f"comp-{n}-quantity", "1"),
                    "received": bool(self.data.get(f"comp-{n}-received")) or not ticked_only,
                    "listed": bool(self.data.get(f"comp-{n}-listed")),
                    "error": self.component_errors.get(n, ""),
                }
                for n in posted
            ]
        papers = list(getattr(procedure, "components", None) or [])
        rows = [
            {
                "n": n,
                "name": paper["name"],
                "form": paper["form"],
                "quantity": str(paper["quantity"]),
                # Only the papers every applicant brings start ticked; "(trường hợp ủy quyền)" ones are ticked when brought.
                "received": not is_conditional(paper["name"]),
                "listed": True,
                "error": "",
            }
            for n, paper in enumerate(papers)
        ]
        blanks = EXTRA_COMPONENT_ROWS if papers else COMPONENT_ROWS
        for n in range(len(rows), len(rows) + blanks):
            # A blank row is nothing received yet.
            rows.append({"n": n, "name": "", "form": ComponentForm.ORIGINAL, "quantity": "1", "received": False, "listed": False, "error": ""})
        return rows

    def applicant(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["applicant_kind"],
            "name": data["applicant_name"],
            "id_number": data.get("applicant_id_number", ""),
            "phone": data.get("applicant_phone", ""),
            "email": data.get("applicant_email", ""),
            "address": data.get("applicant_address", ""),
        }


class CounterRefusalForm(CleanTextMixin, VietnameseErrorsMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Loại"), choices=translated(CounterRefusalKind.choices), initial=CounterRefusalKind.INSTRUCTED, widget=forms.RadioSelect
    )
    procedure = forms.IntegerField(label=_("Thủ tục"), required=False, widget=forms.HiddenInput)
    applicant_name = forms.CharField(label=_("Họ và tên người nộp"), max_length=300)
    applicant_id_number = forms.CharField(label=_("Số CCCD (nếu có)"), max_length=32, required=False)
    reasons = forms.CharField(
        label=_("Lý do / nội dung hướng dẫn (mỗi dòng một ý)"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.procedure_obj = None
        _require_messages(self)
        self.fields["reasons"].error_messages["required"] = _("Cần ghi rõ lý do từ chối hoặc nội dung hướng dẫn.")
        self.fields["applicant_name"].error_messages["required"] = _("Cần ghi tên người nộp hồ sơ.")

    def clean_procedure(self):
        from motcua.desk.intake import procedures_for_unit

        pk = self.cleaned_data.get("procedure")
        if pk is None:
            return None
        procedure = procedures_for_unit(self.unit).filter(pk=pk).first()
        if procedure is None:
            raise ValidationError(_("Thủ tục không có trong danh mục áp dụng tại đơn vị, hãy chọn lại."))
        self.procedure_obj = procedure
        return pk

    def clean_applicant_id_number(self):
        number = self.cleaned_data["applicant_id_number"].strip().replace(" ", "")
        if number:
            problem = validate_cccd(number, today=timezone.now().astimezone(LOCAL_TZ).date())
            if problem:
                raise ValidationError(gettext("Số CCCD không hợp lệ: %(problem)s.") % {"problem": message(problem)})
        return number

    def reason_lines(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["reasons"].splitlines() if line.strip()]
