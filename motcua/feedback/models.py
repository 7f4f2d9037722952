"""Feedback (phản ánh, kiến nghị) from citizens about a unit's procedures or their handling."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models


class Kind(models.TextChoices):
    COMPLAINT = "complaint", "Phản ánh"
    PROPOSAL = "proposal", "Kiến nghị"


class FeedbackStatus(models.TextChoices):
    RECEIVED = "received", "Đã tiếp nhận"
    PROCESSING = "processing", "Đang xử lý"
    ANSWERED = "answered", "Đã trả lời"


class FeedbackVerb(models.TextChoices):
    SUBMIT = "submit", "Gửi phản ánh, kiến nghị"
    TAKE_UP = "take_up", "Tiếp nhận xử lý"
    ANSWER = "answer", "Trả lời"


class Feedback(models.Model):
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="feedback", verbose_name="đơn vị")
    kind = models.CharField("loại", max_length=16, choices=Kind.choices)
    subject = models.CharField("tiêu đề", max_length=200)
    content = models.TextField("nội dung")
    dossier_code = models.CharField("mã hồ sơ liên quan", max_length=64, blank=True, default="")
    # Kept for the unit to contact the sender; never shown on a public page.
    sender_name = models.CharField("họ tên người gửi", max_length=300)
    sender_phone = models.CharField("số điện thoại", max_length=32, blank=True, default="")
    sender_email = models.CharField("thư điện tử", max_length=254, blank=True, default="")
    # Random, so one sender's code tells nothing about another's.
    tracking_code = models.CharField("mã theo dõi", max_length=32, unique=True)
    # Changed only by the do_* functions of motcua.feedback.actions.
    status = models.CharField(
        "trạng thái", max_length=16, choices=FeedbackStatus.choices, default=FeedbackStatus.RECEIVED, editable=False
    )
    version = models.PositiveIntegerField("phiên bản", default=1, editable=False)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="người xử lý"
    )
    answer = models.TextField("nội dung trả lời", blank=True, default="")
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="người trả lời"
    )
    answered_at = models.DateTimeField("trả lời lúc", null=True, blank=True)
    created_at = models.DateTimeField("gửi lúc")
    # The answer's deadline, fixed on receipt (motcua.feedback.deadline); null only for rows written by SQL until
    # fill_answer_due runs.
    due_at = models.DateTimeField("hạn trả lời", null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "id"]
        verbose_name = "phản ánh, kiến nghị"
        verbose_name_plural = "phản ánh, kiến nghị"
        indexes = [
            models.Index(fields=["unit", "status", "created_at"], name="feedback_unit_status"),
            # The QĐ 766 index's 5.2: a unit's items due in a period, answered by then or not.
            models.Index(fields=["unit", "due_at"], include=["answered_at"], name="feedback_unit_due"),
        ]

    def __str__(self):
        return f"{self.tracking_code} {self.subject}"


class AppendOnlyQuerySet(models.QuerySet):
    """A queryset that refuses bulk updates and deletes of history rows."""

    def update(self, **kwargs):
        raise PermissionError("lịch sử xử lý phản ánh chỉ được ghi thêm, không được sửa")

    def delete(self):
        raise PermissionError("lịch sử xử lý phản ánh chỉ được ghi thêm, không được xóa")


class FeedbackEvent(models.Model):
    """One entry of a feedback's history; append-only like DossierEvent."""

    feedback = models.ForeignKey(Feedback, on_delete=models.PROTECT, related_name="events", verbose_name="phản ánh")
    at = models.DateTimeField("thời điểm")
    recorded_at = models.DateTimeField("ghi nhận lúc", auto_now_add=True)
    # Null = the sender on the public portal.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="người thực hiện"
    )
    verb = models.CharField("thao tác", max_length=16, choices=FeedbackVerb.choices)
    from_status = models.CharField("từ trạng thái", max_length=16, choices=FeedbackStatus.choices, blank=True)
    to_status = models.CharField("sang trạng thái", max_length=16, choices=FeedbackStatus.choices)
    data = models.JSONField("dữ liệu", default=dict, blank=True, encoder=DjangoJSONEncoder)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["feedback", "at", "id"]
        verbose_name = "lịch sử xử lý phản ánh"
        verbose_name_plural = "lịch sử xử lý phản ánh"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("lịch sử xử lý phản ánh chỉ được ghi thêm, không được sửa")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("lịch sử xử lý phản ánh chỉ được ghi thêm, không được xóa")
