"""Django form fields for a procedure's own data fields, and back from a form's cleaned data to the values kept.

Any page that receives a dossier (the desk's intake, the citizen's online
form) shows the procedure's fields the same way:

    fields = data_form_fields(procedure)          # {"data__child_name": forms.CharField(…), …}
    form.fields.update(fields)                    # in the form's __init__ (a CleanTextMixin form)
    …
    values = data_values(procedure, form.cleaned_data)   # {"child_name": "…", "birth_date": "2024-03-05"}
    do_receive_dossier(…, data=values)            # or do_submit_online_dossier(…, data=values)

The fields check what a form can (required, type, range, choice) with
Vietnamese messages; the intake actions check the values again
(motcua.dossiers.data), so a page that skips this builder still cannot keep
a bad value. `FIELD_PREFIX` keeps the names apart from the form's own fields.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.catalog.data_fields import TEXT_MAX, TODAY

FIELD_PREFIX = "data__"
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"]


def field_name(key: str) -> str:
    return FIELD_PREFIX + key


def _definitions(procedure_or_definitions) -> list[dict]:
    if procedure_or_definitions is None:
        return []
    if isinstance(procedure_or_definitions, (list, tuple)):
        return list(procedure_or_definitions)
    return list(getattr(procedure_or_definitions, "data_fields", None) or [])


def _bound_day(value) -> dt.date | None:
    if value is None:
        return None
    if value == TODAY:
        # The project's time zone is Việt Nam's (settings.TIME_ZONE).
        return timezone.localdate()
    return dt.date.fromisoformat(value)


_MESSAGES = {
    "required": _("Cần ghi mục này."),
    "invalid": _("Giá trị không hợp lệ."),
    "invalid_choice": _("Lựa chọn «%(value)s» không có trong danh sách."),
    "max_length": _("Dài quá %(limit_value)d ký tự."),
    "min_length": _("Cần ít nhất %(limit_value)d ký tự."),
    "max_value": _("Không được lớn hơn %(limit_value)s."),
    "min_value": _("Không được nhỏ hơn %(limit_value)s."),
}


class _DayField(forms.DateField):
    """A date typed or picked (<input type="date">), refused outside the definition's bounds with the day written out."""

    def __init__(self, *, first=None, last=None, last_is_today=False, **kwargs):
        super().__init__(input_formats=DATE_INPUT_FORMATS, **kwargs)
        self.first, self.last, self.last_is_today = first, last, last_is_today
        self.error_messages["invalid"] = _("Ngày không hợp lệ, hãy chọn ngày hoặc ghi theo dạng dd/mm/yyyy.")

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        first = _bound_day(self.first)
        last = _bound_day(TODAY if self.last_is_today else self.last)
        if first is not None and value < first:
            raise forms.ValidationError(_("Không được trước ngày %(day)s.") % {"day": first.strftime("%d/%m/%Y")})
        if last is not None and value > last:
            if self.last_is_today:
                raise forms.ValidationError(_("Không được sau hôm nay."))
            raise forms.ValidationError(_("Không được sau ngày %(day)s.") % {"day": last.strftime("%d/%m/%Y")})


def _field(definition: dict) -> forms.Field:
    kind, label = definition["type"], definition["label"]
    required = bool(definition.get("required"))
    common = {"label": label, "required": required, "help_text": definition.get("help", "")}
    low, high = definition.get("min"), definition.get("max")
    if kind == "text":
        field = forms.CharField(max_length=high if high is not None else TEXT_MAX, min_length=low, **common)
    elif kind == "integer":
        field = forms.IntegerField(min_value=low, max_value=high, widget=forms.NumberInput(attrs={"inputmode": "numeric"}), **common)
    elif kind == "date":
        attrs = {"type": "date"}
        if low not in (None, TODAY):
            attrs["min"] = low
        if high not in (None, TODAY):
            attrs["max"] = high
        field = _DayField(
            first=None if low == TODAY else low,
            last=None if high == TODAY else high,
            last_is_today=high == TODAY,
            widget=forms.DateInput(attrs=attrs, format="%Y-%m-%d"),
            **common,
        )
    elif kind == "choice":
        empty = [("", _("— Chọn —"))]
        field = forms.ChoiceField(choices=empty + [(c["value"], c["label"]) for c in definition["choices"]], **common)
    elif kind == "boolean":
        # A box: unticked means "no", so it is never required to be ticked.
        common["required"] = False
        field = forms.BooleanField(**common)
    else:  # pragma: no cover - definitions are checked when stored
        raise ValueError(f"unknown data field type {kind!r}")
    for name, text in _MESSAGES.items():
        if not (name == "invalid" and kind == "date"):
            field.error_messages[name] = text
    field.data_key = definition["key"]
    return field


def data_form_fields(procedure) -> dict[str, forms.Field]:
    """Return the form fields of a procedure's own data (or of a definition list), by form field name, in order."""
    return {field_name(d["key"]): _field(d) for d in _definitions(procedure)}


def data_values(procedure, cleaned_data: dict) -> dict:
    """Map a form's cleaned data back to the values a dossier keeps: {key: JSON value}, blanks left out."""
    values = {}
    for definition in _definitions(procedure):
        value = cleaned_data.get(field_name(definition["key"]))
        if value is None or value == "":
            continue
        if isinstance(value, dt.date):
            value = value.isoformat()
        values[definition["key"]] = value
    return values


def add_field_errors(form, field_errors: dict[str, str]) -> None:
    """Put the intake action's INVALID_DATA reasons ({key: reason}) next to their fields; others on the form."""
    for key, reason in field_errors.items():
        name = field_name(key)
        form.add_error(name if name in form.fields else None, reason[:1].upper() + reason[1:] + ("" if reason.endswith(".") else "."))
