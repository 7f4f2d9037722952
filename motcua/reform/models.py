"""The reform registers a unit keeps: plan and tasks, directives, inspections, surveys, activities, legal documents, staff, outgoing documents.

Each record belongs to one unit and carries a `version` bumped by every
change (a stale edit form is refused). Changes go through
`motcua.reform.actions` only, which append a `RegisterChange` (who, when,
before/after) in the same transaction. Date order rules live in each model's
`clean()` so that the web form and the XLSX import refuse the same things with
the same message on the same field.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models


class RegisterRecord(models.Model):
    """What every register row has: its unit and a version for optimistic locking."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị")
    version = models.PositiveIntegerField("phiên bản", default=1)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        abstract = True


def _after(errors: dict, later_field: str, later, earlier, message: str) -> None:
    """Record `message` on `later_field` when both dates are set and `later` comes before `earlier`."""
    if later is not None and earlier is not None and later < earlier:
        errors.setdefault(later_field, []).append(message)


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


# ---------------------------------------------------------------- 1.1, 1.3: plan and tasks


class ReformPlan(RegisterRecord):
    """The unit's reform plan of a year: the decision that issued it (1.1)."""

    year = models.PositiveSmallIntegerField("năm kế hoạch")
    decision_number = models.CharField("số quyết định", max_length=64, help_text="Ví dụ: 252/QĐ-UBND")
    decision_date = models.DateField("ngày ban hành")

    class Meta:
        ordering = ["-year", "unit"]
        verbose_name = "kế hoạch CCHC"
        verbose_name_plural = "kế hoạch CCHC"
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="reform_plan_once_per_unit_year")]

    def __str__(self):
        return f"{self.decision_number} ngày {self.decision_date:%d/%m/%Y}"

    def clean(self):
        errors = {}
        # A plan is issued at the earliest in the year before it (30/12/2022 for 2023).
        if self.year and self.decision_date and not (self.year - 1 <= self.decision_date.year <= self.year):
            errors["decision_date"] = [f"Ngày ban hành phải thuộc năm {self.year - 1} hoặc {self.year}."]
        _raise(errors)


class TaskKind(models.TextChoices):
    PLAN = "plan", "Nhiệm vụ trong kế hoạch"
    ASSIGNED = "assigned", "Nhiệm vụ cấp trên giao"


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Chưa thực hiện"
    IN_PROGRESS = "in_progress", "Đang thực hiện"
    DONE = "done", "Đã hoàn thành"


class ReformTask(RegisterRecord):
    """A task of the year's plan (1.1.1–1.1.2) or assigned by the level above (1.3.1–1.3.3)."""

    kind = models.CharField("loại nhiệm vụ", max_length=16, choices=TaskKind.choices, default=TaskKind.PLAN)
    year = models.PositiveSmallIntegerField("năm")
    title = models.CharField("nội dung nhiệm vụ", max_length=500)
    assigned_on = models.DateField("ngày giao", null=True, blank=True)
    assigned_by = models.CharField("văn bản giao", max_length=200, blank=True)
    deadline = models.DateField("thời hạn")
    owner = models.CharField("người/bộ phận chủ trì", max_length=200)
    status = models.CharField("tình trạng", max_length=16, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED)
    completed_on = models.DateField("ngày hoàn thành", null=True, blank=True)

    class Meta:
        ordering = ["-year", "kind", "deadline", "pk"]
        verbose_name = "nhiệm vụ CCHC"
        verbose_name_plural = "nhiệm vụ CCHC"

    def __str__(self):
        return self.title

    @property
    def late(self) -> bool:
        return self.completed_on is not None and self.completed_on > self.deadline

    def clean(self):
        errors = {}
        if self.status == TaskStatus.DONE and self.completed_on is None:
            errors["completed_on"] = ["Nhiệm vụ đã hoàn thành phải có ngày hoàn thành."]
        if self.status != TaskStatus.DONE and self.completed_on is not None:
            errors["status"] = ["Có ngày hoàn thành thì tình trạng phải là “Đã hoàn thành”."]
        if self.kind == TaskKind.ASSIGNED and self.assigned_on is None:
            errors["assigned_on"] = ["Nhiệm vụ cấp trên giao phải có ngày giao."]
        if self.assigned_on and self.year and self.assigned_on.year != self.year:
            errors.setdefault("assigned_on", []).append(f"Ngày giao phải thuộc năm {self.year}.")
        _after(errors, "deadline", self.deadline, self.assigned_on, "Thời hạn không được trước ngày giao.")
        _after(errors, "completed_on", self.completed_on, self.assigned_on, "Ngày hoàn thành không được trước ngày giao.")
        _raise(errors)


class DirectiveDocument(RegisterRecord):
    """A reform directive document the unit issued (1.1.3)."""

    number = models.CharField("số, ký hiệu", max_length=64)
    issued_on = models.DateField("ngày ban hành")
    summary = models.CharField("trích yếu", max_length=500)

    class Meta:
        ordering = ["-issued_on", "pk"]
        verbose_name = "văn bản chỉ đạo CCHC"
        verbose_name_plural = "văn bản chỉ đạo CCHC"

    def __str__(self):
        return f"{self.number} ngày {self.issued_on:%d/%m/%Y}"


# ---------------------------------------------------------------- 1.2, 5.4: inspections and discipline


class InspectionKind(models.TextChoices):
    REFORM = "reform", "Kiểm tra CCHC"
    DISCIPLINE = "discipline", "Kiểm tra kỷ luật, kỷ cương hành chính"


class Inspection(RegisterRecord):
    """One inspection of one department (1.2.1; 5.4.2 for discipline inspections)."""

    kind = models.CharField("loại kiểm tra", max_length=16, choices=InspectionKind.choices, default=InspectionKind.REFORM)
    reference = models.CharField("số biên bản", max_length=64, help_text="Dùng để ghi các vấn đề phát hiện")
    department = models.CharField("bộ phận được kiểm tra", max_length=200)
    inspected_on = models.DateField("ngày kiểm tra")
    notes = models.TextField("kết luận", blank=True)

    class Meta:
        ordering = ["-inspected_on", "pk"]
        verbose_name = "cuộc kiểm tra"
        verbose_name_plural = "cuộc kiểm tra"
        constraints = [models.UniqueConstraint(fields=["unit", "reference"], name="inspection_reference_once_per_unit")]

    def __str__(self):
        return f"{self.reference} — {self.department} ({self.inspected_on:%d/%m/%Y})"


class InspectionIssue(RegisterRecord):
    """An issue an inspection found and when it was resolved (1.2.2–1.2.3)."""

    inspection = models.ForeignKey(Inspection, on_delete=models.PROTECT, related_name="issues", verbose_name="cuộc kiểm tra")
    description = models.CharField("vấn đề phát hiện", max_length=500)
    resolved_on = models.DateField("ngày xử lý xong", null=True, blank=True)

    class Meta:
        ordering = ["inspection", "pk"]
        verbose_name = "vấn đề phát hiện qua kiểm tra"
        verbose_name_plural = "vấn đề phát hiện qua kiểm tra"

    def __str__(self):
        return self.description

    def clean(self):
        errors = {}
        if self.inspection_id:
            _after(
                errors, "resolved_on", self.resolved_on, self.inspection.inspected_on,
                f"Ngày xử lý xong không được trước ngày kiểm tra ({self.inspection.inspected_on:%d/%m/%Y}).",
            )
        _raise(errors)


class SelfInspectionPlan(RegisterRecord):
    """The year's self-inspection plan on administrative discipline (5.4.1) and how many departments it covers (5.4.2)."""

    year = models.PositiveSmallIntegerField("năm")
    number = models.CharField("số kế hoạch", max_length=64)
    issued_on = models.DateField("ngày ban hành")
    department_count = models.PositiveSmallIntegerField("số bộ phận thuộc diện kiểm tra")

    class Meta:
        ordering = ["-year", "unit"]
        verbose_name = "kế hoạch tự kiểm tra kỷ luật, kỷ cương"
        verbose_name_plural = "kế hoạch tự kiểm tra kỷ luật, kỷ cương"
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="self_inspection_plan_once_per_unit_year")]

    def __str__(self):
        return f"{self.number} ngày {self.issued_on:%d/%m/%Y}"

    def clean(self):
        errors = {}
        if self.year and self.issued_on and not (self.year - 1 <= self.issued_on.year <= self.year):
            errors["issued_on"] = [f"Ngày ban hành phải thuộc năm {self.year - 1} hoặc {self.year}."]
        if self.department_count == 0:
            errors["department_count"] = ["Số bộ phận thuộc diện kiểm tra phải lớn hơn 0."]
        _raise(errors)


class PositionKind(models.TextChoices):
    LEADER = "leader", "Lãnh đạo cấp xã"
    CIVIL_SERVANT = "civil_servant", "Công chức cấp xã"
    OTHER = "other", "Người hoạt động không chuyên trách"


class DisciplineCase(RegisterRecord):
    """A disciplinary decision against an official (5.4, 5.4.5, 5.4.6)."""

    person_name = models.CharField("họ và tên", max_length=120)
    position_kind = models.CharField("đối tượng", max_length=16, choices=PositionKind.choices)
    decided_on = models.DateField("ngày quyết định kỷ luật")
    form = models.CharField("hình thức kỷ luật", max_length=120, help_text="Khiển trách, cảnh cáo, …")
    by_party = models.BooleanField("kỷ luật Đảng", default=False)

    class Meta:
        ordering = ["-decided_on", "pk"]
        verbose_name = "trường hợp bị kỷ luật"
        verbose_name_plural = "trường hợp bị kỷ luật"

    def __str__(self):
        return f"{self.person_name} ({self.decided_on:%d/%m/%Y})"


# ---------------------------------------------------------------- 1.4, 1.5: surveys and activities


class SurveyCampaign(RegisterRecord):
    """A satisfaction survey campaign; its responses are recorded as collections (1.4.1)."""

    title = models.CharField("tên đợt khảo sát", max_length=200)
    starts_on = models.DateField("từ ngày")
    ends_on = models.DateField("đến ngày")

    class Meta:
        ordering = ["-starts_on", "pk"]
        verbose_name = "đợt khảo sát"
        verbose_name_plural = "đợt khảo sát"
        constraints = [models.UniqueConstraint(fields=["unit", "title"], name="survey_title_once_per_unit")]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        _after(errors, "ends_on", self.ends_on, self.starts_on, "Ngày kết thúc không được trước ngày bắt đầu.")
        _raise(errors)


class SurveyChannel(models.TextChoices):
    PAPER = "paper", "Phát phiếu"
    KIOSK = "kiosk", "Máy đánh giá tại Bộ phận Một cửa"
    ONLINE = "online", "Trực tuyến"


class SurveyCollection(RegisterRecord):
    """Responses of a campaign collected on one day through one channel."""

    campaign = models.ForeignKey(SurveyCampaign, on_delete=models.PROTECT, related_name="collections", verbose_name="đợt khảo sát")
    collected_on = models.DateField("ngày thu phiếu")
    channel = models.CharField("hình thức", max_length=16, choices=SurveyChannel.choices)
    responses = models.PositiveIntegerField("số phiếu")
    satisfied = models.PositiveIntegerField("số phiếu hài lòng")

    class Meta:
        ordering = ["-collected_on", "pk"]
        verbose_name = "phiếu khảo sát thu được"
        verbose_name_plural = "phiếu khảo sát thu được"

    def __str__(self):
        return f"{self.campaign} — {self.collected_on:%d/%m/%Y}"

    def clean(self):
        errors = {}
        if self.campaign_id and self.collected_on:
            c = self.campaign
            if not c.starts_on <= self.collected_on <= c.ends_on:
                errors["collected_on"] = [
                    f"Ngày thu phiếu phải trong thời gian khảo sát ({c.starts_on:%d/%m/%Y} – {c.ends_on:%d/%m/%Y})."
                ]
        if self.responses is not None and self.satisfied is not None and self.satisfied > self.responses:
            errors["satisfied"] = ["Số phiếu hài lòng không được lớn hơn số phiếu."]
        _raise(errors)


class ActivityKind(models.TextChoices):
    DIALOGUE = "dialogue", "Đối thoại của lãnh đạo với người dân, doanh nghiệp"
    MEETING = "meeting", "Hội nghị tuyên truyền CCHC"
    BROADCAST = "broadcast", "Tin, bài phát trên đài truyền thanh"
    OTHER = "other", "Hình thức tuyên truyền khác"


class Activity(RegisterRecord):
    """A dialogue of the leaders with citizens (1.5) or a reform communication activity."""

    kind = models.CharField("loại hoạt động", max_length=16, choices=ActivityKind.choices)
    held_on = models.DateField("ngày tổ chức")
    title = models.CharField("nội dung", max_length=300)
    participants = models.PositiveIntegerField("số người tham dự", null=True, blank=True)

    class Meta:
        ordering = ["-held_on", "pk"]
        verbose_name = "hoạt động đối thoại, tuyên truyền"
        verbose_name_plural = "hoạt động đối thoại, tuyên truyền"

    def __str__(self):
        return f"{self.title} ({self.held_on:%d/%m/%Y})"


# ---------------------------------------------------------------- 2.x: legal normative documents


class LegalDocument(RegisterRecord):
    """A legal normative document and what was done with it: issued, checked, reviewed, recommended, handled (2.1–2.5)."""

    number = models.CharField("số, ký hiệu", max_length=64)
    title = models.CharField("trích yếu", max_length=500)
    issued_on = models.DateField("ngày ban hành/tham mưu ban hành", null=True, blank=True)
    checked_on = models.DateField("ngày kiểm tra", null=True, blank=True)
    reviewed_on = models.DateField("ngày rà soát", null=True, blank=True)
    recommended_on = models.DateField("ngày kiến nghị xử lý", null=True, blank=True)
    recommendation = models.CharField("nội dung kiến nghị", max_length=500, blank=True)
    handled_on = models.DateField("ngày xử lý xong kiến nghị", null=True, blank=True)

    class Meta:
        ordering = ["-pk"]
        verbose_name = "văn bản quy phạm pháp luật"
        verbose_name_plural = "văn bản quy phạm pháp luật"

    def __str__(self):
        return self.number

    def clean(self):
        errors = {}
        if not any([self.issued_on, self.checked_on, self.reviewed_on]):
            errors["issued_on"] = ["Cần ít nhất một trong các ngày ban hành, kiểm tra hoặc rà soát."]
        _after(errors, "checked_on", self.checked_on, self.issued_on, "Ngày kiểm tra không được trước ngày ban hành.")
        _after(errors, "reviewed_on", self.reviewed_on, self.issued_on, "Ngày rà soát không được trước ngày ban hành.")
        if self.recommended_on is not None:
            if self.checked_on is None and self.reviewed_on is None:
                errors.setdefault("recommended_on", []).append("Chỉ kiến nghị xử lý sau khi kiểm tra hoặc rà soát.")
            earliest = min(d for d in (self.checked_on, self.reviewed_on, self.recommended_on) if d is not None)
            _after(errors, "recommended_on", self.recommended_on, earliest,
                   "Ngày kiến nghị không được trước ngày kiểm tra, rà soát.")
        if self.handled_on is not None and self.recommended_on is None:
            errors.setdefault("handled_on", []).append("Chưa có kiến nghị thì chưa thể xử lý xong.")
        _after(errors, "handled_on", self.handled_on, self.recommended_on, "Ngày xử lý xong không được trước ngày kiến nghị.")
        _raise(errors)


# ---------------------------------------------------------------- 4.1: staff


class Qualification(models.TextChoices):
    POSTGRADUATE = "postgraduate", "Trên Đại học"
    UNIVERSITY = "university", "Đại học"
    COLLEGE = "college", "Cao đẳng"
    INTERMEDIATE = "intermediate", "Trung cấp"
    NONE = "none", "Chưa qua đào tạo"


class PoliticalTheory(models.TextChoices):
    ADVANCED = "advanced", "Cao cấp"
    INTERMEDIATE = "intermediate", "Trung cấp"
    ELEMENTARY = "elementary", "Sơ cấp"
    NONE = "none", "Chưa qua đào tạo"


class StaffKind(models.TextChoices):
    OFFICIAL = "official", "Cán bộ"
    CIVIL_SERVANT = "civil_servant", "Công chức"


class LeaveReason(models.TextChoices):
    REDUCTION = "reduction", "Tinh giản biên chế"
    RETIREMENT = "retirement", "Nghỉ hưu"
    TRANSFER = "transfer", "Chuyển công tác"
    RESIGNATION = "resignation", "Thôi việc"
    OTHER = "other", "Lý do khác"


class StaffMember(RegisterRecord):
    """An official or civil servant of the unit's staffing quota (4.1.2–4.1.4 and the qualification breakdown)."""

    full_name = models.CharField("họ và tên", max_length=120)
    kind = models.CharField("cán bộ/công chức", max_length=16, choices=StaffKind.choices)
    position = models.CharField("chức vụ, chức danh", max_length=200)
    qualification = models.CharField("trình độ chuyên môn", max_length=16, choices=Qualification.choices)
    political_theory = models.CharField("trình độ lý luận chính trị", max_length=16, choices=PoliticalTheory.choices)
    started_on = models.DateField("ngày bắt đầu công tác")
    ended_on = models.DateField("ngày thôi công tác", null=True, blank=True)
    end_reason = models.CharField("lý do thôi công tác", max_length=16, choices=LeaveReason.choices, blank=True)

    class Meta:
        ordering = ["full_name", "pk"]
        verbose_name = "cán bộ, công chức"
        verbose_name_plural = "cán bộ, công chức"

    def __str__(self):
        return self.full_name

    def clean(self):
        errors = {}
        _after(errors, "ended_on", self.ended_on, self.started_on, "Ngày thôi công tác không được trước ngày bắt đầu.")
        if self.ended_on and not self.end_reason:
            errors["end_reason"] = ["Hãy chọn lý do thôi công tác."]
        if self.end_reason and not self.ended_on:
            errors["ended_on"] = ["Có lý do thôi công tác thì phải có ngày thôi công tác."]
        _raise(errors)


class StaffQuota(RegisterRecord):
    """The staffing quota assigned to the unit for a year (4.1.1); 2015's is the baseline of 4.1.4."""

    year = models.PositiveSmallIntegerField("năm")
    quota = models.PositiveSmallIntegerField("biên chế được giao")
    decision = models.CharField("văn bản giao", max_length=200, blank=True)

    class Meta:
        ordering = ["-year", "unit"]
        verbose_name = "biên chế được giao"
        verbose_name_plural = "biên chế được giao"
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="staff_quota_once_per_unit_year")]

    def __str__(self):
        return f"{self.year}: {self.quota}"

    def clean(self):
        errors = {}
        if self.year is not None and not 2015 <= self.year <= 2100:
            errors["year"] = ["Năm phải từ 2015 trở đi."]
        _raise(errors)


# ---------------------------------------------------------------- 7.2.3: outgoing documents


class Delivery(models.TextChoices):
    ELECTRONIC = "electronic", "Điện tử (có chữ ký số)"
    BOTH = "both", "Điện tử và bản giấy"
    PAPER = "paper", "Chỉ bản giấy"


class OutgoingDocument(RegisterRecord):
    """A document the unit sent (7.2.3 counts those to state agencies, by how they were sent)."""

    number_symbol = models.CharField("số, ký hiệu", max_length=64)
    issued_on = models.DateField("ngày văn bản")
    summary = models.CharField("trích yếu", max_length=500)
    recipients = models.CharField("nơi nhận", max_length=300)
    to_state_agency = models.BooleanField("gửi cơ quan nhà nước", default=True)
    delivery = models.CharField("hình thức gửi", max_length=16, choices=Delivery.choices)

    class Meta:
        ordering = ["-issued_on", "pk"]
        verbose_name = "văn bản đi"
        verbose_name_plural = "văn bản đi"

    def __str__(self):
        return f"{self.number_symbol} ngày {self.issued_on:%d/%m/%Y}"


# ---------------------------------------------------------------- history


class ChangeKind(models.TextChoices):
    CREATE = "create", "Thêm mới"
    UPDATE = "update", "Sửa"
    DELETE = "delete", "Xóa"
    IMPORT = "import", "Nhập hàng loạt"


class RegisterChange(models.Model):
    """One change of one register record: append-only, written in the change's transaction."""

    register = models.CharField("sổ", max_length=32)
    record_id = models.PositiveBigIntegerField("bản ghi")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị")
    kind = models.CharField("thao tác", max_length=16, choices=ChangeKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name="người thực hiện"
    )
    at = models.DateTimeField("thời điểm")
    before = models.JSONField("trước", null=True, blank=True)
    after = models.JSONField("sau", null=True, blank=True)

    class Meta:
        ordering = ["register", "record_id", "at", "pk"]
        verbose_name = "lịch sử thay đổi sổ"
        verbose_name_plural = "lịch sử thay đổi sổ"
        indexes = [models.Index(fields=["register", "record_id"])]

    def __str__(self):
        return f"{self.register} #{self.record_id} {self.kind}"
