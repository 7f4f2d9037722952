"""One ModelForm per register, used by the pages and by the XLSX import alike."""

from __future__ import annotations

from django import forms
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from motcua.core.forms import CleanTextMixin
from motcua.reform.registers import Register

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _formfield(db_field: models.Field, **kwargs):
    if isinstance(db_field, models.DateField):
        return forms.DateField(
            label=db_field.verbose_name,
            required=not db_field.blank,
            input_formats=DATE_FORMATS,
            widget=DateInput(),
            help_text=db_field.help_text,
            error_messages={"invalid": _("Ngày không hợp lệ (dùng dạng ngày/tháng/năm, ví dụ 30/12/2022).")},
        )
    return db_field.formfield(**kwargs)


def form_class(register: Register, unit) -> type[forms.ModelForm]:
    """Return the ModelForm of `register` whose parent choices are limited to `unit`'s records."""

    class RegisterForm(CleanTextMixin, forms.ModelForm):
        class Meta:
            model = register.model
            fields = register.fields
            formfield_callback = _formfield

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            for field in self.fields.values():
                # Labels, help texts and choices in the page's language (the XLSX file keeps the Vietnamese ones).
                field.label = gettext(str(field.label)) if field.label else field.label
                field.help_text = gettext(str(field.help_text)) if field.help_text else field.help_text
                if isinstance(field, forms.ChoiceField):
                    field.error_messages["invalid_choice"] = gettext("Giá trị “%(value)s” không có trong danh sách.")
                    if not isinstance(field, forms.ModelChoiceField):
                        field.choices = [(value, gettext(str(label))) for value, label in field.choices]
            for name, (parent_model, natural_key) in register.parent.items():
                field = self.fields[name]
                # Chosen by natural key ("BB-01/2026"), which the XLSX file writes too.
                field.queryset = parent_model.objects.filter(unit=unit)
                field.to_field_name = natural_key
                field.error_messages["invalid_choice"] = gettext("Không có %(name)s “%%(value)s” của đơn vị.") % {
                    "name": gettext(str(parent_model._meta.verbose_name)),
                }

    RegisterForm.__name__ = f"{register.model.__name__}Form"
    return RegisterForm


class ImportForm(CleanTextMixin, forms.Form):
    file = forms.FileField(label=_("Tệp Excel (.xlsx)"))
