"""Staff sign-in lockout page (django-axes) and each user's own password change."""

from __future__ import annotations

import math

from django.conf import settings
from django.contrib.auth import forms as auth_forms, views as auth_views
from django.contrib.auth.password_validation import MinimumLengthValidator, get_default_password_validators
from django.contrib.messages.views import SuccessMessageMixin
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from motcua.core.forms import CleanTextMixin
from motcua.core.passwords import password_problems


def locked_out(request, original_response=None, credentials=None):
    """Answer a sign-in attempt from a user name and address that failed too often (AXES_LOCKOUT_CALLABLE)."""
    minutes = math.ceil(settings.MOTCUA_LOGIN_COOLOFF_MINUTES)
    context = {"minutes": minutes, "failures": settings.MOTCUA_LOGIN_FAILURE_LIMIT}
    response = render(request, "registration/locked_out.html", context, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response


class PasswordChangeForm(CleanTextMixin, auth_forms.PasswordChangeForm):
    """Django's form, the validators' messages said as on the administrators' pages."""

    def validate_password_for_user(self, user, password_field_name="password2"):
        password = self.cleaned_data.get(password_field_name)
        for problem in password_problems(password, user) if password else []:
            self.add_error(password_field_name, problem)


class PasswordChangeView(SuccessMessageMixin, auth_views.PasswordChangeView):
    """"Đổi mật khẩu": the old password, then a new one that passes the password validators.

    Django keeps this session signed in; the user's API tokens stop working
    (motcua/api/tokens.py compares each token with the password it was made under).
    """

    form_class = PasswordChangeForm
    template_name = "core/password_change.html"
    success_url = reverse_lazy("home")
    success_message = _("Đã đổi mật khẩu. Các mã truy cập API cũ của bạn không còn dùng được.")

    def get_context_data(self, **kwargs):
        lengths = [v.min_length for v in get_default_password_validators() if isinstance(v, MinimumLengthValidator)]
        return super().get_context_data(min_length=max(lengths, default=1), **kwargs)
