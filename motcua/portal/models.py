"""Proofs that an online applicant holds the phone or e-mail address they give (a one-time code)."""

from django.db import models
from django.utils import timezone


class ContactKind(models.TextChoices):
    PHONE = "phone", "Số điện thoại"
    EMAIL = "email", "Thư điện tử"


class ContactProof(models.Model):
    """One code sent to a phone or address: its hash, its expiry, the wrong tries, and the dossier it let through.

    The rows of a day are also the daily caps' counters (per address, per
    phone or e-mail), so the caps hold across processes and restarts.
    """

    kind = models.CharField("loại", max_length=8, choices=ContactKind.choices)
    # Normalised: a phone's digits only, an address in lower case.
    contact = models.CharField("số điện thoại hoặc thư điện tử", max_length=254)
    code_hash = models.CharField("mã băm", max_length=64)
    ip = models.CharField("địa chỉ IP", max_length=45)
    created_at = models.DateTimeField("gửi lúc", default=timezone.now)
    expires_at = models.DateTimeField("hết hạn lúc")
    attempts = models.PositiveSmallIntegerField("số lần nhập sai", default=0)
    verified_at = models.DateTimeField("xác minh lúc", null=True, blank=True)
    used_at = models.DateTimeField("dùng lúc", null=True, blank=True)
    dossier_code = models.CharField("hồ sơ", max_length=64, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["ip", "created_at"], name="proof_ip_day"),
            models.Index(fields=["contact", "created_at"], name="proof_contact_day"),
        ]
        verbose_name = "mã xác minh"
        verbose_name_plural = "mã xác minh"


class ProofCapLock(models.Model):
    """One of a fixed set of lock rows serialising code requests that share a client address or a contact.

    A request locks the rows of its address and its contact (a hash picks each
    row), then counts the day's proofs and adds its own in the same transaction,
    so a burst of simultaneous requests cannot all read "under the cap".
    """

    bucket = models.PositiveSmallIntegerField("ngăn khóa", primary_key=True)

    class Meta:
        verbose_name = "khóa hạn mức mã xác minh"
        verbose_name_plural = "khóa hạn mức mã xác minh"
