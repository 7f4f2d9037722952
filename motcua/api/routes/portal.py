"""POST /api/portal/dossiers: the national portal files a dossier (bearer token of its connector account only)."""

from django.http import HttpResponse
from ninja import Router, Status

from motcua.api.auth import bearer_auth
from motcua.api.errors import ApiError
from motcua.api.portal_schemas import PortalDossierIn, PortalFilingOut
from motcua.api.routes.common import WRITE_ERRORS
from motcua.dossiers.portal_filings import FilingErrorCode, PortalFilingError, answer, file_from_portal

router = Router(tags=["Cổng DVC quốc gia"])

FILING_ERROR_STATUS = {FilingErrorCode.INVALID_FILING: 422, FilingErrorCode.FILING_CONFLICT: 409}


@router.post(
    "/portal/dossiers",
    auth=bearer_auth,
    response={200: PortalFilingOut, 201: PortalFilingOut, **WRITE_ERRORS},
    summary="Nhận hồ sơ nộp trên Cổng DVC quốc gia",
    operation_id="file_portal_dossier",
)
def file_portal_dossier(request, payload: PortalDossierIn, response: HttpResponse):
    """Keep a dossier filed on the national portal (TrangThaiHoSo 1) until the desk accepts or refuses it.

    Idempotent on MaHoSo: the same body again answers 200 with the filing's current state
    (`Idempotent-Replayed: true`); another body for a known MaHoSo is 409. Every bad field is
    listed in `details.errors`.
    """
    try:
        filing, created = file_from_portal(request.auth, payload.model_dump(mode="json"))
    except PortalFilingError as error:
        raise ApiError(FILING_ERROR_STATUS[error.code], error.code.value, error.message, {"errors": error.errors}) from None
    if not created:
        response["Idempotent-Replayed"] = "true"
    return Status(201 if created else 200, answer(filing))
