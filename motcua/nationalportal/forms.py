from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.core.forms import CleanTextMixin


class RequeueForm(CleanTextMixin, forms.Form):
    """Re-queue one failed message (its id), or every failed message of the administrator's units (no id)."""

    message = forms.IntegerField(
        required=False, min_value=1, error_messages={"invalid": _("mã thông điệp phải là số"), "min_value": _("mã thông điệp không hợp lệ")}
    )
