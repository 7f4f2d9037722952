"""Issue, check and revoke API tokens.

A token is made under its user's current password and dies with it: changing
the password, by whatever path, revokes every token made before.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone

from motcua.api.models import ApiToken

TOKEN_PREFIX = "motcua_"
# Writing last_used_at on every request would add an UPDATE to each call; a minute is precise enough.
LAST_USED_PRECISION = dt.timedelta(minutes=1)
_MAX_TOKEN_LENGTH = 128


class TokenError(Exception):
    """A token could not be created or revoked; the message is for the user."""


def hash_token(raw: str) -> str:
    """Return the SHA-256 hex digest stored for a token."""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def password_fingerprint(user) -> str:
    """Return what a token keeps of its user's password: the SHA-256 of the stored (salted) hash."""
    return hashlib.sha256((user.password or "").encode("utf-8")).hexdigest()


def create_token(user, name: str) -> tuple[ApiToken, str]:
    """Create a token for `user`; return the row and the token, which is not stored."""
    name = (name or "").strip()
    if not name:
        raise TokenError("cần đặt tên cho mã truy cập")
    if len(name) > 100:
        raise TokenError("tên mã truy cập dài quá 100 ký tự")
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    try:
        with transaction.atomic():
            token = ApiToken.objects.create(
                user=user,
                name=name,
                token_hash=hash_token(raw),
                prefix=raw[: len(TOKEN_PREFIX) + 6],
                # The stored password, not a possibly stale copy in `user`.
                password_fingerprint=password_fingerprint(type(user).objects.only("password").get(pk=user.pk)),
            )
    except IntegrityError:
        raise TokenError(f"người dùng {user.username} đã có mã truy cập tên «{name}» chưa thu hồi") from None
    return token, raw


def user_for_token(raw: str):
    """Return the active user a valid, unrevoked token belongs to, else None; note its use."""
    if not raw or len(raw) > _MAX_TOKEN_LENGTH:
        return None
    token = (
        ApiToken.objects.select_related("user", "user__unit")
        .filter(token_hash=hash_token(raw), revoked=False)
        .order_by()  # a hash names one token: no need for the model's ordering
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    if not secrets.compare_digest(token.password_fingerprint, password_fingerprint(token.user)):
        # The password changed since the token was made (any way: the user's page, an
        # administrator's reset, the admin, changepassword): the token is revoked for good.
        revoke_tokens(ApiToken.objects.filter(pk=token.pk))
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def revoke_tokens(tokens) -> int:
    """Revoke the given tokens (a queryset); return how many were still active."""
    return tokens.filter(revoked=False).update(revoked=True, revoked_at=timezone.now())
