"""The applicant's choice of notice channels on an intake form (desk, online), and its check.

Any intake form adds the field and checks it in its clean():

    from motcua.notices.forms import check_notify, notify_field

    class MyIntakeForm(CleanTextMixin, forms.Form):
        notify = notify_field()
        def clean(self):
            data = super().clean()
            check_notify(self, data)      # SMS needs a phone, e-mail an address
            return data

and passes `notify=form.cleaned_data["notify"]` to do_receive_dossier / do_submit_online_dossier.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.models import NotifyChannel

NOTIFY_CHOICES = [(NotifyChannel.SMS, _("Tin nhắn SMS")), (NotifyChannel.EMAIL, _("Thư điện tử (email)"))]


def notify_field() -> forms.MultipleChoiceField:
    """Return the "Nhận thông báo qua" checkboxes: SMS, e-mail, both or none."""
    field = forms.MultipleChoiceField(
        label=_("Nhận thông báo về hồ sơ qua"),
        required=False,
        choices=NOTIFY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tiếp nhận, yêu cầu bổ sung, xin lỗi hẹn lại, có kết quả. Không chọn: không gửi thông báo."),
    )
    field.error_messages["invalid_choice"] = _("Cách nhận thông báo «%(value)s» không có trong danh sách.")
    return field


def check_notify(form, data: dict, *, field="notify", phone="applicant_phone", email="applicant_email") -> None:
    """Refuse, next to the field, a channel chosen without its contact (SMS without a phone, e-mail without an address)."""
    chosen = set(data.get(field) or ())
    if NotifyChannel.SMS in chosen and not data.get(phone) and phone not in form.errors:
        form.add_error(field, _("Muốn nhận tin nhắn SMS, hãy ghi số điện thoại của người nộp."))
    if NotifyChannel.EMAIL in chosen and not data.get(email) and email not in form.errors:
        form.add_error(field, _("Muốn nhận thư điện tử, hãy ghi địa chỉ thư điện tử của người nộp."))
