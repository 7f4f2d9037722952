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
from django.contrib.auth import get_user_model
from django.contrib.auth.views import LoginView
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponseRedirect
from django.utils import timezone
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from motcua.lib.cccd import validate_cccd

CITIZEN_SESSION_KEY = "motcua_citizen"
CITIZEN_HOME = "/cong-dan/ho-so/"
# Set by the staff entry point, read once by the callback: this sign-in is for a staff account.
STAFF_SESSION_KEY = "motcua_oidc_staff"
STAFF_CLAIM = "preferred_username"


def oidc_enabled() -> bool:
    """Tell whether citizen sign-in is configured (a client id at the provider)."""
    return bool(settings.OIDC_RP_CLIENT_ID)


def staff_oidc_enabled() -> bool:
    """Tell whether staff may sign in through the provider too (MOTCUA_OIDC_STAFF)."""
    return oidc_enabled() and settings.MOTCUA_OIDC_STAFF


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
        self.UserModel = get_user_model()

    def get_user(self, user_id):
        """Return the staff account of a session this backend signed in, while it is active (as ModelBackend)."""
        user = self.UserModel.objects.filter(pk=user_id).first()
        return user if user is not None and user.is_active else None

    def authenticate(self, request, **kwargs):
        # The callback passes the nonce; a password sign-in passes a username and password.
        if not self.configured or "nonce" not in kwargs or "username" in kwargs or "password" in kwargs:
            return None
        return super().authenticate(request, **kwargs)

    def get_or_create_user(self, access_token, id_token, payload):
        """Return the Citizen the provider vouched for (the ID token's claims over the userinfo's), or the staff account asked for."""
        claims = {**self.get_userinfo(access_token, id_token, payload), **payload}
        if self.request.session.pop(STAFF_SESSION_KEY, False):
            return self._staff_account(claims)
        number = str(claims.get(settings.MOTCUA_OIDC_ID_CLAIM) or "").strip()
        problem = validate_cccd(number, today=timezone.localdate()) if number else "không có"
        if problem:
            # The library logs it and signs nobody in.
            raise SuspiciousOperation(f"claim {settings.MOTCUA_OIDC_ID_CLAIM}: {problem}")
        name = claims.get("name") or " ".join(filter(None, [claims.get("family_name"), claims.get("given_name")]))
        return Citizen(id_number=number, name=str(name or "").strip())


    def _staff_account(self, claims):
        """Return the active staff account the claim `preferred_username` names; never create one."""
        from motcua.accounts.models import Role, User

        if not staff_oidc_enabled():
            return None
        username = str(claims.get(STAFF_CLAIM) or "").strip()
        user = User.objects.filter(username=username, is_active=True).first() if username else None
        # A service account (the portal's connector) has no sign-in.
        if user is None or not user.has_usable_password() or user.role == Role.NATIONAL_PORTAL:
            raise SuspiciousOperation(f"no staff account for {STAFF_CLAIM}")
        return user


class CitizenSignInView(OIDCAuthenticationRequestView):
    """Send the citizen to the provider's sign-in page (404 when sign-in is not configured)."""

    # Whether the callback is to sign in a staff account (StaffSignInView) rather than a citizen.
    staff = False

    def dispatch(self, request, *args, **kwargs):
        if not oidc_enabled():
            raise Http404("chưa cấu hình đăng nhập VNeID")
        if self.staff:
            request.session[STAFF_SESSION_KEY] = True
        else:
            request.session.pop(STAFF_SESSION_KEY, None)
        return super().dispatch(request, *args, **kwargs)

    def __init__(self, *args, **kwargs):
        # The library reads the endpoints when the view is made: only when configured.
        if oidc_enabled():
            super().__init__(*args, **kwargs)
        else:
            super(OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)


class StaffSignInView(CitizenSignInView):
    """The same provider for a staff account, when MOTCUA_OIDC_STAFF allows it (404 otherwise)."""

    staff = True

    def dispatch(self, request, *args, **kwargs):
        if not staff_oidc_enabled():
            raise Http404("đăng nhập cán bộ qua nhà cung cấp định danh chưa được bật")
        return super().dispatch(request, *args, **kwargs)


class StaffLoginView(LoginView):
    """The staff login page, with the provider's button when staff may use it."""

    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "oidc_staff": staff_oidc_enabled()}


class CitizenCallbackView(OIDCAuthenticationCallbackView):
    """The provider's answer: keep the citizen in the session (a new session key) and show their dossiers."""

    def dispatch(self, request, *args, **kwargs):
        if not oidc_enabled():
            raise Http404("chưa cấu hình đăng nhập VNeID")
        return super().dispatch(request, *args, **kwargs)

    def login_success(self):
        if not isinstance(self.user, Citizen):
            # A staff account, asked for through StaffSignInView: Django's own sign-in.
            self.request.session.pop(CITIZEN_SESSION_KEY, None)
            super().login_success()
            return HttpResponseRedirect(settings.LOGIN_REDIRECT_URL)
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
