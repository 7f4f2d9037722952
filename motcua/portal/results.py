"""The citizen's download of a dossier's signed result (or signed refusal letter), only after the 4-digit check.

A passed check on the status page is remembered in the visitor's session for
that dossier; the download refuses (403) a visitor who has not passed it, and
says 404 when the dossier has no signed result.
"""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from motcua.dossiers.results import signed_result
from motcua.portal.ratelimit import rate_limited

_SESSION_KEY = "portal_checked_dossiers"
# Enough for a family's dossiers; the oldest checks are forgotten first.
_REMEMBERED = 20


def remember_check(request, dossier) -> None:
    """Note in the session that the visitor passed the 4-digit check for `dossier`."""
    checked = [pk for pk in request.session.get(_SESSION_KEY, []) if pk != dossier.pk]
    request.session[_SESSION_KEY] = [*checked, dossier.pk][-_REMEMBERED:]


def passed_check(request, dossier) -> bool:
    return dossier.pk in request.session.get(_SESSION_KEY, [])


def result_download_url(dossier) -> str:
    """Return the download URL of the dossier's signed result, or "" when it has none."""
    return reverse("portal:result", args=[dossier.code]) if signed_result(dossier) else ""


@require_safe
@rate_limited
def result_download(request, code: str):
    """Send the signed result PDF to a visitor who passed the check for this dossier."""
    from motcua.portal.views import find_dossier, public_page

    dossier = find_dossier(code.strip())
    if dossier is None:
        raise Http404(gettext("Không tìm thấy hồ sơ."))
    if not passed_check(request, dossier):
        context = {"code": dossier.code}
        return public_page(request, "portal/result_refused.html", context, status=403)
    document = signed_result(dossier)
    if document is None:
        raise Http404(gettext("Hồ sơ chưa có kết quả đã ký số."))
    try:
        handle = document.attachment.file.open("rb")
    except OSError:
        raise Http404(gettext("Tệp không còn trong kho lưu trữ.")) from None
    response = FileResponse(
        handle, content_type="application/pdf", as_attachment=True, filename=document.attachment.original_name
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
