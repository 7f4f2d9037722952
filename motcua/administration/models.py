"""What the administration pages keep of their own: the change history and procedure fees."""

from django.conf import settings
from django.db import models


class ChangeRecord(models.Model):
    """One change an administrator made: who, when, to what, and the values before and after."""

    at = models.DateTimeField("thời điểm", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="người thay đổi"
    )
    # The unit whose subtree the change belongs to, so each administrator reads only their own history.
    unit = models.ForeignKey(
        "units.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị"
    )
    object_kind = models.CharField("loại đối tượng", max_length=32)
    object_id = models.CharField("mã đối tượng", max_length=64)
    object_repr = models.CharField("đối tượng", max_length=300)
    action = models.CharField("thao tác", max_length=64)
    details = models.JSONField("chi tiết", default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "lịch sử quản trị"
        verbose_name_plural = "lịch sử quản trị"

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor} — {self.action}: {self.object_repr}"


class ProcedureFee(models.Model):
    """The fees and charges (phí, lệ phí) of a procedure as announced; the catalog has no field for them."""

    procedure = models.OneToOneField(
        "catalog.Procedure", on_delete=models.CASCADE, related_name="fee", verbose_name="thủ tục"
    )
    text = models.CharField("phí, lệ phí", max_length=500, blank=True)

    class Meta:
        verbose_name = "phí, lệ phí"
        verbose_name_plural = "phí, lệ phí"

    def __str__(self):
        return self.text
