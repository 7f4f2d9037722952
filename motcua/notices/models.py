"""Notices to citizens: one row per message (SMS or e-mail) a dossier's event gave rise to."""

from django.conf import settings
from django.db import models

from motcua.dossiers.models import NotifyChannel


class NoticeKind(models.TextChoices):
    RECEIPT = "receipt", "Tiếp nhận hồ sơ"
    SUPPLEMENT = "supplement", "Yêu cầu bổ sung hồ sơ"
    APOLOGY = "apology", "Xin lỗi và hẹn lại"
    RESULT = "result", "Có kết quả giải quyết"
    REFUSAL = "refusal", "Từ chối giải quyết"


class NoticeStatus(models.TextChoices):
    QUEUED = "queued", "Đang chờ gửi"
    SENT = "sent", "Đã gửi"
    FAILED = "failed", "Gửi không thành công"


class Notice(models.Model):
    """One message to the applicant, written when its event committed and sent by the background worker."""

    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.PROTECT, related_name="notices", verbose_name="hồ sơ")
    # The event the notice tells of; (event, channel) is unique, so a signal delivered twice writes nothing new.
    event = models.ForeignKey("dossiers.DossierEvent", on_delete=models.PROTECT, related_name="+", verbose_name="thao tác")
    kind = models.CharField("loại thông báo", max_length=16, choices=NoticeKind.choices)
    channel = models.CharField("kênh", max_length=8, choices=NotifyChannel.choices)
    # The phone number or e-mail address as given at intake (shown masked: display.mask_recipient).
    recipient = models.CharField("người nhận", max_length=254)
    subject = models.CharField("tiêu đề", max_length=200, blank=True)
    text = models.TextField("nội dung")
    status = models.CharField("trạng thái", max_length=8, choices=NoticeStatus.choices, default=NoticeStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField("số lần gửi", default=0)
    last_error = models.CharField("lỗi gần nhất", max_length=500, blank=True)
    created_at = models.DateTimeField("tạo lúc")
    last_attempt_at = models.DateTimeField("gửi lần cuối lúc", null=True, blank=True)
    next_attempt_at = models.DateTimeField("gửi lại lúc", null=True, blank=True)
    sent_at = models.DateTimeField("đã gửi lúc", null=True, blank=True)
    failed_at = models.DateTimeField("thất bại lúc", null=True, blank=True)
    # The administrator who last queued a failed notice again (motcua.notices.sending.do_resend_notice).
    resent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="gửi lại bởi"
    )
    resent_at = models.DateTimeField("gửi lại lúc (quản trị)", null=True, blank=True)

    class Meta:
        ordering = ["dossier", "created_at", "id"]
        verbose_name = "thông báo cho người nộp"
        verbose_name_plural = "thông báo cho người nộp"
        constraints = [models.UniqueConstraint(fields=["event", "channel"], name="notice_one_per_event_channel")]
        indexes = [models.Index(fields=["status", "created_at"], name="notice_status_created")]

    def __str__(self):
        return f"{self.dossier_id} {self.kind} {self.channel} {self.status}"
