"""The administrators' page of the national portal's sync: counts, failed messages with the portal's answer, re-queue."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from motcua.accounts.scoping import scoped
from motcua.administration.access import administrator_required
from motcua.nationalportal.delivery import configured, requeue, sync_counts
from motcua.nationalportal.forms import RequeueForm
from motcua.nationalportal.models import MessageStatus, OutboxMessage


def _messages_of(user):
    return scoped(OutboxMessage.objects.all(), user, field="dossier__unit")


@administrator_required
def sync_page(request):
    """Show the sync counts of the administrator's units and their failed messages, oldest first."""
    mine = _messages_of(request.user)
    failed = mine.filter(status=MessageStatus.FAILED).select_related("dossier").order_by("id")
    page = Paginator(failed, 50).get_page(request.GET.get("trang"))
    return render(
        request,
        "nationalportal/sync.html",
        {"counts": sync_counts(mine), "page": page, "configured": configured(), "section": "portal"},
    )


@administrator_required
@require_POST
def requeue_view(request):
    """Put one failed message (or all of the administrator's units) back in the queue, with the same key."""
    form = RequeueForm(request.POST)
    if not form.is_valid():
        messages.error(request, "; ".join(e for errors in form.errors.values() for e in errors))
        return redirect("nationalportal:sync")
    failed = _messages_of(request.user).filter(status=MessageStatus.FAILED)
    if form.cleaned_data["message"]:
        failed = failed.filter(pk=form.cleaned_data["message"])
    count = requeue(failed)
    if count:
        messages.success(
            request,
            gettext("Đã đưa %(n)d thông điệp vào hàng đợi gửi lại.") % {"n": count},
        )
    else:
        messages.error(request, gettext("Không có thông điệp gửi không thành công nào để gửi lại."))
    return redirect("nationalportal:sync")
