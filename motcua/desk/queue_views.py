"""The leader's decision queue: dossiers awaiting a decision in the leader's unit, oldest due first."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST, require_safe

from motcua.accounts.models import Role
from motcua.accounts.scoping import scoped
from motcua.desk.action_forms import ApproveForm, RefuseForm
from motcua.desk.dossier_actions import STALE, run_action
from motcua.desk.dossier_views import get_scoped_dossier, is_htmx
from motcua.dossiers.models import Dossier, DossierEvent, Status

# Only these two are offered from the list; everything else is done on the dossier page.
QUEUE_ACTIONS = ("approve", "refuse")


def _require_leader(user):
    if user.role != Role.LEADER:
        raise PermissionDenied(gettext("Chỉ lãnh đạo đơn vị mới có danh sách hồ sơ chờ phê duyệt."))


def awaiting_decision(user):
    """Return the dossiers of the user's units awaiting a leader's decision, oldest due first, with who submitted them."""
    submitted = DossierEvent.objects.filter(dossier=OuterRef("pk"), to_status=Status.AWAITING_DECISION).order_by("-at", "-id")
    return (
        scoped(Dossier.objects.filter(status=Status.AWAITING_DECISION), user)
        .select_related("procedure", "unit", "assignee")
        .annotate(
            submitted_at=Subquery(submitted.values("at")[:1]),
            submitted_by_first=Subquery(submitted.values("actor__first_name")[:1]),
            submitted_by_last=Subquery(submitted.values("actor__last_name")[:1]),
            submitted_by_username=Subquery(submitted.values("actor__username")[:1]),
        )
        .order_by("due_at", "code")
    )


def row_context(dossier, approve_form=None, refuse_form=None, notice="", error="") -> dict:
    prefix = f"q{dossier.pk}"
    return {
        "dossier": dossier,
        "approve_form": approve_form or ApproveForm(dossier=dossier, auto_id=f"id_%s_approve_{prefix}"),
        "refuse_form": refuse_form or RefuseForm(dossier=dossier, auto_id=f"id_%s_refuse_{prefix}"),
        "notice": notice,
        "error": error,
        "done": dossier.status != Status.AWAITING_DECISION,
    }


@require_safe
@login_required
def decision_queue(request):
    """List the dossiers waiting for the signed-in leader's decision."""
    _require_leader(request.user)
    rows = [row_context(d) for d in awaiting_decision(request.user)]
    return render(request, "desk/queue.html", {"rows": rows})


@require_POST
@login_required
def queue_action(request, code: str, action: str):
    """Approve or refuse a dossier from the queue; htmx gets the updated row back."""
    _require_leader(request.user)
    dossier = get_scoped_dossier(request.user, code)
    if action not in QUEUE_ACTIONS:
        outcome = run_action(request.user, dossier, "", request.POST)
        outcome.message = gettext("Không có thao tác «%(action)s» trong danh sách chờ phê duyệt.") % {"action": action[:40]}
    else:
        outcome = run_action(request.user, dossier, action, request.POST)
    if outcome.ok:
        row = row_context(outcome.dossier, notice=outcome.message)
        if is_htmx(request):
            return render(request, "desk/queue_row.html", row)
        messages.success(request, outcome.message)
        return redirect("desk:decision_queue")
    if outcome.status == 409:
        dossier = get_scoped_dossier(request.user, code)
        row = row_context(dossier, error=gettext(STALE))
    elif outcome.spec is not None and outcome.spec.slug == "refuse" and outcome.form is not None:
        row = row_context(dossier, refuse_form=_with_ids(outcome.form, dossier, "refuse"), error="" if outcome.form.has_error("reasons") else outcome.message)
    else:
        row = row_context(dossier, error=outcome.message)
    if is_htmx(request):
        return render(request, "desk/queue_row.html", row)
    rows = [row if d.pk == dossier.pk else row_context(d) for d in awaiting_decision(request.user)]
    if not any(r["dossier"].pk == dossier.pk for r in rows):
        messages.error(request, row["error"] or outcome.message)
    return render(request, "desk/queue.html", {"rows": rows}, status=outcome.status)


def _with_ids(form, dossier, slug):
    # The bound form keeps its data and errors; only its field ids must stay unique per row.
    form.auto_id = f"id_%s_{slug}_q{dossier.pk}"
    return form
