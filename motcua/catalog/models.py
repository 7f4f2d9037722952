"""The procedure catalog: fields, procedures, their deadlines, required papers and internal steps."""

from django.db import models


class DurationUnit(models.TextChoices):
    WORKING_HOUR = "working_hour", "giờ làm việc"
    WORKING_DAY = "working_day", "ngày làm việc"
    CALENDAR_DAY = "calendar_day", "ngày"
    SAME_DAY = "same_day", "trong ngày"


class Mechanism(models.TextChoices):
    ONE_STOP = "one_stop", "Một cửa"
    INTERLINKED_SAME_LEVEL = "interlinked_same_level", "Liên thông cùng cấp"
    INTERLINKED_ACROSS_LEVELS = "interlinked_across_levels", "Liên thông giữa các cấp"


class OnlineLevel(models.TextChoices):
    NONE = "none", "Không trực tuyến"
    PARTIAL = "partial", "Trực tuyến một phần (mức độ 3)"
    FULL = "full", "Trực tuyến toàn trình (mức độ 4)"


class FieldKind(models.TextChoices):
    LAND = "land", "Đất đai"
    CONSTRUCTION = "construction", "Xây dựng"


class Field(models.Model):
    """A field of procedures (lĩnh vực): hộ tịch, chứng thực, đất đai …"""

    code = models.SlugField("mã lĩnh vực", max_length=64, unique=True)
    name = models.CharField("tên lĩnh vực", max_length=200)
    # Land and construction dossiers are reported apart in appendix 01b.
    kind = models.CharField("nhóm báo cáo riêng", max_length=16, choices=FieldKind.choices, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "lĩnh vực"
        verbose_name_plural = "lĩnh vực"

    def __str__(self):
        return self.name


class Procedure(models.Model):
    """An administrative procedure (thủ tục hành chính) as the catalog announces it."""

    code = models.CharField("mã TTHC", max_length=32, unique=True)
    name = models.CharField("tên thủ tục", max_length=500)
    field = models.ForeignKey(Field, on_delete=models.PROTECT, related_name="procedures", verbose_name="lĩnh vực")
    level = models.ForeignKey("units.UnitLevel", on_delete=models.PROTECT, verbose_name="cấp thực hiện")
    legal_duration_value = models.PositiveIntegerField("thời hạn theo quy định", null=True, blank=True)
    legal_duration_unit = models.CharField("đơn vị thời hạn", max_length=16, choices=DurationUnit.choices)
    reduced_duration_value = models.PositiveIntegerField("thời hạn cắt giảm", null=True, blank=True)
    reduced_duration_unit = models.CharField(
        "đơn vị thời hạn cắt giảm", max_length=16, choices=DurationUnit.choices, blank=True
    )
    mechanism = models.CharField("cơ chế", max_length=32, choices=Mechanism.choices, default=Mechanism.ONE_STOP)
    online = models.CharField("dịch vụ công trực tuyến", max_length=16, choices=OnlineLevel.choices, default=OnlineLevel.NONE)
    online_payment = models.BooleanField("thanh toán trực tuyến", default=False)
    boundary_free = models.BooleanField("không phụ thuộc địa giới hành chính", default=False)
    process_approved = models.BooleanField("quy trình nội bộ đã phê duyệt", default=False)
    process_electronic = models.BooleanField("quy trình nội bộ điện tử hóa", default=False)
    announced_on = models.DateField("ngày công bố", null=True, blank=True)
    abolished_on = models.DateField("ngày bãi bỏ", null=True, blank=True)
    units = models.ManyToManyField(
        "units.Unit", blank=True, related_name="procedures", verbose_name="đơn vị áp dụng"
    )
    # The papers the applicant brings, in the announced order: [{"name", "form", "quantity"}]
    # (motcua/catalog/components.py); intake pre-fills its checklist with them.
    components = models.JSONField("thành phần hồ sơ", default=list, blank=True)
    # The result is a document (giấy tờ): approving signs an electronic result (exchange.md "paper_result").
    # None: not known (absent from the loaded line), kept so that export writes what was loaded.
    paper_result = models.BooleanField("kết quả là giấy tờ", null=True, blank=True, default=None)
    # The procedure's own data fields, in the order forms show them: [{"key", "label", "type",
    # "required", "choices", "min", "max", "help"}] (motcua/catalog/data_fields.py checks them);
    # a dossier keeps its values in Dossier.data.
    data_fields = models.JSONField("thông tin riêng của thủ tục", default=list, blank=True)
    # The fees and charges (phí, lệ phí) as lines [{"name", "amount" (đồng), "per": dossier|copy|page}]
    # (exchange.md "fees", checked by motcua.payments.fees.validate_fee_lines). None: not known.
    fees = models.JSONField("phí, lệ phí", null=True, blank=True, default=None)
    # Who may apply: ["citizen", "organisation"] (exchange.md "subjects"). None: not known.
    subjects = models.JSONField("đối tượng thực hiện", null=True, blank=True, default=None)

    class Meta:
        ordering = ["field__name", "name"]
        verbose_name = "thủ tục hành chính"
        verbose_name_plural = "thủ tục hành chính"

    def __str__(self):
        return f"{self.code} — {self.name}"

    @property
    def committed_duration(self) -> tuple[int | None, str]:
        """Return the duration the unit commits to: the reduced one, else the legal one."""
        if self.reduced_duration_unit:
            return self.reduced_duration_value, self.reduced_duration_unit
        return self.legal_duration_value, self.legal_duration_unit

    def is_in_force_on(self, day) -> bool:
        return (self.announced_on is None or self.announced_on <= day) and (
            self.abolished_on is None or day < self.abolished_on
        )


class ProcedureStep(models.Model):
    """One step of a procedure's internal process: who does it and in how many working hours."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField("thứ tự")
    name = models.CharField("bước", max_length=300)
    role = models.CharField("vai trò thực hiện", max_length=32)
    working_hours = models.DecimalField("thời gian (giờ làm việc)", max_digits=6, decimal_places=2)

    class Meta:
        ordering = ["procedure", "position"]
        unique_together = [("procedure", "position")]
        verbose_name = "bước xử lý"
        verbose_name_plural = "các bước xử lý"

    def __str__(self):
        return f"{self.position}. {self.name}"
