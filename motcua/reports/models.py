"""Values a unit enters for a period: appendix 01b rows no register or dossier computes (yet)."""

from django.db import models


class ManualValue(models.Model):
    """One appendix 01b value entered by a unit for a period (`motcua report set`)."""

    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="manual_values", verbose_name="đơn vị"
    )
    # Matched on the dates, not the label: "2023-Q2" and "2023-04-01..2023-06-30"
    # are the same period; the label is kept for display.
    period_label = models.CharField("kỳ báo cáo", max_length=32)
    period_start = models.DateField("từ ngày")
    period_end = models.DateField("đến ngày")
    code = models.CharField("chỉ tiêu", max_length=16)
    # Counts, percents and flags; text rows use `text`.
    number = models.DecimalField("số liệu", max_digits=14, decimal_places=2, null=True, blank=True)
    text = models.TextField("nội dung", blank=True, default="")
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        ordering = ["unit", "period_start", "period_end", "code"]
        verbose_name = "số liệu nhập tay"
        verbose_name_plural = "số liệu nhập tay"
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "period_start", "period_end", "code"], name="manual_value_once_per_unit_period_code"
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")), name="manual_value_period_in_order"
            ),
        ]

    def __str__(self):
        return f"{self.unit_id} {self.period_label} {self.code}"
