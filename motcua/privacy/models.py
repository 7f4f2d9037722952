"""Who read citizens' personal data, when, and which (Nghị định 13/2023/NĐ-CP): an append-only log."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class AccessKind(models.TextChoices):
    VIEW = "view", "Xem hồ sơ"
    API_READ = "api_read", "Đọc hồ sơ qua API"
    EXPORT = "export", "Xuất dữ liệu"
    SEARCH = "search", "Tìm theo số định danh"


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("nhật ký truy cập dữ liệu cá nhân chỉ được ghi thêm, không được sửa")

    def delete(self):
        raise PermissionError("nhật ký truy cập dữ liệu cá nhân chỉ được ghi thêm, không được xóa")


class AccessRecord(models.Model):
    """One reading of personal data: a dossier's page or API record, an export (how many rows), a search by ID number.

    Append-only: saving an existing row, deleting, queryset update()/delete() raise.
    """

    at = models.DateTimeField("thời điểm", default=timezone.now)
    # Null: the command line (`motcua export`), whose operating-system account is in `detail`.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="người truy cập"
    )
    # The unit whose data was read (the dossier's; for exports and searches the user's): oversight reads its units' rows.
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="đơn vị")
    kind = models.CharField("loại truy cập", max_length=16, choices=AccessKind.choices)
    dossier_code = models.CharField("mã hồ sơ", max_length=64, blank=True)
    rows = models.PositiveIntegerField("số dòng", null=True, blank=True)
    detail = models.CharField("chi tiết", max_length=200, blank=True)
    ip = models.CharField("địa chỉ IP", max_length=45, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["unit", "at"], name="access_unit_at")]
        verbose_name = "truy cập dữ liệu cá nhân"
        verbose_name_plural = "truy cập dữ liệu cá nhân"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("nhật ký truy cập dữ liệu cá nhân chỉ được ghi thêm, không được sửa")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("nhật ký truy cập dữ liệu cá nhân chỉ được ghi thêm, không được xóa")
