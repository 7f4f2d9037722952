"""Citizens sign in through OpenID Connect (VNeID) with mozilla-django-oidc; they never become users.

The library does the protocol (state, nonce, PKCE, the code exchange, the ID
token's signature against the provider's keys). What it would make a Django
user of is here a `Citizen`: the verified personal ID number, kept in the
session under CITIZEN_SESSION_KEY, apart from Django's authentication — a
signed-in citizen is still anonymous to every staff page and to the API.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponseRedirect
from django.utils import timezone
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from motcua.lib.cccd import validate_cccd

CITIZEN_SESSION_KEY = "motcua_citizen"
CITIZEN_HOME = "/cong-dan/ho-so/"


def oidc_enabled() -> bool:
    """Tell whether citizen sign-in is configured (a client id at the provider)."""
    return bool(settings.OIDC_RP_CLIENT_ID)


@dataclass
class Citizen:
    """Who signed in at the provider: not a user, never saved; `is_active` for the library's check."""

    id_number: str
    name: str
    is_active: bool = True
    backend: str = ""


class CitizenOIDCBackend(OIDCAuthenticationBackend):
    """Answer only the OIDC callback, with a Citizen; inert (and harmless to password sign-in) when not configured."""

    def __init__(self, *args, **kwargs):
        self.configured = oidc_enabled()
        if self.configured:
            super().__init__(*args, **kwargs)

    def authenticate(self, request, **kwargs):
        # The callback passes the nonce; a password sign-in passes a username and password.
        if not self.configured or "nonce" not in kwargs or "username" in kwargs or "password" in kwargs:
            return None
        return super().authenticate(request, **kwargs)

    def get_or_create_user(self, access_token, id_token, payload):
        """Return the Citizen the provider vouched for: the ID token's claims over the userinfo's."""
        claims = {**self.get_userinfo(access_token, id_token, payload), **payload}
        number = str(claims.get(settings.MOTCUA_OIDC_ID_CLAIM) or "").strip()
        problem = validate_cccd(number, today=timezone.localdate()) if number else "không có"
        if problem:
            # The library logs it and signs nobody in.
            raise SuspiciousOperation(f"claim {settings.MOTCUA_OIDC_ID_CLAIM}: {problem}")
        name = claims.get("name") or " ".join(filter(None, [claims.get("family_name"), claims.get("given_name")]))
        return Citizen(id_number=number, name=str(name or "").strip())


class CitizenSignInView(OIDCAuthenticationRequestView):
    """Send the citizen to the provider's sign-in page (404 when sign-in is not configured)."""

    def dispatch(self, request, *args, **kwargs):
        if not oidc_enabled():
            raise Http404("chưa cấu hình đăng nhập VNeID")
        return super().dispatch(request, *args, **kwargs)

    def __init__(self, *args, **kwargs):
        # The library reads the endpoints when the view is made: only when configured.
        if oidc_enabled():
            super().__init__(*args, **kwargs)
        else:
            super(OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)


class CitizenCallbackView(OIDCAuthenticationCallbackView):
    """The provider's answer: keep the citizen in the session (a new session key) and show their dossiers."""

    def dispatch(self, request, *args, **kwargs):
        if not oidc_enabled():
            raise Http404("chưa cấu hình đăng nhập VNeID")
        return super().dispatch(request, *args, **kwargs)

    def login_success(self):
        if not isinstance(self.user, Citizen):
            # No backend here returns a staff account; refuse anything else.
            return self.login_failure()
        session = self.request.session
        session.cycle_key()
        session[CITIZEN_SESSION_KEY] = {"id_number": self.user.id_number, "name": self.user.name}
        return HttpResponseRedirect(CITIZEN_HOME)


def signed_in_citizen(request) -> dict | None:
    """Return {"id_number", "name"} of the citizen signed in through VNeID in this session, or None."""
    session = getattr(request, "session", None)
    citizen = session.get(CITIZEN_SESSION_KEY) if session is not None else None
    return citizen if isinstance(citizen, dict) and citizen.get("id_number") else None


def vneid_verified_for(request, id_number: str) -> bool:
    """Tell whether an online filing for `id_number` comes from that very citizen, signed in through VNeID.

    The online form marks the dossier `applicant_vneid_verified` (TaiKhoanDuocXacThucVoiVNeID = 1) only then.
    """
    citizen = signed_in_citizen(request)
    return citizen is not None and citizen["id_number"] == str(id_number or "").strip()


def sign_out_citizen(request) -> None:
    """Forget the signed-in citizen (and the rest of the session)."""
    request.session.flush()
