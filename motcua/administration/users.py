"""User accounts managed by administrators: create, change role or unit, deactivate, reset the password."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils.translation import gettext

from motcua.accounts.models import Role, User
from motcua.administration.access import AdminActionError, check_administrator, managed_units, manages, record_change
from motcua.core.passwords import password_problems


def users_for(admin):
    """Return the accounts an administrator manages: those of units in their subtree (superusers: every account)."""
    users = User.objects.select_related("unit")
    if admin.is_superuser and admin.unit_id is None:
        return users
    # Another subtree's accounts, and superusers, are beyond a unit administrator.
    return users.filter(unit__in=managed_units(admin), is_superuser=False) | users.filter(pk=admin.pk)


def user_or_404(admin, pk) -> User:
    """Return an account the administrator manages, or 404."""
    try:
        return users_for(admin).get(pk=pk)
    except (User.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy người dùng.")


def _check_unit_and_role(admin, unit, role) -> None:
    if not manages(admin, unit):
        raise AdminActionError(gettext("Đơn vị không thuộc phạm vi quản lý của bạn."), "unit")
    if role not in Role.values:
        raise AdminActionError(gettext("Chọn một vai trò trong danh sách."), "role")


def _check_password(password: str, user: User | None, field: str) -> None:
    problems = password_problems(password, user)
    if problems:
        raise AdminActionError(" ".join(problems), field)


def do_create_user(admin, username: str, last_name: str, first_name: str, unit, role: str, password: str) -> User:
    """Create an account in a unit of the administrator's subtree."""
    check_administrator(admin)
    _check_unit_and_role(admin, unit, role)
    username = username.strip()
    if User.objects.filter(username__iexact=username).exists():
        raise AdminActionError(gettext("Tên đăng nhập «%(username)s» đã có người dùng.") % {"username": username}, "username")
    candidate = User(username=username, last_name=last_name.strip(), first_name=first_name.strip(), unit=unit, role=role)
    _check_password(password, candidate, "password")
    try:
        with transaction.atomic():
            candidate.set_password(password)
            candidate.save()
            record_change(
                admin,
                unit,
                candidate,
                "tạo người dùng",
                {"username": username, "name": candidate.get_full_name(), "unit": unit.code, "role": role},
            )
    except IntegrityError:
        # The same username taken by a concurrent request.
        raise AdminActionError(gettext("Tên đăng nhập «%(username)s» đã có người dùng.") % {"username": username}, "username")
    return candidate


def do_update_user(admin, user: User, last_name: str, first_name: str, unit, role: str) -> User:
    """Change an account's name, unit or role (never one's own unit or role)."""
    check_administrator(admin)
    user = user_or_404(admin, user.pk)
    _check_unit_and_role(admin, unit, role)
    if user.pk == admin.pk and (unit.pk != user.unit_id or role != user.role):
        raise AdminActionError(gettext("Bạn không thể tự đổi vai trò hoặc đơn vị của chính mình."), "role")
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        before = {"name": user.get_full_name(), "unit": user.unit.code if user.unit else None, "role": user.role}
        user.last_name, user.first_name, user.unit, user.role = last_name.strip(), first_name.strip(), unit, role
        user.save(update_fields=["last_name", "first_name", "unit", "role"])
        after = {"name": user.get_full_name(), "unit": unit.code, "role": role}
        changed = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
        if changed:
            record_change(admin, unit, user, "sửa người dùng", changed)
    return user


def do_set_user_active(admin, user: User, active: bool) -> User:
    """Deactivate (or reactivate) an account; an administrator cannot deactivate themselves."""
    check_administrator(admin)
    user = user_or_404(admin, user.pk)
    if user.pk == admin.pk and not active:
        raise AdminActionError(gettext("Bạn không thể tự khóa tài khoản của chính mình."))
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.is_active == active:
            return user
        user.is_active = active
        user.save(update_fields=["is_active"])
        record_change(admin, user.unit, user, "mở lại tài khoản" if active else "khóa tài khoản")
    return user


def do_reset_password(admin, user: User, password: str) -> User:
    """Give an account a new password (the holder should change it after signing in)."""
    check_administrator(admin)
    user = user_or_404(admin, user.pk)
    _check_password(password, user, "password")
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        user.set_password(password)
        user.save(update_fields=["password"])
        # The password itself is never written to the history.
        record_change(admin, user.unit, user, "đặt lại mật khẩu")
    return user
