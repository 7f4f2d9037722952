"""A dossier's papers one by one and its result document (TT 03/2025; exchange.md, 2026 additions).

The papers are the items of `Dossier.components`; each says what is known of it:
its form, whether it was digitized (with its scan's SHA-256), reused from data
digitized earlier, taken from the citizen's data store, or exempt from a scan
(TT 03/2025 Điều 5). The result document the exchange format carries is
`models.ResultDocument`; signing it is motcua.dossiers.results' job.
"""

from __future__ import annotations

from django.db import models

from motcua.dossiers.error_codes import DossierActionError, DossierErrorCode as E
from motcua.dossiers.models import PaperForm

__all__ = ["PAPER_FLAGS", "PaperExemption", "PaperForm", "paper_at", "paper_needs_scan", "record_exemption", "record_scan"]

# The flags of a paper, in the exchange format's order (true/false; absent = not known).
PAPER_FLAGS = ("digitized", "reused", "from_data_store")


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


def paper_at(dossier, position) -> dict:
    """Return the received paper at `position` (from 1), or refuse a position the dossier has not."""
    papers = dossier.components or []
    if isinstance(position, bool) or not isinstance(position, int) or not 1 <= position <= len(papers):
        raise DossierActionError(
            E.INVALID_COMPONENTS, f"hồ sơ {dossier.code} không có giấy tờ thứ {position} (có {len(papers)} giấy tờ)"
        )
    return papers[position - 1]


def _replace_paper(dossier, position: int, changes: dict, drop=()) -> None:
    # A new list: the snapshot taken before keeps the old one for the history's before/after.
    papers = [dict(p) for p in dossier.components]
    paper = papers[position - 1]
    for key in drop:
        paper.pop(key, None)
    paper.update(changes)
    dossier.components = papers


def record_scan(dossier, position: int, attachment) -> None:
    """Mark the paper at `position` digitized by `attachment`'s scan (no longer exempt)."""
    _replace_paper(
        dossier, position, {"digitized": True, "sha256": attachment.sha256, "attachment": attachment.pk}, drop=("exemption",)
    )


def record_exemption(dossier, position: int, exemption: str) -> None:
    """Mark the paper at `position` exempt from a scan (TT 03/2025 Điều 5)."""
    if exemption not in PaperExemption.values:
        raise DossierActionError(E.INVALID_KIND, f"lý do miễn số hóa «{exemption}» không hợp lệ")
    paper = paper_at(dossier, position)
    if paper.get("sha256"):
        raise DossierActionError(E.INVALID_COMPONENTS, f"giấy tờ «{paper.get('name', '')}» đã có bản số hóa")
    _replace_paper(dossier, position, {"exemption": exemption, "digitized": False})
