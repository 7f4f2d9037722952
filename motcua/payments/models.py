"""Fees quoted for a dossier, payments recorded against it, exemptions by applicant group, online payments."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from motcua.dossiers.models import AppendOnlyQuerySet


class Method(models.TextChoices):
    CASH = "cash", "Tiền mặt tại quầy"
    BANK_TRANSFER = "bank_transfer", "Chuyển khoản"
    PORTAL = "portal", "Thanh toán trên Cổng DVC quốc gia"
    PROVINCE_GATEWAY = "province_gateway", "Cổng thanh toán của tỉnh"
    EXEMPT = "exempt", "Miễn phí, lệ phí"


class ApplicantGroup(models.Model):
    """A group of applicants the law exempts from some fees (trẻ em dưới 6 tuổi, hộ nghèo, người có công, …)."""

    code = models.SlugField("mã nhóm", max_length=64, unique=True)
    name = models.CharField("tên nhóm", max_length=300)
    legal_basis = models.CharField("căn cứ", max_length=500, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "nhóm được miễn phí, lệ phí"
        verbose_name_plural = "nhóm được miễn phí, lệ phí"

    def __str__(self):
        return self.name


class FeeExemption(models.Model):
    """One fee line of one procedure that one applicant group does not pay."""

    group = models.ForeignKey(ApplicantGroup, on_delete=models.CASCADE, related_name="exemptions", verbose_name="nhóm")
    procedure = models.ForeignKey(
        "catalog.Procedure", on_delete=models.CASCADE, related_name="fee_exemptions", verbose_name="thủ tục"
    )
    # The name of a line of procedure.fees.
    fee_name = models.CharField("khoản phí, lệ phí được miễn", max_length=300)

    class Meta:
        verbose_name = "miễn phí, lệ phí"
        verbose_name_plural = "miễn phí, lệ phí"
        constraints = [
            models.UniqueConstraint(fields=["group", "procedure", "fee_name"], name="fee_exemption_unique")
        ]

    def __str__(self):
        return f"{self.group} — {self.fee_name}"


class DossierFee(models.Model):
    """The fee quoted at intake: what the citizen asked (copies, pages, group) and the lines it came to."""

    dossier = models.OneToOneField("dossiers.Dossier", on_delete=models.PROTECT, related_name="fee", verbose_name="hồ sơ")
    copies = models.PositiveIntegerField("số bản", default=1)
    pages = models.PositiveIntegerField("số trang", default=1)
    group = models.CharField("nhóm được miễn", max_length=64, blank=True)
    # [{"name", "amount", "per", "units", "total", "exempt"}] (motcua.payments.fees.QuoteLine).
    lines = models.JSONField("các khoản", default=list)
    total = models.BigIntegerField("tổng số tiền (đồng)")

    class Meta:
        verbose_name = "phí, lệ phí của hồ sơ"
        verbose_name_plural = "phí, lệ phí của hồ sơ"


class Payment(models.Model):
    """One line of a dossier's payments: paid (> 0), exempt (0, with a reason) or refunded (< 0, with a reason).

    Append-only like the history: a mistake is put right by a refund line.
    """

    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.PROTECT, related_name="payments", verbose_name="hồ sơ")
    at = models.DateTimeField("thời điểm")
    amount = models.BigIntegerField("số tiền (đồng)")
    method = models.CharField("hình thức", max_length=24, choices=Method.choices)
    # The e-receipt (biên lai điện tử) number, the bank's or the gateway's reference.
    receipt = models.CharField("số biên lai / mã giao dịch", max_length=64, blank=True)
    reason = models.TextField("lý do", blank=True)
    # Null: loaded from a file, or confirmed by the payment gateway.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="payments",
        verbose_name="người ghi nhận",
    )
    recorded_at = models.DateTimeField("ghi nhận lúc", auto_now_add=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["dossier", "at", "id"]
        verbose_name = "thanh toán"
        verbose_name_plural = "thanh toán"
        indexes = [
            models.Index(fields=["dossier", "at"], name="payment_dossier_at"),
            models.Index(fields=["actor", "method", "at"], name="payment_actor_method_at"),
        ]

    def __str__(self):
        return f"{self.dossier_id} {self.method} {self.amount}"

    @property
    def is_refund(self) -> bool:
        return self.amount < 0

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("thanh toán đã ghi nhận không được sửa; hãy ghi một dòng hoàn trả")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("thanh toán đã ghi nhận không được xóa; hãy ghi một dòng hoàn trả")


class OnlineStatus(models.TextChoices):
    PENDING = "pending", "Đang chờ thanh toán"
    PAID = "paid", "Đã thanh toán"
    FAILED = "failed", "Thanh toán không thành công"


class OnlinePayment(models.Model):
    """One attempt to pay a dossier's fee through the payment gateway."""

    reference = models.UUIDField("mã giao dịch của hệ thống", default=uuid.uuid4, unique=True, editable=False)
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.PROTECT, related_name="online_payments", verbose_name="hồ sơ"
    )
    amount = models.BigIntegerField("số tiền (đồng)")
    gateway_id = models.CharField("mã giao dịch của cổng thanh toán", max_length=128, blank=True)
    status = models.CharField("trạng thái", max_length=16, choices=OnlineStatus.choices, default=OnlineStatus.PENDING)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    settled_at = models.DateTimeField("kết thúc lúc", null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "giao dịch thanh toán trực tuyến"
        verbose_name_plural = "giao dịch thanh toán trực tuyến"
