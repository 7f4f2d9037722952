"""Django's password validators, their messages said in Vietnamese (the administrators' pages and "Đổi mật khẩu")."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_noop

# Django's Vietnamese catalogue lacks some validator messages: say them here, by the validators' codes.
_PASSWORD_MESSAGES = {
    "password_too_short": gettext_noop("Mật khẩu quá ngắn: cần ít nhất %(min_length)s ký tự."),
    "password_too_similar": gettext_noop("Mật khẩu quá giống thông tin của tài khoản."),
    "password_too_common": gettext_noop("Mật khẩu quá phổ biến, dễ đoán."),
    "password_entirely_numeric": gettext_noop("Mật khẩu không được chỉ gồm chữ số."),
}


def password_problems(password: str, user) -> list[str]:
    """Return what the configured validators find wrong with `password` for `user`, in the user's language."""
    try:
        validate_password(password, user)
    except ValidationError as exc:
        messages = []
        for error in exc.error_list:
            template = _PASSWORD_MESSAGES.get(error.code)
            messages.append(gettext(template) % (error.params or {}) if template else " ".join(error.messages))
        return messages
    return []
