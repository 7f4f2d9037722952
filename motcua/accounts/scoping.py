"""Query helpers that return only what a user's units allow; every feature uses them.

A user sees his unit and, for oversight roles, every unit below it; and the
records of the units his units replaced (their predecessors, followed
transitively: a commune formed by a 2025 merger keeps the old communes'
files), for oversight roles with the units below those too. A predecessor's
own users do not see its successor.
"""

from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from motcua.accounts.models import ROLES_SEEING_SUBTREE, Role
from motcua.units.models import Unit


def _predecessors_sql(*, subtree: bool) -> str:
    """SQL of the ids of the predecessors (transitively) of the seed units; with `subtree`, plus every unit below them.

    Parameters: subtree → (path, length of path, path, length of path): the seed is the
    units under `path`; else (unit id,). One recursive query inside the caller's
    query (SQLite and PostgreSQL both have WITH RECURSIVE), so seeing
    predecessors costs no extra round trip.
    """
    units = Unit._meta.db_table
    links = Unit.successors.through._meta.db_table
    seed = f"substr(s.path, 1, %s) = %s" if subtree else "t.to_unit_id = %s"
    join_seed = f"JOIN {units} s ON s.id = t.to_unit_id " if subtree else ""
    heirs = (
        f"WITH RECURSIVE heirs(id, path) AS ("
        f"SELECT p.id, p.path FROM {links} t {join_seed}JOIN {units} p ON p.id = t.from_unit_id WHERE {seed} "
        f"UNION SELECT p.id, p.path FROM {links} t JOIN heirs h ON t.to_unit_id = h.id "
        f"JOIN {units} p ON p.id = t.from_unit_id) "
    )
    if not subtree:
        return heirs + "SELECT id FROM heirs"
    # Units below a predecessor outside the user's subtree (inside it they are seen already).
    return (
        heirs
        + f"SELECT v.id FROM heirs h JOIN {units} v ON substr(v.path, 1, length(h.path)) = h.path "
        + "WHERE substr(h.path, 1, %s) <> %s"
    )


def visible_units(user) -> QuerySet[Unit]:
    """Return the units whose records the user may see."""
    if not getattr(user, "is_authenticated", False):
        return Unit.objects.none()
    if user.is_superuser and user.unit_id is None:
        return Unit.objects.all()
    if user.unit_id is None:
        return Unit.objects.none()
    if user.role in ROLES_SEEING_SUBTREE:
        path = user.unit.path
        below = RawSQL(_predecessors_sql(subtree=True), (len(path), path, len(path), path))
        return Unit.objects.filter(Q(path__startswith=path) | Q(pk__in=below))
    replaced = RawSQL(_predecessors_sql(subtree=False), (user.unit_id,))
    return Unit.objects.filter(Q(pk=user.unit_id) | Q(pk__in=replaced))


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
