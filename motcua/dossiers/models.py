"""Dossiers: one application by a citizen or organisation, from receipt to returned result."""

from django.db import models


class Channel(models.TextChoices):
    COUNTER = "counter", "Trực tiếp"
    POSTAL = "postal", "Qua BCCI"
    ONLINE_PARTIAL = "online_partial", "Trực tuyến một phần"
    ONLINE_FULL = "online_full", "Trực tuyến toàn trình"


class ApplicantKind(models.TextChoices):
    CITIZEN = "citizen", "Công dân"
    ORGANISATION = "organisation", "Tổ chức"


class Outcome(models.TextChoices):
    APPROVED = "approved", "Giải quyết"
    REFUSED = "refused", "Từ chối giải quyết"
    WITHDRAWN = "withdrawn", "Rút hồ sơ"


class ReturnChannel(models.TextChoices):
    COUNTER = "counter", "Trực tiếp"
    POSTAL = "postal", "Qua BCCI"
    ONLINE = "online", "Trực tuyến"


class RatingValue(models.TextChoices):
    VERY_SATISFIED = "very_satisfied", "Rất hài lòng"
    SATISFIED = "satisfied", "Hài lòng"
    UNSATISFIED = "unsatisfied", "Không hài lòng"


class RatingChannel(models.TextChoices):
    ONLINE = "online", "Trực tuyến"
    PAPER = "paper", "Phiếu giấy"
    KIOSK = "kiosk", "Máy đánh giá"


class Dossier(models.Model):
    code = models.CharField("mã hồ sơ", max_length=64, unique=True)
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="dossiers", verbose_name="đơn vị")
    procedure = models.ForeignKey(
        "catalog.Procedure", on_delete=models.PROTECT, related_name="dossiers", verbose_name="thủ tục"
    )
    channel = models.CharField("hình thức tiếp nhận", max_length=16, choices=Channel.choices)
    received_at = models.DateTimeField("thời điểm tiếp nhận")
    # The due time in force: supplement pauses move it, apologies do not.
    due_at = models.DateTimeField("hạn trả kết quả")

    applicant_kind = models.CharField("loại người nộp", max_length=16, choices=ApplicantKind.choices, blank=True)
    applicant_name = models.CharField("người nộp", max_length=300, blank=True)
    applicant_id_number = models.CharField("số định danh", max_length=32, blank=True)
    applicant_phone = models.CharField("số điện thoại", max_length=32, blank=True)
    applicant_email = models.CharField("thư điện tử", max_length=254, blank=True)
    applicant_address = models.CharField("địa chỉ", max_length=500, blank=True)

    resolved_at = models.DateTimeField("thời điểm giải quyết", null=True, blank=True)
    outcome = models.CharField("kết quả", max_length=16, choices=Outcome.choices, blank=True)
    returned_at = models.DateTimeField("thời điểm trả kết quả", null=True, blank=True)
    return_channel = models.CharField("hình thức trả", max_length=16, choices=ReturnChannel.choices, blank=True)
    published_portal = models.BooleanField("công khai trên Cổng DVC", null=True, blank=True)
    published_website = models.BooleanField("công khai trên trang TTĐT", null=True, blank=True)
    digitized_components = models.BooleanField("đã số hóa thành phần hồ sơ", null=True, blank=True)
    digitized_result = models.BooleanField("đã số hóa kết quả", null=True, blank=True)

    # SHA-256 of the dossier's exchange line when it was loaded: reloading the
    # same line is a no-op, a different line for the same code is refused.
    exchange_digest = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["-received_at", "code"]
        verbose_name = "hồ sơ"
        verbose_name_plural = "hồ sơ"
        indexes = [
            models.Index(fields=["unit", "received_at"], name="dossier_unit_received"),
            models.Index(fields=["unit", "resolved_at"], name="dossier_unit_resolved"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(due_at__gte=models.F("received_at")), name="dossier_due_after_receipt"),
            models.CheckConstraint(
                condition=models.Q(resolved_at__isnull=True) | models.Q(resolved_at__gte=models.F("received_at")),
                name="dossier_resolved_after_receipt",
            ),
        ]

    def __str__(self):
        return self.code


class Supplement(models.Model):
    """A request for missing papers: the clock stops from request to arrival."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="supplements")
    requested_at = models.DateTimeField("yêu cầu bổ sung lúc")
    received_at = models.DateTimeField("nhận bổ sung lúc", null=True, blank=True)

    class Meta:
        ordering = ["dossier", "requested_at", "id"]
        verbose_name = "yêu cầu bổ sung"
        verbose_name_plural = "yêu cầu bổ sung"


class Apology(models.Model):
    """An apology with a new appointment; the dossier still counts as late."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="apologies")
    issued_at = models.DateTimeField("ngày xin lỗi")
    new_due_at = models.DateTimeField("hẹn lại", null=True, blank=True)
    reason = models.TextField("lý do", blank=True)

    class Meta:
        ordering = ["dossier", "issued_at", "id"]
        verbose_name = "phiếu xin lỗi"
        verbose_name_plural = "phiếu xin lỗi"


class Rating(models.Model):
    """A citizen's satisfaction rating of one dossier's handling."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="ratings")
    at = models.DateTimeField("thời điểm đánh giá", null=True, blank=True)
    value = models.CharField("mức độ hài lòng", max_length=16, choices=RatingValue.choices)
    channel = models.CharField("hình thức", max_length=16, choices=RatingChannel.choices, blank=True)

    class Meta:
        ordering = ["dossier", "at", "id"]
        verbose_name = "đánh giá"
        verbose_name_plural = "đánh giá"
