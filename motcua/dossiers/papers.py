"""A dossier's papers one by one and its result document (TT 03/2025; exchange.md, 2026 additions).

The papers are the items of `Dossier.components`; each says what is known of it:
its form, whether it was digitized (with its scan's SHA-256), reused from data
digitized earlier, taken from the citizen's data store, or exempt from a scan
(TT 03/2025 Điều 5). `ResultDocument` is a plain data holder for the result
document the exchange format carries; signing it is another module's job.
"""

from __future__ import annotations

from django.db import models

# The flags of a paper, in the exchange format's order (true/false; absent = not known).
PAPER_FLAGS = ("digitized", "reused", "from_data_store")


class PaperForm(models.TextChoices):
    """The form of a paper received: a procedure's list asks for the first three (ComponentForm)."""

    ORIGINAL = "original", "Bản chính"
    COPY = "copy", "Bản sao"
    CERTIFIED_COPY = "certified_copy", "Bản sao chứng thực"
    ELECTRONIC = "electronic", "Bản điện tử"


class PaperExemption(models.TextChoices):
    """Papers that need no scan (TT 03/2025 Điều 5)."""

    ELECTRONIC = "electronic", "Hồ sơ nộp điện tử, không phải số hóa"
    SHOWN_ONLY = "shown_only", "Giấy tờ chỉ xuất trình để đối chiếu"
    SECRET = "secret", "Tài liệu mật, không số hóa"


def paper_needs_scan(paper: dict) -> bool:
    """Whether a paper still lacks its scan: neither digitized, reused, from the data store, nor exempt."""
    if paper.get("exemption") or paper.get("reused") or paper.get("from_data_store"):
        return False
    return not paper.get("sha256")


class ResultDocument(models.Model):
    """The document a dossier's result was issued as (null fields: not known)."""

    dossier = models.OneToOneField(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="result_document", verbose_name="hồ sơ"
    )
    sha256 = models.CharField("mã băm SHA-256", max_length=64, blank=True, default="")
    electronic = models.BooleanField("bản điện tử", null=True, blank=True)
    signed_at = models.DateTimeField("ký lúc", null=True, blank=True)
    signed_by = models.CharField("người ký", max_length=300, blank=True, default="")
    pushed_to_data_store = models.BooleanField("đã đưa vào kho dữ liệu của công dân", null=True, blank=True)

    class Meta:
        verbose_name = "văn bản kết quả"
        verbose_name_plural = "văn bản kết quả"

    def __str__(self):
        return f"{self.dossier_id} {self.sha256[:12]}"
