"""The administrators' list of notices that could not be sent, with a button to send each again."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST, require_safe

from motcua.administration.access import administrator_required, managed_units
from motcua.notices.display import mask_recipient
from motcua.notices.error_codes import NoticeActionError
from motcua.notices.models import Notice
from motcua.notices.sending import do_resend_notice, failed_notices
from motcua.portal.labels import message as domain_message

PAGE_SIZE = 50


@require_safe
@administrator_required
def failed_list(request):
    """List the failed notices of the administrator's units, newest first."""
    page = Paginator(failed_notices(request.user), PAGE_SIZE).get_page(request.GET.get("trang"))
    rows = [{"notice": n, "recipient": mask_recipient(n.channel, n.recipient)} for n in page.object_list]
    return render(request, "notices/failed_list.html", {"page": page, "rows": rows})


@require_POST
@administrator_required
def resend(request, pk: int):
    """Queue a failed notice again; back to the list with what happened."""
    # Another unit's notice is 404, as an unknown one.
    notice = get_object_or_404(Notice.objects.select_related("dossier"), pk=pk, dossier__unit__in=managed_units(request.user))
    try:
        notice = do_resend_notice(request.user, notice)
    except NoticeActionError as error:
        text = domain_message(error.message)
        messages.error(request, text[:1].upper() + text[1:] + ".")
    else:
        messages.success(
            request,
            gettext("Đã đưa thông báo của hồ sơ %(code)s vào hàng đợi gửi lại; trạng thái hiện tại: %(status)s.")
            % {"code": notice.dossier.code, "status": gettext(notice.get_status_display())},
        )
    return redirect("notices:failed")
