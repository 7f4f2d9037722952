"""Who calls the API: a bearer token, or a Django session (with CSRF on unsafe methods)."""

from __future__ import annotations

from django.conf import settings
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from motcua.accounts.models import Role
from motcua.api.errors import ApiError
from motcua.api.tokens import user_for_token

# The only routes the national portal's connector account may call (motcua/api/routes/portal.py).
PORTAL_PATH = "/api/portal/"
CSRF_MESSAGE = "thiếu hoặc sai mã chống giả mạo (CSRF): tải lại trang rồi thử lại, hoặc dùng mã truy cập Bearer"


class BearerTokenAuth(HttpBearer):
    """Authenticate `Authorization: Bearer <token>` against the stored token hashes."""

    def authenticate(self, request, token):
        user = user_for_token(token.strip())
        if user is None:
            return None
        if user.role == Role.NATIONAL_PORTAL and not request.path.startswith(PORTAL_PATH):
            # The national portal's connector account files dossiers, and reads nothing else.
            return None
        # Code shared with the HTML views reads request.user.
        request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """Authenticate the Django session; unsafe methods must carry the CSRF token."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self):
        super().__init__(csrf=True)

    def _get_key(self, request):
        # ninja's django_auth checks CSRF before knowing whether anyone is
        # logged in, so an anonymous POST would get 403 instead of 401:
        # check CSRF only for a logged-in session.
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if check_csrf(request):
            raise ApiError(403, "csrf_failed", CSRF_MESSAGE)
        return request.COOKIES.get(self.param_name) or "session"

    def authenticate(self, request, key):
        if key is None:
            return None
        return request.user


bearer_auth = BearerTokenAuth()
session_auth = SessionAuth()
