"""Template helpers of the officer's pages: dossier state badges and remaining time."""

from __future__ import annotations

from django import template
from django.utils import timezone

from motcua.dossiers.models import OPEN_STATUSES, Status

register = template.Library()


def dossier_timing(dossier, now=None) -> str:
    """Return 'overdue' (open, past due), 'late' (resolved after due), 'paused', or '' for a dossier."""
    now = now or timezone.now()
    if dossier.status == Status.AWAITING_SUPPLEMENT:
        # The clock stopped when the papers were asked for; asked for only
        # after the due time, the dossier was already late. Lists annotate
        # `open_supplement_since`; without it the clock is taken as stopped in time.
        since = getattr(dossier, "open_supplement_since", None)
        if since is not None and dossier.due_at and since >= dossier.due_at:
            return "overdue"
        return "paused"
    if dossier.status in OPEN_STATUSES:
        return "overdue" if dossier.due_at and dossier.due_at < now else ""
    if dossier.resolved_at and dossier.due_at and dossier.resolved_at > dossier.due_at:
        return "late"
    return ""


@register.filter
def timing(dossier) -> str:
    """Return the dossier's timing class: 'overdue', 'late', 'paused' or ''."""
    return dossier_timing(dossier)


@register.filter(name="label")
def label_filter(text) -> str:
    """Translate a Vietnamese label of a model choice (a status, a channel …) into the active language."""
    from motcua.portal.labels import label

    return label(text)
