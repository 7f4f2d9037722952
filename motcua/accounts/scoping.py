"""Query helpers that return only what a user's units allow; every feature uses them."""

from django.db.models import Q, QuerySet

from motcua.accounts.models import ROLES_SEEING_SUBTREE, Role
from motcua.units.models import Unit


def visible_units(user) -> QuerySet[Unit]:
    """Return the units whose records the user may see."""
    if not getattr(user, "is_authenticated", False):
        return Unit.objects.none()
    if user.is_superuser and user.unit_id is None:
        return Unit.objects.all()
    if user.unit_id is None:
        return Unit.objects.none()
    if user.role in ROLES_SEEING_SUBTREE:
        return Unit.objects.filter(path__startswith=user.unit.path)
    return Unit.objects.filter(pk=user.unit_id)


def unit_filter(user, field: str = "unit") -> Q:
    """Return a Q object restricting a queryset's `field` to the user's visible units."""
    if getattr(user, "is_authenticated", False) and user.is_superuser and user.unit_id is None:
        return Q()
    return Q(**{f"{field}__in": visible_units(user)})


def scoped(queryset: QuerySet, user, field: str = "unit") -> QuerySet:
    """Return `queryset` limited to records of the user's units."""
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    return queryset.filter(unit_filter(user, field))


def can_act_for(user, unit: Unit, roles: set[str] | None = None) -> bool:
    """Tell whether the user may act on records of `unit`, optionally only in one of `roles`."""
    if roles is not None and user.role not in roles and not user.is_superuser:
        return False
    if getattr(user, "is_authenticated", False) and user.unit_id is not None and user.unit_id == unit.pk:
        # Every user with a unit sees their own unit (visible_units): no query for it.
        return True
    return visible_units(user).filter(pk=unit.pk).exists()


__all__ = ["Role", "visible_units", "unit_filter", "scoped", "can_act_for"]
