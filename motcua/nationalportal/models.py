"""The outbox of messages to the national public-service portal (national-portal.md, "Delivery rules").

One row per state change of a dossier, written in the transaction of its event
(motcua.nationalportal.outbox.write_message); the worker delivers the rows of a
dossier in `id` order (motcua.nationalportal.delivery). The row's `key` is the
`Idempotency-Key` of every attempt: the portal sees retries as one message.
"""

import uuid

from django.db import models


class MessageStatus(models.TextChoices):
    PENDING = "pending", "Đang chờ gửi"
    DELIVERED = "delivered", "Đã gửi"
    FAILED = "failed", "Gửi không thành công"


class OutboxMessage(models.Model):
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.PROTECT, related_name="portal_messages", verbose_name="hồ sơ"
    )
    # The event the message reports; null for a re-sync of the current state (`motcua sync push`).
    event = models.ForeignKey(
        "dossiers.DossierEvent", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="sự kiện"
    )
    key = models.UUIDField("khóa gửi (Idempotency-Key)", default=uuid.uuid4, unique=True, editable=False)
    payload = models.JSONField("nội dung")
    created = models.DateTimeField("tạo lúc")
    status = models.CharField("trạng thái", max_length=16, choices=MessageStatus.choices, default=MessageStatus.PENDING)
    attempts = models.PositiveIntegerField("số lần đã gửi", default=0)
    # Not tried before this time (backoff); a worker holds the row until `leased_until` while it sends it.
    next_attempt = models.DateTimeField("gửi lại từ")
    leased_until = models.DateTimeField(null=True, blank=True, editable=False)
    last_attempt = models.DateTimeField("lần gửi gần nhất", null=True, blank=True)
    # The portal's last answer: HTTP status (0: no answer) and the beginning of its body or the error.
    last_status = models.PositiveSmallIntegerField("mã trả lời gần nhất", null=True, blank=True)
    last_answer = models.TextField("trả lời gần nhất", blank=True, default="")
    delivered = models.DateTimeField("đã gửi lúc", null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = "thông điệp gửi Cổng DVC quốc gia"
        verbose_name_plural = "thông điệp gửi Cổng DVC quốc gia"
        indexes = [
            # The worker's scan: the oldest undelivered message of each dossier that is due.
            models.Index(fields=["status", "next_attempt"], name="outbox_status_next"),
            models.Index(fields=["dossier", "status"], name="outbox_dossier_status"),
        ]

    def __str__(self):
        return f"{self.dossier_id} {self.key} {self.status}"
