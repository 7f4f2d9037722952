"""Feedback pages: citizens send and follow it on the portal; desk officers and leaders of the unit answer it."""

from __future__ import annotations

import re

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from motcua.accounts.models import Role
from motcua.accounts.scoping import scoped
from motcua.dossiers.timeliness import LOCAL_TZ
from motcua.feedback.actions import (
    HANDLER_ROLES,
    FeedbackActionError,
    do_answer_feedback,
    do_submit_feedback,
    do_take_up_feedback,
)
from motcua.feedback.models import Feedback, FeedbackStatus, Kind
from motcua.forms.text import datetime_text
from motcua.portal.labels import message
from motcua.portal.ratelimit import rate_limited
from motcua.portal.views import public_page
from motcua.units.models import Unit, find_unit

_TRACKING = re.compile(r"^[A-Za-z0-9\-]{6,32}$")
# The session remembers the tracking code just issued, to show it once prominently.
_JUST_SENT = "motcua_feedback_just_sent"
# Who reads the unit's feedback: those who answer it, and administrators.
READER_ROLES = HANDLER_ROLES | {Role.ADMINISTRATOR}


def _units():
    day = timezone.now().astimezone(LOCAL_TZ).date()
    return Unit.objects.exclude(valid_from__gt=day).exclude(valid_to__lt=day).select_related("parent").order_by("path")


# ------------------------------------------------------------------ public


@require_http_methods(["GET", "HEAD", "POST"])
@rate_limited
def send(request):
    """Show the feedback form, or record the feedback and go to its tracking page."""
    values = {"kind": Kind.COMPLAINT}
    errors: dict[str, str] = {}
    if request.method == "POST":
        values = {k: (request.POST.get(k) or "").strip() for k in ("unit", "kind", "subject", "content", "dossier_code", "sender_name", "sender_phone", "sender_email")}
        unit = find_unit(values["unit"], queryset=_units()) if values["unit"] else None
        if unit is None:
            errors["unit"] = gettext("Xin chọn cơ quan, đơn vị nhận phản ánh.")
        else:
            try:
                feedback = do_submit_feedback(
                    unit,
                    values["kind"],
                    values["subject"],
                    values["content"],
                    {"name": values["sender_name"], "phone": values["sender_phone"], "email": values["sender_email"]},
                    values["dossier_code"],
                )
            except FeedbackActionError as error:
                errors[error.field or "form"] = message(error.message if error.message.endswith(".") else error.message + ".")
            else:
                request.session[_JUST_SENT] = feedback.tracking_code
                return redirect("feedback:track", tracking=feedback.tracking_code)
    context = {"values": values, "errors": errors, "units": _units(), "kinds": Kind.choices}
    return public_page(request, "feedback/send.html", context)


@require_safe
@rate_limited
def track(request, tracking: str):
    """Show a feedback's status and answer to whoever holds its tracking code; no personal data."""
    tracking = tracking.strip().upper()
    feedback = None
    if _TRACKING.match(tracking):
        feedback = Feedback.objects.select_related("unit").filter(tracking_code=tracking).first()
    if feedback is None:
        return public_page(request, "feedback/not_found.html", {}, status=404)
    just_sent = request.session.pop(_JUST_SENT, None) == feedback.tracking_code
    context = {
        "feedback": feedback,
        "just_sent": just_sent,
        "created": datetime_text(feedback.created_at),
        "answered": datetime_text(feedback.answered_at),
    }
    return public_page(request, "feedback/track.html", context)


@require_safe
@rate_limited
def track_lookup(request):
    """Go to the tracking page of the code typed in the form."""
    tracking = (request.GET.get("ma") or "").strip().upper()
    if not _TRACKING.match(tracking):
        return public_page(request, "feedback/not_found.html", {}, status=404)
    return redirect("feedback:track", tracking=tracking)


# ------------------------------------------------------------------- staff


def _reader(request):
    if request.user.role not in READER_ROLES and not request.user.is_superuser:
        raise PermissionDenied(gettext("Vai trò của bạn không xử lý phản ánh, kiến nghị."))


@require_safe
@login_required
def staff_list(request):
    """List the feedback of the user's units, filtered by status."""
    _reader(request)
    status = request.GET.get("trang-thai") or ""
    items = scoped(Feedback.objects.select_related("unit"), request.user)
    if status in FeedbackStatus.values:
        items = items.filter(status=status)
    else:
        status = ""
    page = Paginator(items.order_by("-created_at", "-id"), 50).get_page(request.GET.get("trang"))
    context = {"page": page, "status": status, "statuses": FeedbackStatus.choices}
    return render(request, "feedback/staff_list.html", context)


@require_safe
@login_required
def staff_detail(request, pk: int):
    """Show one feedback with its sender, history and the actions the user may take."""
    _reader(request)
    feedback = _scoped_feedback(request, pk)
    return _detail_page(request, feedback, {})


@require_POST
@login_required
def staff_take_up(request, pk: int):
    """Take a received feedback up for handling."""
    _reader(request)
    feedback = _scoped_feedback(request, pk)
    try:
        do_take_up_feedback(request.user, feedback, expected_version=request.POST.get("version"))
    except FeedbackActionError as error:
        return _detail_page(request, feedback, {"form": message(error.message)}, status=409)
    return redirect("feedback:staff_detail", pk=feedback.pk)


@require_POST
@login_required
def staff_answer(request, pk: int):
    """Answer a feedback; the answer is published on the tracking page."""
    _reader(request)
    feedback = _scoped_feedback(request, pk)
    answer = request.POST.get("answer") or ""
    try:
        do_answer_feedback(request.user, feedback, answer, expected_version=request.POST.get("version"))
    except FeedbackActionError as error:
        return _detail_page(request, feedback, {error.field or "form": message(error.message)}, answer=answer, status=400)
    return redirect("feedback:staff_detail", pk=feedback.pk)


def _scoped_feedback(request, pk: int) -> Feedback:
    # Another unit's feedback is "not found", not "forbidden".
    return get_object_or_404(scoped(Feedback.objects.select_related("unit", "answered_by", "handler"), request.user), pk=pk)


def _detail_page(request, feedback, errors, answer="", status=200):
    feedback.refresh_from_db()
    may_act = request.user.role in HANDLER_ROLES
    context = {
        "feedback": feedback,
        "events": feedback.events.select_related("actor").order_by("at", "id"),
        "errors": errors,
        "answer": answer,
        "may_take_up": may_act and feedback.status == FeedbackStatus.RECEIVED,
        "may_answer": may_act and feedback.status != FeedbackStatus.ANSWERED,
    }
    return render(request, "feedback/staff_detail.html", context, status=status)


__all__ = ["send", "track", "track_lookup", "staff_list", "staff_detail", "staff_take_up", "staff_answer"]
