"""How notices are shown: the recipient masked, one row each on the dossier page and in its history."""

from __future__ import annotations

from motcua.dossiers.models import NotifyChannel
from motcua.notices.models import Notice


def mask_recipient(channel: str, recipient: str) -> str:
    """Hide most of a phone number or e-mail address: "*******678", "b***@example.vn"."""
    recipient = recipient or ""
    if channel == NotifyChannel.EMAIL and "@" in recipient:
        local, _, domain = recipient.partition("@")
        return f"{local[:1]}***@{domain}"
    return "*" * max(len(recipient) - 3, 0) + recipient[-3:]


def dossier_notices(dossier) -> list[dict]:
    """Return the dossier's notices, oldest first, each with its masked recipient and the time that matters."""
    rows = []
    for notice in Notice.objects.filter(dossier=dossier).order_by("created_at", "id"):
        rows.append(
            {
                "notice": notice,
                "recipient": mask_recipient(notice.channel, notice.recipient),
                # The time shown: when it went, when it finally failed, or when it was written.
                "at": notice.sent_at or notice.failed_at or notice.created_at,
            }
        )
    return rows


def with_notices(timeline: list[dict], notices: list[dict]) -> list[dict]:
    """Interleave the notices with the history rows by time (a notice after the event that caused it)."""
    rows = [(row["event"].at, 0, i, row) for i, row in enumerate(timeline)]
    rows += [(row["at"], 1, i, {"notice_row": row}) for i, row in enumerate(notices)]
    return [row for *_, row in sorted(rows, key=lambda r: r[:3])]
