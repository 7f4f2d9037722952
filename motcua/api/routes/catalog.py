"""The procedure catalog, as far as it applies to the caller's units."""

from django.db.models import Q
from django.utils import timezone
from ninja import Query, Router

from motcua.accounts.scoping import unit_filter
from motcua.api import serialize
from motcua.api.errors import ApiError
from motcua.api.routes.common import READ_ERRORS
from motcua.api.schemas import ProcedureDetailOut, ProcedurePage, ProcedureQuery, Text
from motcua.catalog.models import Procedure
from motcua.lib.text import matches_all, search_terms

router = Router(tags=["Thủ tục hành chính"])


def applicable_procedures(user):
    """Return the procedures that apply to one of the user's units (no units listed = every unit)."""
    base = Procedure.objects.select_related("field", "level")
    if not getattr(user, "is_authenticated", False):
        return base.none()
    listed_here = Procedure.objects.filter(unit_filter(user, "units")).values("pk")
    return base.filter(Q(units__isnull=True) | Q(pk__in=listed_here)).distinct()


@router.get("/procedures", response={200: ProcedurePage, **READ_ERRORS}, summary="Tra cứu thủ tục")
def list_procedures(request, filters: ProcedureQuery = Query(...)):
    """List procedures, searching code and name without regard to diacritics."""
    procedures = applicable_procedures(request.auth)
    if filters.field:
        procedures = procedures.filter(field__code=filters.field)
    today = timezone.localdate()
    if filters.in_force is not None:
        in_force = Q(announced_on__isnull=True) | Q(announced_on__lte=today)
        in_force &= Q(abolished_on__isnull=True) | Q(abolished_on__gt=today)
        procedures = procedures.filter(in_force if filters.in_force else ~in_force)
    terms = search_terms(filters.q or "")
    if terms:
        # The catalog is a few hundred rows: folding in Python beats a stored folded column.
        wanted = [pk for pk, code, name in procedures.values_list("pk", "code", "name") if matches_all(terms, code, name)]
        procedures = procedures.filter(pk__in=wanted)
    procedures = procedures.order_by("code", "pk")
    offset = (filters.page - 1) * filters.page_size
    return {
        "items": [serialize.procedure_out(p, today) for p in procedures[offset : offset + filters.page_size]],
        "count": procedures.count(),
        "page": filters.page,
        "page_size": filters.page_size,
    }


@router.get("/procedures/{code}", response={200: ProcedureDetailOut, **READ_ERRORS}, summary="Chi tiết thủ tục")
def get_procedure(request, code: Text(32, 1)):
    """Return one procedure with its durations and internal steps."""
    procedure = applicable_procedures(request.auth).filter(code=code).first()
    if procedure is None:
        raise ApiError(404, "not_found", f"không có thủ tục mã {code}")
    return serialize.procedure_detail(procedure, timezone.localdate())
