"""Dossiers: intake, the scoped list, one dossier with its history, counter refusals."""

from django.http import HttpResponse
from django.utils import timezone
from ninja import Header, Query, Router, Status

from motcua.accounts.scoping import scoped, visible_units
from motcua.api import serialize
from motcua.api.routes.common import READ_ERRORS, WRITE_ERRORS, get_dossier, intake_unit, known_procedure
from motcua.api.schemas import (
    CounterRefusalIn,
    CounterRefusalOut,
    DossierOut,
    DossierPage,
    DossierQuery,
    ErrorOut,
    EventOut,
    IdNumberSearchIn,
    IntakeIn,
    Text,
)
from motcua.dossiers import actions as a
from motcua.dossiers.models import Dossier
from motcua.dossiers.queries import open_supplement_since, ordered, overdue_q, received_between_q, search_q
from motcua.units.models import find_unit
from motcua.privacy.log import log_dossier_view, log_export, log_search

router = Router(tags=["Hồ sơ"])


def etag(dossier) -> str:
    """Return the entity tag of a dossier: its version, quoted."""
    return f'"{dossier.version}"'


@router.post("/dossiers", response={201: DossierOut, **WRITE_ERRORS}, summary="Tiếp nhận hồ sơ")
def receive_dossier(request, payload: IntakeIn, response: HttpResponse):
    """Receive a dossier at the counter: issue its code and due time."""
    user = request.auth
    unit = intake_unit(user, payload.unit)
    procedure = known_procedure(payload.procedure)
    dossier = a.do_receive_dossier(
        user,
        unit,
        procedure,
        payload.channel,
        payload.received_at,
        payload.applicant.model_dump(),
        [c.model_dump() for c in payload.components],
        payload.result_delivery,
        data=payload.data,
        notify=list(dict.fromkeys(payload.notify)),
        reason=payload.reason or "",
    )
    response["ETag"] = etag(dossier)
    response["Location"] = f"{request.path.rstrip('/')}/{dossier.code}"
    return Status(201, serialize.dossier_detail(dossier, user, just_received=True))


@router.get("/dossiers", response={200: DossierPage, **READ_ERRORS}, summary="Danh sách hồ sơ")
def list_dossiers(request, filters: DossierQuery = Query(...)):
    """List the dossiers of the caller's units, filtered, ordered and paginated."""
    user = request.auth
    now = timezone.now()
    dossiers = scoped(Dossier.objects.all(), user)
    if filters.status:
        dossiers = dossiers.filter(status__in=filters.status)
    if filters.unit:
        unit = find_unit(filters.unit, queryset=visible_units(user))
        # Another unit's code gives an empty list: it is not ours to confirm it exists.
        dossiers = dossiers.filter(unit__path__startswith=unit.path) if unit else dossiers.none()
    if filters.procedure:
        dossiers = dossiers.filter(procedure__code=filters.procedure)
    if filters.received_from or filters.received_to:
        dossiers = dossiers.filter(received_between_q(filters.received_from, filters.received_to))
    if filters.due_before:
        dossiers = dossiers.filter(due_at__lt=filters.due_before)
    if filters.overdue is not None:
        overdue = overdue_q(now)
        dossiers = dossiers.filter(overdue if filters.overdue else ~overdue)
    if filters.assignee:
        if filters.assignee == "me":
            dossiers = dossiers.filter(assignee=user)
        else:
            dossiers = dossiers.filter(assignee__username=filters.assignee)
    if filters.q and filters.q.strip():
        dossiers = dossiers.filter(search_q(filters.q.strip()))
    return _page(request, ordered(dossiers, filters.ordering), filters.page, filters.page_size, now)


@router.post(
    "/dossiers/search-by-id-number",
    # 400: a body that is not JSON.
    response={200: DossierPage, **READ_ERRORS, 400: ErrorOut},
    summary="Tìm hồ sơ theo số định danh",
    operation_id="search_dossiers_by_id_number",
)
def search_by_id_number(request, payload: IdNumberSearchIn):
    """Find the dossiers of the caller's units whose applicant has this ID number (in the body: never in a URL); logged."""
    dossiers = scoped(Dossier.objects.all(), request.auth).filter(applicant_id_number=payload.id_number.strip())
    result = _page(request, ordered(dossiers, "-received_at"), 1, 100, timezone.now(), export=False)
    log_search(request, result["count"], user=request.auth)
    return result


def _page(request, dossiers, number: int, size: int, now, *, export: bool = True) -> dict:
    """Return one page of dossier summaries (they name the applicants: a listing read is logged as an export)."""
    offset = (number - 1) * size
    page = list(
        dossiers.select_related("unit", "procedure", "assignee").annotate(open_supplement_since=open_supplement_since())[
            offset : offset + size
        ]
    )
    if page and export:
        log_export(request, len(page), "API danh sách hồ sơ", user=request.auth)
    return {
        "items": [serialize.dossier_summary(d, now, d.open_supplement_since) for d in page],
        "count": dossiers.count(),
        "page": number,
        "page_size": size,
    }


@router.get("/dossiers/{code}", response={200: DossierOut, 304: None, **READ_ERRORS}, summary="Chi tiết hồ sơ")
def get_dossier_detail(
    request,
    code: Text(64, 1),
    response: HttpResponse,
    if_none_match: Text(64) = Header(None, alias="If-None-Match"),
):
    """Return one dossier with its history, papers, hand-overs and what the caller may do now; ETag = version."""
    dossier = get_dossier(request.auth, code)
    if if_none_match and if_none_match.strip() == etag(dossier):
        # allowed_actions depend on the caller too, but they follow from the version and the role.
        return Status(304, None)
    response["ETag"] = etag(dossier)
    log_dossier_view(request, dossier, api=True)  # personal data read (motcua/privacy)
    return serialize.dossier_detail(dossier, request.auth)


@router.get("/dossiers/{code}/events", response={200: list[EventOut], **READ_ERRORS}, summary="Lịch sử xử lý hồ sơ")
def get_dossier_events(request, code: Text(64, 1)):
    """List a dossier's history, oldest first."""
    return serialize.events_of(get_dossier(request.auth, code))


@router.post("/counter-refusals", response={201: CounterRefusalOut, **WRITE_ERRORS}, summary="Từ chối tiếp nhận tại quầy")
def refuse_at_counter(request, payload: CounterRefusalIn):
    """Refuse papers at the counter, or instruct the applicant to complete them; no dossier is created."""
    user = request.auth
    unit = intake_unit(user, payload.unit)
    procedure = known_procedure(payload.procedure) if payload.procedure else None
    refusal = a.do_refuse_at_counter(
        user, unit, procedure, payload.applicant.model_dump(), payload.reasons, payload.kind, at=payload.at
    )
    return Status(201, serialize.counter_refusal_out(refusal))

