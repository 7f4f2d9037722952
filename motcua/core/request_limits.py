"""Refuse a request body larger than the cap before anything reads it.

Django reads a multipart body in full (to memory or temporary files) the first
time request.POST or request.FILES is touched, so the per-file checks of the
upload code come too late for a 200 MB POST. This middleware looks only at the
declared Content-Length, which the WSGI server also enforces when reading (a
body without one is read as empty), and answers 413 before the body is read.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils.html import escape
from django.utils.translation import gettext

from motcua.api.errors import body as api_error_body


class RequestBodyCapMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit_mb = cap_mb(request.path)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit_mb * 1024 * 1024:
            response = too_large(request, length, limit_mb)
            # Answered before CommonMiddleware would set it: the client may read the answer while still sending.
            response["Content-Length"] = str(len(response.content))
            return response
        return self.get_response(request)


# The administrators' load page takes JSON Lines files up to its own limit (LoadForm), a little above for the form's fields.
LOAD_PAGE = "/quan-tri/nap-du-lieu/"


def cap_mb(path: str) -> float:
    """Return the largest body accepted at `path`, in megabytes."""
    if path == LOAD_PAGE:
        # Declared by the operations settings (MOTCUA_MAX_LOAD_MB, default 200), read the way LoadForm reads it.
        return max(settings.MOTCUA_MAX_REQUEST_MB, settings.MOTCUA_MAX_LOAD_MB + 1)
    return settings.MOTCUA_MAX_REQUEST_MB


def _mb(value: float) -> str:
    return f"{value:g}" if value >= 1 else f"{value:.2g}"


def too_large(request, length: int, limit_mb: float):
    sent = _mb(round(length / (1024 * 1024), 1))
    if request.path.startswith("/api/"):
        message = f"nội dung yêu cầu ({sent} MB) vượt giới hạn {_mb(limit_mb)} MB"
        return JsonResponse(api_error_body("request_too_large", message, {"limit_mb": limit_mb}), status=413)
    text = gettext("Nội dung gửi lên (%(sent)s MB) vượt giới hạn %(limit)s MB của hệ thống. Xin gửi tệp nhỏ hơn hoặc ít tệp hơn.") % {
        "sent": sent,
        "limit": _mb(limit_mb),
    }
    title = gettext("Nội dung gửi lên quá lớn")
    page = f'<!doctype html><html lang="{request.LANGUAGE_CODE}"><meta charset="utf-8"><title>{escape(title)}</title><h1>{escape(title)}</h1><p>{escape(text)}</p></html>'
    return HttpResponse(page, status=413, content_type="text/html; charset=utf-8")
