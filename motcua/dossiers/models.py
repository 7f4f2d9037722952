"""Dossiers: one application by a citizen or organisation, from receipt to returned result."""

import uuid

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from motcua.dossiers.events import Verb
from motcua.dossiers.paper_flags import PaperFlag
from motcua.dossiers.timeliness import LOCAL_TZ


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
    # Handling stopped at the citizen's request (TT 03/2025, Mẫu 05): like a withdrawal, no decision.
    STOPPED = "stopped", "Dừng xử lý"


class ReturnChannel(models.TextChoices):
    COUNTER = "counter", "Trực tiếp"
    POSTAL = "postal", "Qua BCCI"
    ONLINE = "online", "Trực tuyến"


class NotifyChannel(models.TextChoices):
    """How the applicant chose, at intake, to hear of the dossier (motcua.notices sends the notices)."""

    SMS = "sms", "Tin nhắn SMS"
    EMAIL = "email", "Thư điện tử"


class RatingValue(models.TextChoices):
    VERY_SATISFIED = "very_satisfied", "Rất hài lòng"
    SATISFIED = "satisfied", "Hài lòng"
    UNSATISFIED = "unsatisfied", "Không hài lòng"


class RatingChannel(models.TextChoices):
    ONLINE = "online", "Trực tuyến"
    PAPER = "paper", "Phiếu giấy"
    KIOSK = "kiosk", "Máy đánh giá"


class Status(models.TextChoices):
    RECEIVED = "received", "Mới tiếp nhận"
    ASSIGNED = "assigned", "Đã phân công"
    PROCESSING = "processing", "Đang xử lý"
    AWAITING_SUPPLEMENT = "awaiting_supplement", "Chờ bổ sung hồ sơ"
    TRANSFERRED = "transferred", "Đã chuyển liên thông"
    AWAITING_DECISION = "awaiting_decision", "Chờ lãnh đạo quyết định"
    APPROVED = "approved", "Đã giải quyết"
    REFUSED = "refused", "Từ chối giải quyết"
    WITHDRAWN = "withdrawn", "Đã rút hồ sơ"
    STOPPED = "stopped", "Đã dừng xử lý"
    RETURNED = "returned", "Đã trả kết quả"
    # Filed online for a procedure with a fee, not paid yet (national portal status 6); see motcua.payments.online.
    AWAITING_PAYMENT = "awaiting_payment", "Chờ thanh toán"


# Statuses in which the dossier is still being handled (not resolved).
OPEN_STATUSES = frozenset(
    {
        Status.RECEIVED,
        Status.ASSIGNED,
        Status.PROCESSING,
        Status.AWAITING_SUPPLEMENT,
        Status.TRANSFERRED,
        Status.AWAITING_DECISION,
        Status.AWAITING_PAYMENT,
    }
)


class PaperForm(models.TextChoices):
    """The form of a paper received (exchange.md, 2026 additions): the one definition of a paper's form."""

    ORIGINAL = "original", "Bản chính"
    COPY = "copy", "Bản sao"
    CERTIFIED_COPY = "certified_copy", "Bản sao chứng thực"
    ELECTRONIC = "electronic", "Bản điện tử"


# The forms a procedure's list asks for and the counter ticks: PaperForm without the electronic
# filing (which only the online channel and the exchange carry).
ComponentForm = models.TextChoices(
    "ComponentForm", [(m.name, (m.value, m.label)) for m in PaperForm if m != PaperForm.ELECTRONIC]
)


class CounterRefusalKind(models.TextChoices):
    REFUSED = "refused", "Từ chối tiếp nhận"
    INSTRUCTED = "instructed", "Hướng dẫn bổ sung, hoàn thiện"


class AppendOnlyQuerySet(models.QuerySet):
    """A queryset that refuses bulk updates and deletes of history rows."""

    def update(self, **kwargs):
        raise PermissionError("lịch sử xử lý hồ sơ chỉ được ghi thêm, không được sửa")

    def delete(self):
        raise PermissionError("lịch sử xử lý hồ sơ chỉ được ghi thêm, không được xóa")


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
    # The due time the law allows (legal duration), moved like due_at by supplement
    # waits and declared days; null for dossiers recorded before it was kept.
    legal_due_at = models.DateTimeField("hạn theo quy định", null=True, blank=True)

    applicant_kind = models.CharField("loại người nộp", max_length=16, choices=ApplicantKind.choices, blank=True)
    applicant_name = models.CharField("người nộp", max_length=300, blank=True)
    applicant_id_number = models.CharField("số định danh", max_length=32, blank=True)
    applicant_phone = models.CharField("số điện thoại", max_length=32, blank=True)
    applicant_email = models.CharField("thư điện tử", max_length=254, blank=True)
    applicant_address = models.CharField("địa chỉ", max_length=500, blank=True)
    # Identity checked through VNeID (null = not known).
    applicant_vneid_verified = models.BooleanField("đã xác thực VNeID", null=True, blank=True)

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

    # Workflow state, changed only by the do_* functions of motcua.dossiers.actions.
    # Defaults keep bulk_create of loaded dossiers working; loaders should set
    # `status` with motcua.dossiers.status.derive_status.
    status = models.CharField(
        "trạng thái", max_length=24, choices=Status.choices, default=Status.RECEIVED, editable=False
    )
    # Bumped by every action: a form submitted with an older version is refused.
    version = models.PositiveIntegerField("phiên bản", default=1, editable=False)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_dossiers",
        verbose_name="người đang xử lý",
    )
    # SET_NULL: the procedure loader replaces a procedure's steps when they change.
    current_step = models.ForeignKey(
        "catalog.ProcedureStep",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="bước xử lý hiện tại",
    )
    result_delivery = models.CharField(
        "hình thức nhận kết quả", max_length=16, choices=ReturnChannel.choices, blank=True, default=""
    )
    # The papers received, one item each (motcua.dossiers.papers): {"name": …, "form": PaperForm,
    # "quantity": n} at the counter, with "digitized", "reused", "from_data_store" (bool), "sha256" and
    # "exemption" (PaperExemption) as known; a loaded line's items carry only what it said.
    components = models.JSONField("thành phần hồ sơ", default=list, blank=True)
    # The values of the procedure's own data fields (Procedure.data_fields): {key: JSON value},
    # checked by motcua.dossiers.data at intake and by the exchange loader.
    data = models.JSONField("thông tin riêng của hồ sơ", default=dict, blank=True)
    # The applicant's choice at intake of how to be told of receipt, supplement requests, apologies and
    # the result (motcua.notices); neither = no notice. Loaded dossiers default to none.
    notify_sms = models.BooleanField("báo qua tin nhắn SMS", default=False)
    notify_email = models.BooleanField("báo qua thư điện tử", default=False)
    # Facts the QĐ 766 index counts (motcua.dossiers.figures), stored so that a year of a province reads columns:
    # one of its papers digitized, reused, taken from the citizen's data store (computed by the database from
    # `components`) …
    paper_digitized = models.GeneratedField(
        expression=PaperFlag("digitized"), output_field=models.BooleanField(), db_persist=True
    )
    paper_reused = models.GeneratedField(expression=PaperFlag("reused"), output_field=models.BooleanField(), db_persist=True)
    paper_from_data_store = models.GeneratedField(
        expression=PaperFlag("from_data_store"), output_field=models.BooleanField(), db_persist=True
    )
    # … whether its result document is electronic (a file with its hash) and was pushed to the citizen's data store
    # (written with the ResultDocument: its save(), the exchange loader) …
    result_electronic = models.BooleanField("có kết quả điện tử", default=False, db_default=False, editable=False)
    result_in_data_store = models.BooleanField(
        "kết quả đã đưa vào kho dữ liệu", default=False, db_default=False, editable=False
    )
    # … and when one of its messages to the national portal was first delivered (motcua.nationalportal.delivery,
    # in the transaction that marks the message delivered).
    portal_synced_at = models.DateTimeField("đồng bộ lên Cổng DVC quốc gia lúc", null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-received_at", "code"]
        verbose_name = "hồ sơ"
        verbose_name_plural = "hồ sơ"
        indexes = [
            # Covering: every column appendix 01b's dossier counts read (motcua.reports), so a
            # unit's report is an index-only scan of its own entries and a province's year an
            # index-only scan of an index half the table's size (benchmarks/report.py).
            models.Index(
                fields=["unit", "received_at"],
                include=["id", "resolved_at", "due_at", "channel", "outcome", "procedure", "published_portal",
                         "published_website"],
                name="dossier_unit_received_cover",
            ),
            models.Index(fields=["unit", "resolved_at"], name="dossier_unit_resolved"),
            models.Index(fields=["unit", "status"], name="dossier_unit_status"),
            # The worklist's default order (newest first) across many units: oversight reads
            # a page of the province's dossiers from this index instead of sorting them all.
            models.Index(fields=["received_at"], name="dossier_received"),
            # Apologies and ratings reach their unit through their dossier: id → unit without the table.
            models.Index(fields=["id"], include=["unit"], name="dossier_id_unit"),
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

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def open_supplement(self) -> "Supplement | None":
        """Return the supplement request still waiting for papers, if any."""
        return self.supplements.filter(received_at__isnull=True).order_by("-requested_at", "-id").first()

    @property
    def paused_since(self):
        """Return when the clock stopped for a supplement, or None while it runs."""
        if self.status != Status.AWAITING_SUPPLEMENT:
            return None
        supplement = self.open_supplement()
        return supplement.requested_at if supplement else None


class Supplement(models.Model):
    """A request for missing papers: the clock stops from request to arrival."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="supplements")
    requested_at = models.DateTimeField("yêu cầu bổ sung lúc")
    received_at = models.DateTimeField("nhận bổ sung lúc", null=True, blank=True)
    # What the applicant must add (printed on Mẫu 02).
    reason = models.TextField("nội dung yêu cầu bổ sung", blank=True, default="")
    # The status the dossier goes back to when the papers arrive.
    resume_status = models.CharField(max_length=24, choices=Status.choices, blank=True, default="", editable=False)

    class Meta:
        ordering = ["dossier", "requested_at", "id"]
        verbose_name = "yêu cầu bổ sung"
        verbose_name_plural = "yêu cầu bổ sung"
        # The QĐ 766 index reads the requests made before a period's end as sets of dossiers (IndexPeriod.on_time).
        indexes = [models.Index(fields=["requested_at"], include=["dossier", "received_at"], name="supplement_requested")]


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
        # 3.5 counts a unit's apologies of the period from the index alone.
        indexes = [models.Index(fields=["dossier"], include=["issued_at"], name="apology_dossier_issued")]


class Rating(models.Model):
    """A citizen's satisfaction rating of one dossier's handling."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="ratings")
    at = models.DateTimeField("thời điểm đánh giá", null=True, blank=True)
    value = models.CharField("mức độ hài lòng", max_length=16, choices=RatingValue.choices)
    channel = models.CharField("hình thức", max_length=16, choices=RatingChannel.choices, blank=True)

    class Meta:
        ordering = ["dossier", "at", "id"]
        # One rating per dossier per channel; ratings loaded without a channel are not limited.
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "channel"], condition=~models.Q(channel=""), name="one_rating_per_dossier_channel"
            )
        ]
        verbose_name = "đánh giá"
        verbose_name_plural = "đánh giá"
        # 1.4.1–1.4.2 count a unit's ratings of the period by channel from the index alone.
        indexes = [
            models.Index(fields=["dossier"], include=["id", "at", "channel"], name="rating_dossier_at_channel"),
            # The QĐ 766 index's 5.4 reads the dossiers rated "unsatisfied" as one set (IndexPeriod.complained).
            models.Index(fields=["dossier"], condition=models.Q(value="unsatisfied"), name="rating_unsatisfied"),
        ]


class DossierEvent(models.Model):
    """One entry of a dossier's history: who did what, when, from which status to which, and why.

    Append-only: saving an existing row, deleting a row and queryset
    update()/delete() raise. The application guarantees it; a database-level
    guarantee would be a trigger refusing UPDATE and DELETE on this table
    (e.g. PostgreSQL `CREATE TRIGGER … BEFORE UPDATE OR DELETE … EXECUTE
    FUNCTION raise_exception()`), which test flushes (TRUNCATE) would not fire.
    """

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="events", verbose_name="hồ sơ")
    # The business time of the action (may be a little in the past, e.g. a
    # withdrawal request recorded after the call); recorded_at is the wall clock.
    at = models.DateTimeField("thời điểm")
    recorded_at = models.DateTimeField("ghi nhận lúc", auto_now_add=True)
    # Null = the system (loaders, scheduled jobs).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dossier_events",
        verbose_name="người thực hiện",
    )
    verb = models.CharField("thao tác", max_length=32, choices=Verb.choices)
    from_status = models.CharField("từ trạng thái", max_length=24, choices=Status.choices, blank=True)
    to_status = models.CharField("sang trạng thái", max_length=24, choices=Status.choices, blank=True)
    # {"before": {...}, "after": {...}, ...}: the fields the action changed.
    data = models.JSONField("dữ liệu", default=dict, blank=True, encoder=DjangoJSONEncoder)
    reason = models.TextField("lý do", blank=True, default="")

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["dossier", "at", "id"]
        verbose_name = "lịch sử xử lý"
        verbose_name_plural = "lịch sử xử lý"
        indexes = [models.Index(fields=["dossier", "at"], name="dossier_event_dossier_at")]

    def __str__(self):
        return f"{self.dossier_id} {self.verb} {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("lịch sử xử lý hồ sơ chỉ được ghi thêm, không được sửa")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("lịch sử xử lý hồ sơ chỉ được ghi thêm, không được xóa")


class DailySequence(models.Model):
    """The last dossier sequence number issued by a unit on a local day."""

    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="+", verbose_name="đơn vị")
    day = models.DateField("ngày")
    last = models.PositiveIntegerField("số cuối đã cấp", default=0)

    class Meta:
        verbose_name = "số thứ tự hồ sơ trong ngày"
        verbose_name_plural = "số thứ tự hồ sơ trong ngày"
        constraints = [models.UniqueConstraint(fields=["unit", "day"], name="daily_sequence_once_per_unit_day")]

    def __str__(self):
        return f"{self.unit_id} {self.day} {self.last}"


class CounterRefusal(models.Model):
    """A refusal at the counter or instructions to complete the papers: no dossier, no code."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="counter_refusals", verbose_name="đơn vị")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="người thực hiện"
    )
    at = models.DateTimeField("thời điểm")
    kind = models.CharField("loại", max_length=16, choices=CounterRefusalKind.choices)
    applicant_name = models.CharField("người nộp", max_length=300)
    applicant_id_number = models.CharField("số định danh", max_length=32, blank=True, default="")
    procedure = models.ForeignKey(
        "catalog.Procedure", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="thủ tục"
    )
    # List of reasons, each printed as one line of Mẫu 03 (or of the instructions).
    reasons = models.JSONField("lý do", default=list)

    class Meta:
        ordering = ["unit", "-at", "id"]
        verbose_name = "từ chối tiếp nhận / hướng dẫn"
        verbose_name_plural = "từ chối tiếp nhận / hướng dẫn"

    def __str__(self):
        return f"{self.get_kind_display()} — {self.applicant_name} ({self.at:%d/%m/%Y})"


class Handover(models.Model):
    """A hand-over between people or agencies, one line of Mẫu 06 (phiếu kiểm soát quá trình)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="handovers", verbose_name="hồ sơ")
    at = models.DateTimeField("thời điểm giao nhận")
    # The step completed and the step entered; names are kept because the
    # procedure loader may replace the step rows.
    step = models.ForeignKey(
        "catalog.ProcedureStep", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="bước"
    )
    step_name = models.CharField("bước", max_length=300, blank=True, default="")
    to_step = models.ForeignKey(
        "catalog.ProcedureStep",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="bước tiếp theo",
    )
    to_step_name = models.CharField("bước tiếp theo", max_length=300, blank=True, default="")
    from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="bên giao"
    )
    from_agency = models.CharField("cơ quan giao", max_length=300, blank=True, default="")
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="bên nhận"
    )
    to_agency = models.CharField("cơ quan nhận", max_length=300, blank=True, default="")
    result = models.TextField("kết quả, ghi chú", blank=True, default="")

    class Meta:
        ordering = ["dossier", "at", "id"]
        verbose_name = "giao nhận hồ sơ"
        verbose_name_plural = "giao nhận hồ sơ"

    def __str__(self):
        return f"{self.dossier_id} {self.at:%Y-%m-%d %H:%M}"


class AttachmentKind(models.TextChoices):
    COMPONENT = "component", "Thành phần hồ sơ"
    RESULT = "result", "Kết quả giải quyết"
    # The specialist's draft of the result (PDF), which the leader signs when approving.
    DRAFT_RESULT = "draft_result", "Dự thảo kết quả"


def attachment_upload_to(instance, filename: str) -> str:
    """Return the storage name of an attachment: by unit and local upload date, under a random name."""
    # The applicant's file name is kept in original_name only: a stored name
    # never carries personal data or characters the storage may reject.
    day = (instance.uploaded_at or timezone.now()).astimezone(LOCAL_TZ).date()
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"attachments/{instance.dossier.unit.code}/{day:%Y/%m/%d}/{uuid.uuid4().hex}.{suffix}"


class Attachment(models.Model):
    """A scanned paper of a dossier (digitized component) or of its result, kept in Django's storage."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="attachments", verbose_name="hồ sơ")
    kind = models.CharField("loại", max_length=16, choices=AttachmentKind.choices)
    # Through default_storage: an S3-compatible backend can replace the disk.
    file = models.FileField("tệp", upload_to=attachment_upload_to, max_length=255)
    original_name = models.CharField("tên tệp gốc", max_length=255, blank=True, default="")
    # Detected from the file's first bytes, never taken from the client.
    content_type = models.CharField("kiểu nội dung", max_length=100)
    size = models.PositiveBigIntegerField("dung lượng (byte)")
    sha256 = models.CharField("mã băm SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="người tải lên"
    )
    uploaded_at = models.DateTimeField("thời điểm tải lên")

    class Meta:
        ordering = ["dossier", "uploaded_at", "id"]
        verbose_name = "tệp số hóa"
        verbose_name_plural = "tệp số hóa"

    def __str__(self):
        return f"{self.dossier_id} {self.get_kind_display()} {self.original_name}"


class ResultDocument(models.Model):
    """The document a dossier's result was issued as: exchange's `result_document` (null fields: not known).

    Signing a result (motcua.dossiers.results) fills it with the signed PDF; a
    loaded line may carry it without a file.
    """

    dossier = models.OneToOneField(Dossier, on_delete=models.PROTECT, related_name="result_document", verbose_name="hồ sơ")
    # The signed PDF as stored; its bytes hash to sha256.
    attachment = models.ForeignKey(
        Attachment, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="tệp kết quả"
    )
    sha256 = models.CharField("mã băm SHA-256", max_length=64, blank=True, default="")
    electronic = models.BooleanField("kết quả điện tử", null=True, blank=True)
    signed_at = models.DateTimeField("thời điểm ký", null=True, blank=True)
    # The signer's name as printed in the signature block (kept if the account is renamed).
    signed_by = models.CharField("người ký", max_length=300, blank=True, default="")
    pushed_to_data_store = models.BooleanField("đã đưa vào kho dữ liệu", null=True, blank=True)

    class Meta:
        verbose_name = "kết quả điện tử"
        verbose_name_plural = "kết quả điện tử"

    def __str__(self):
        return f"{self.dossier_id} {self.sha256[:12]}"

    def dossier_facts(self) -> dict[str, bool]:
        """The facts Dossier stores of its result document (the QĐ 766 index's 4.1, 4.2, 4.4 read them)."""
        return {
            "result_electronic": bool(self.electronic and self.sha256),
            "result_in_data_store": bool(self.pushed_to_data_store),
        }

    def save(self, *args, **kwargs):
        with transaction.atomic():
            super().save(*args, **kwargs)
            Dossier.objects.filter(pk=self.dossier_id).update(**self.dossier_facts())


class SweepNoticeKind(models.TextChoices):
    DUE_SOON = "due_soon", "Sắp đến hạn"
    OVERDUE = "overdue", "Quá hạn"


class SweepNotice(models.Model):
    """A reminder the sweep e-mailed about a dossier: never sent twice for the same kind and due time."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="sweep_notices", verbose_name="hồ sơ")
    kind = models.CharField("loại", max_length=16, choices=SweepNoticeKind.choices)
    # The appointment the notice is about: a supplement or an apology moves it, and a new one gets its own notice.
    due_at = models.DateTimeField("hạn")
    sent_at = models.DateTimeField("gửi lúc")
    recipients = models.JSONField("người nhận", default=list, blank=True)

    class Meta:
        ordering = ["-sent_at", "id"]
        verbose_name = "thông báo đến hạn"
        verbose_name_plural = "thông báo đến hạn"
        constraints = [
            models.UniqueConstraint(fields=["dossier", "kind", "due_at"], name="sweep_notice_once_per_due")
        ]

    def __str__(self):
        return f"{self.dossier_id} {self.kind} {self.due_at:%Y-%m-%d %H:%M}"


class PortalFilingState(models.TextChoices):
    # TrangThaiHoSo of national-portal.md: 1 filed online, 2 received, 3 not accepted.
    FILED = "filed", "Chờ tiếp nhận"
    ACCEPTED = "accepted", "Đã tiếp nhận"
    REFUSED = "refused", "Không tiếp nhận"


class PortalFiling(models.Model):
    """A dossier filed on the national portal, waiting at the desk to be accepted (a dossier) or refused.

    Not a Dossier until accepted: a filing nobody has accepted is counted by no
    report. Its decision is written once, with the dossier's receipt event when
    accepted (motcua.dossiers.portal_filings).
    """

    # MaHoSo: the portal's code, the key of idempotent filing.
    code = models.CharField("mã hồ sơ trên Cổng", max_length=64, unique=True)
    # SHA-256 of the canonical JSON body: the same body again is a replay, another is refused.
    digest = models.CharField(max_length=64, editable=False)
    payload = models.JSONField("nội dung gửi từ Cổng")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="portal_filings", verbose_name="đơn vị")
    procedure = models.ForeignKey("catalog.Procedure", on_delete=models.PROTECT, related_name="+", verbose_name="thủ tục")
    filed_at = models.DateTimeField("nộp lúc")
    applicant_kind = models.CharField("loại người nộp", max_length=16, choices=ApplicantKind.choices)
    applicant_name = models.CharField("người nộp", max_length=300)
    applicant_id_number = models.CharField("số định danh", max_length=32, blank=True)
    applicant_vneid_verified = models.BooleanField("đã xác thực VNeID", default=False)
    # The papers as the desk will record them: [{"name", "form", "quantity", "digitized", "reused", "from_data_store"}].
    components = models.JSONField("thành phần hồ sơ", default=list)
    received_at = models.DateTimeField("nhận từ Cổng lúc", auto_now_add=True)
    state = models.CharField("trạng thái", max_length=16, choices=PortalFilingState.choices, default=PortalFilingState.FILED)
    dossier = models.OneToOneField(
        Dossier, null=True, blank=True, on_delete=models.PROTECT, related_name="portal_filing", verbose_name="hồ sơ"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="người quyết định"
    )
    decided_at = models.DateTimeField("quyết định lúc", null=True, blank=True)
    reasons = models.JSONField("lý do không tiếp nhận", default=list, blank=True)

    class Meta:
        ordering = ["filed_at", "id"]
        verbose_name = "hồ sơ nộp trên Cổng DVC quốc gia"
        verbose_name_plural = "hồ sơ nộp trên Cổng DVC quốc gia"
        indexes = [models.Index(fields=["unit", "state"], name="portal_filing_unit_state")]

    def __str__(self):
        return self.code
