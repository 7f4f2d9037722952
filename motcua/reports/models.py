"""What a unit enters for a period: appendix 01b rows no register computes (yet), its report's section texts and document details."""

from django.conf import settings
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


class ReportSectionText(models.Model):
    """The text a unit wrote for one section of its report for a period; it replaces the drafted text."""

    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="report_section_texts", verbose_name="đơn vị"
    )
    # Matched on the dates like ManualValue: "2023-Q2" and its date range are one period.
    period_start = models.DateField("từ ngày")
    period_end = models.DateField("đến ngày")
    # A key of motcua.reports.narrative.SECTION_KEYS ("intro", "I", "II.2", …).
    section_key = models.CharField("mục", max_length=16)
    text = models.TextField("nội dung")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người cập nhật",
    )
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        ordering = ["unit", "period_start", "period_end", "section_key"]
        verbose_name = "nội dung mục báo cáo"
        verbose_name_plural = "nội dung mục báo cáo"
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "period_start", "period_end", "section_key"], name="report_section_once_per_period"
            ),
        ]

    def __str__(self):
        return f"{self.unit_id} {self.period_start}..{self.period_end} {self.section_key}"


class ReportMeta(models.Model):
    """What a report's header and signature need beyond the data: number, date, signer, recipients."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="report_metas", verbose_name="đơn vị")
    period_start = models.DateField("từ ngày")
    period_end = models.DateField("đến ngày")
    # As printed after "Số: ", e.g. "125/BC-UBND"; blank leaves the number to be written in.
    document_number = models.CharField("số văn bản", max_length=64, blank=True)
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    # Blank = the unit's name without its prefix ("Xã Hoằng Lưu" → "Hoằng Lưu").
    place_name = models.CharField("địa danh", max_length=100, blank=True)
    signer_title = models.CharField("chức vụ người ký", max_length=100, blank=True)
    signer_name = models.CharField("người ký", max_length=100, blank=True)
    # One recipient a line, as printed under "Nơi nhận:"; blank = the default list.
    recipients = models.TextField("nơi nhận", blank=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        ordering = ["unit", "period_start", "period_end"]
        verbose_name = "thông tin văn bản báo cáo"
        verbose_name_plural = "thông tin văn bản báo cáo"
        constraints = [
            models.UniqueConstraint(fields=["unit", "period_start", "period_end"], name="report_meta_once_per_period"),
        ]

    def __str__(self):
        return f"{self.unit_id} {self.period_start}..{self.period_end}"
