"""Bearer tokens of the API: only their SHA-256 is stored."""

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    """A named access token of one user; the token itself is shown once, at creation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens", verbose_name="người dùng"
    )
    name = models.CharField("tên", max_length=100)
    # Tokens are 256 random bits: a plain SHA-256 suffices (no slow password hash needed).
    token_hash = models.CharField("SHA-256 của mã", max_length=64, unique=True, editable=False)
    # The first characters, to recognise a token in lists without storing it.
    prefix = models.CharField("đầu mã", max_length=16, editable=False)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    last_used_at = models.DateTimeField("dùng lần cuối", null=True, blank=True, editable=False)
    # SHA-256 of the user's password hash when the token was made: a password change ends the token.
    password_fingerprint = models.CharField("dấu mật khẩu", max_length=64, blank=True, editable=False)
    revoked = models.BooleanField("đã thu hồi", default=False)
    revoked_at = models.DateTimeField("thu hồi lúc", null=True, blank=True)

    class Meta:
        ordering = ["user", "-created_at", "id"]
        verbose_name = "mã truy cập API"
        verbose_name_plural = "mã truy cập API"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "name"], condition=models.Q(revoked=False), name="api_token_name_once_per_user"
            )
        ]

    def __str__(self):
        return f"{self.user} — {self.name} ({self.prefix}…)"
