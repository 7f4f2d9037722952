"""Record a reading of personal data; every face (pages, exports, API) calls these, one line each."""

from __future__ import annotations

import getpass

from motcua.privacy.models import AccessKind, AccessRecord


def _ip(request) -> str:
    return (request.META.get("REMOTE_ADDR") or "")[:45] if request is not None else ""


def log_dossier_view(request, dossier, *, api: bool = False, detail: str = "") -> None:
    """A staff member read a dossier with its applicant's data (its page or API record; `detail`: which paper, e.g. a scan)."""
    log_paper_view(request, dossier.unit_id, detail, dossier_code=dossier.code, api=api)


def log_paper_view(request, unit_id: int, detail: str, *, dossier_code: str = "", api: bool = False) -> None:
    """A staff member read a paper carrying personal data (`detail`): a dossier's scan or printed form, a counter refusal's slip."""
    AccessRecord.objects.create(
        user=request.user if not api else request.auth,
        unit_id=unit_id,
        kind=AccessKind.API_READ if api else AccessKind.VIEW,
        dossier_code=dossier_code,
        detail=detail[:200],
        ip=_ip(request),
    )


def log_export(request, rows: int, detail: str, *, user=None, unit=None) -> None:
    """A staff member exported `rows` dossiers with personal data (`detail`: which file) of `unit` (default: the user's)."""
    user = user or request.user
    unit_id = unit.pk if unit is not None else user.unit_id
    AccessRecord.objects.create(user=user, unit_id=unit_id, kind=AccessKind.EXPORT, rows=rows, detail=detail[:200], ip=_ip(request))


def log_search(request, rows: int, *, user=None) -> None:
    """A staff member searched dossiers by a personal ID number (the number itself is not kept)."""
    user = user or request.user
    AccessRecord.objects.create(user=user, unit_id=user.unit_id, kind=AccessKind.SEARCH, rows=rows, ip=_ip(request))


def log_command_export(unit, rows: int, detail: str) -> None:
    """The command line exported `rows` dossiers of `unit` (no staff account: the system account is named)."""
    try:
        account = getpass.getuser()
    except (KeyError, OSError):
        account = "?"
    text = f"{detail} (tài khoản hệ điều hành {account})"
    AccessRecord.objects.create(user=None, unit=unit, kind=AccessKind.EXPORT, rows=rows, detail=text[:200])
