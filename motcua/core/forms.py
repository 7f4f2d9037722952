"""The input rule for control, bidi and zero-width characters (motcua.lib.cleaning) on every web form.

Every form of the project inherits `CleanTextMixin` (tests/core/test_clean_text.py
checks it): each text field's cleaned value loses its zero-width characters, and
a control or bidi character is refused next to the field with a message naming
it. Tab and line breaks are allowed in multi-line fields (a Textarea) only.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _

from motcua.lib.cleaning import BIDI_KIND, LINE_KIND, UnsafeText, clean_text, code_point


def unsafe_text_message(label, error: UnsafeText) -> str:
    """Return the message (in the user's language) refusing `error`'s character in the field `label`."""
    values = {"field": label, "code": code_point(error.char)}
    if error.kind == BIDI_KIND:
        return _("“%(field)s” chứa ký tự điều khiển hướng chữ (%(code)s), không được phép.") % values
    if error.kind == LINE_KIND:
        return _("“%(field)s” chỉ được viết trên một dòng (có ký tự xuống dòng hoặc tab %(code)s).") % values
    return _("“%(field)s” chứa ký tự điều khiển (%(code)s), không được phép.") % values


class CleanTextMixin:
    """Apply the input rule to every CharField of the form once the fields are cleaned."""

    def _clean_fields(self):
        super()._clean_fields()
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            if not isinstance(field, forms.CharField) or isinstance(field.widget, forms.PasswordInput):
                continue  # a password is checked as typed, never changed
            if not isinstance(value, str) or not value:
                continue
            try:
                self.cleaned_data[name] = clean_text(value, multiline=isinstance(field.widget, forms.Textarea))
            except UnsafeText as error:
                self.add_error(name, unsafe_text_message(field.label or name, error))
