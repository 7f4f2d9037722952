"""Who the caller is and which units he sees."""

from ninja import Router

from motcua.accounts.scoping import visible_units
from motcua.api import serialize
from motcua.api.routes.common import AUTH_ERRORS
from motcua.api.schemas import MeOut, UnitOut

router = Router(tags=["Người dùng"])


@router.get("/me", response={200: MeOut, **AUTH_ERRORS}, summary="Người dùng đang gọi API")
def me(request):
    """Return the caller's account, role and unit."""
    return serialize.me_out(request.auth)


@router.get("/units", response={200: list[UnitOut], **AUTH_ERRORS}, summary="Các đơn vị trong phạm vi")
def units(request):
    """List the units whose records the caller may see."""
    return [serialize.unit_out(u) for u in visible_units(request.auth).select_related("level")]
