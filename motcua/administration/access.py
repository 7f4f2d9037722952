"""Who may use the administration pages and over which units; the change history they leave."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404

from motcua.accounts.models import Role
from motcua.administration.models import ChangeRecord
from motcua.units.models import Unit


class AdminActionError(Exception):
    """A refused administration change: the message goes next to `field` (None = the whole form)."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def is_administrator(user) -> bool:
    """Tell whether a user may use the administration pages."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or user.role == Role.ADMINISTRATOR


def administrator_required(view):
    """Let only administrators (and superusers) through; send anonymous visitors to the login page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_administrator(request.user):
            raise PermissionDenied("Chỉ quản trị viên được dùng trang này.")
        return view(request, *args, **kwargs)

    return wrapper


def managed_units(user):
    """Return the units an administrator manages: their unit's subtree (every unit for a superuser without one)."""
    if not is_administrator(user):
        return Unit.objects.none()
    if user.is_superuser and user.unit_id is None:
        return Unit.objects.all()
    if user.unit_id is None:
        return Unit.objects.none()
    return Unit.objects.filter(path__startswith=user.unit.path)


def check_administrator(user) -> None:
    """Refuse a change by anyone who is not an administrator."""
    if not is_administrator(user):
        raise PermissionDenied("Chỉ quản trị viên được thực hiện thao tác này.")


def manages(user, unit: Unit | None) -> bool:
    """Tell whether a unit lies in the administrator's subtree."""
    return unit is not None and managed_units(user).filter(pk=unit.pk).exists()


def managed_unit_or_404(user, pk) -> Unit:
    """Return a unit of the administrator's subtree, or 404 as if it did not exist."""
    try:
        return managed_units(user).get(pk=pk)
    except (Unit.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy đơn vị.")


def managed_provinces(user):
    """Return the provinces whose shared data (declared days, fields) the administrator manages.

    Declared days apply to a whole province, so only an administrator of the
    province itself (or a superuser) may change them; one of a district or a
    commune reads them.
    """
    return managed_units(user).filter(parent__isnull=True)


def manages_shared_data(user) -> bool:
    """Tell whether the administrator manages data shared by a whole province or the nation."""
    return managed_provinces(user).exists()


def home_unit(user) -> Unit | None:
    """Return the unit an administrator's pages start from: their own, else the first province."""
    if user.unit_id:
        return user.unit
    return Unit.objects.filter(parent__isnull=True).order_by("path").first()


def record_change(actor, unit, obj, action: str, details: dict | None = None, *, kind: str | None = None) -> ChangeRecord:
    """Write one history row for a change (call inside the change's transaction)."""
    return ChangeRecord.objects.create(
        actor=actor,
        unit=unit,
        object_kind=kind or obj._meta.model_name,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        action=action,
        details=details or {},
    )


def visible_history(user):
    """Return the history rows of the administrator's subtree (and, for superusers, the national ones)."""
    rows = ChangeRecord.objects.select_related("actor", "unit")
    if user.is_superuser and user.unit_id is None:
        return rows
    return rows.filter(unit__in=managed_units(user))


__all__ = [
    "AdminActionError",
    "administrator_required",
    "check_administrator",
    "home_unit",
    "is_administrator",
    "managed_provinces",
    "managed_unit_or_404",
    "managed_units",
    "manages",
    "manages_shared_data",
    "record_change",
    "visible_history",
]
