"""Lookups every route shares: always through the caller's visible units, 404 for what lies outside."""

from __future__ import annotations

from motcua.accounts.scoping import scoped, visible_units
from motcua.api.errors import ApiError
from motcua.api.schemas import ErrorOut
from motcua.catalog.models import Procedure
from motcua.dossiers.models import Dossier
from motcua.units.models import find_unit

# Error responses documented on every authenticated operation.
AUTH_ERRORS = {401: ErrorOut}
READ_ERRORS = {**AUTH_ERRORS, 404: ErrorOut, 422: ErrorOut}
WRITE_ERRORS = {**AUTH_ERRORS, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


def get_dossier(user, code: str) -> Dossier:
    """Return the dossier with `code` among the user's units, or raise 404."""
    dossier = (
        scoped(Dossier.objects.all(), user)
        .select_related("unit", "procedure", "assignee", "current_step")
        .filter(code=code)
        .first()
    )
    if dossier is None:
        raise ApiError(404, "not_found", f"không tìm thấy hồ sơ {code}")
    return dossier


def get_visible_unit(user, code: str):
    """Return the visible unit with `code`, or None."""
    return find_unit(code, queryset=visible_units(user))


def intake_unit(user, code: str | None):
    """Return the unit that receives: the one named, else the user's own."""
    if code and user.unit_id and code == user.unit.code:
        # Every role sees its own unit: no query needed.
        return user.unit
    if code:
        unit = get_visible_unit(user, code)
        if unit is None:
            raise ApiError(422, "unknown_unit", f"không có đơn vị mã {code} trong phạm vi của bạn", {"unit": code})
        return unit
    if user.unit_id:
        return user.unit
    units = list(visible_units(user)[:2])
    if len(units) == 1:
        return units[0]
    raise ApiError(422, "unit_required", "cần ghi mã đơn vị tiếp nhận (trường «unit»)")


def known_procedure(code: str) -> Procedure:
    """Return the catalog procedure with `code`, or raise 422."""
    # order_by(): the model's ordering joins the field table, useless for one code (unique).
    procedure = Procedure.objects.filter(code=code).order_by().first()
    if procedure is None:
        raise ApiError(422, "unknown_procedure", f"không có thủ tục mã {code}", {"procedure": code})
    return procedure
