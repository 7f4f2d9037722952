"""The citizen's request to stop handling a dossier (TT 03/2025, Mẫu 05): at the counter or online.

The dossier ends `stopped`, resolved at the request's time; no decision was
made, so every figure counts it like a withdrawal (motcua.dossiers.figures).
At the counter the desk records the request; online the applicant makes it
after the 4-digit check, and the history records it with no actor (the portal).
"""

from __future__ import annotations

from django.db import transaction

from motcua.dossiers import actions as a
from motcua.dossiers.error_codes import DossierErrorCode as E
from motcua.dossiers.events import Verb, snapshot
from motcua.dossiers.lifecycle import TRANSITIONS
from motcua.dossiers.models import Dossier, DossierEvent, Outcome, Status
from motcua.dossiers.online import applicant_matches

COUNTER = "counter"
ONLINE = "online"
# The reason printed on Mẫu 05 when the applicant gave none.
DEFAULT_REASON = "Theo đề nghị dừng xử lý hồ sơ của tổ chức, cá nhân."
_STOP_FIELDS = ["status", "resolved_at", "outcome"]


def do_stop_dossier(actor, dossier, reason="", *, at=None, expected_version=None) -> Dossier:
    """Record the applicant's request, made at the counter, to stop handling: the dossier ends stopped."""
    with transaction.atomic():
        d, at = a._begin(actor, dossier, Verb.STOP, expected_version, at)
        return _stop(actor, d, at, reason, COUNTER)


def do_stop_dossier_online(dossier, digits: str, reason="", *, at=None) -> Dossier:
    """Record the applicant's online request to stop handling, after the 4-digit check."""
    with transaction.atomic():
        d = Dossier.objects.select_for_update(of=("self",)).select_related("unit", "procedure").get(pk=dossier.pk)
        if not applicant_matches(d, digits):
            a._fail(E.INVALID_APPLICANT, "4 chữ số cuối không khớp với số điện thoại hoặc số định danh của người nộp")
        if d.status not in TRANSITIONS[Verb.STOP].sources:
            a._fail(
                E.INVALID_TRANSITION,
                f"không thể dừng xử lý: hồ sơ {d.code} đang ở trạng thái «{Status(d.status).label}»",
            )
        at = a._not_in_future(at, "thời điểm đề nghị dừng xử lý")
        latest = DossierEvent.objects.filter(dossier=d).order_by("-at").values_list("at", flat=True).first()
        floor = max(d.received_at, latest) if latest else d.received_at
        if at < floor:
            a._fail(E.INVALID_TIME, f"thời điểm đề nghị trước thao tác gần nhất của hồ sơ {d.code}")
        return _stop(None, d, at, reason, ONLINE)


def _stop(actor, d: Dossier, at, reason: str, channel: str) -> Dossier:
    reason = (reason or "").strip()
    before = snapshot(d, _STOP_FIELDS)
    d.status, d.resolved_at, d.outcome = Status.STOPPED, at, Outcome.STOPPED
    return a._finish(actor, d, Verb.STOP, at, before, reason=reason, data={"requested": channel})
