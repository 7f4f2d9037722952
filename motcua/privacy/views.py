"""The oversight page of the personal-data access log: who read which citizens' data, in the reader's units."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from motcua.accounts.models import Role
from motcua.accounts.scoping import scoped
from motcua.core.forms import CleanTextMixin
from motcua.privacy.models import AccessKind, AccessRecord

READER_ROLES = {Role.LEADER, Role.OVERSIGHT, Role.ADMINISTRATOR}
PAGE_SIZE = 50


class AccessFilterForm(CleanTextMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Loại truy cập"), required=False, choices=[("", _("Tất cả"))] + [(v, _(t)) for v, t in AccessKind.choices])
    nguoi = forms.CharField(label=_("Người truy cập (tên đăng nhập)"), required=False, max_length=150)
    ho_so = forms.CharField(label=_("Mã hồ sơ"), required=False, max_length=64)
    tu_ngay = forms.DateField(label=_("Từ ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                              error_messages={"invalid": _("Ngày không hợp lệ.")})
    den_ngay = forms.DateField(label=_("Đến ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                               error_messages={"invalid": _("Ngày không hợp lệ.")})


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


@require_safe
@login_required
def access_log(request):
    """List the readings of personal data in the user's units, newest first, filtered and paged."""
    user = request.user
    if not (user.is_superuser or user.role in READER_ROLES):
        raise PermissionDenied(_("Nhật ký truy cập dữ liệu cá nhân dành cho lãnh đạo, cán bộ theo dõi và quản trị viên."))
    form = AccessFilterForm(request.GET)
    records = scoped(AccessRecord.objects.select_related("user", "unit"), user)
    if form.is_valid():
        data = form.cleaned_data
        if data["kind"]:
            records = records.filter(kind=data["kind"])
        if data["nguoi"].strip():
            records = records.filter(user__username__iexact=data["nguoi"].strip())
        if data["ho_so"].strip():
            records = records.filter(dossier_code__iexact=data["ho_so"].strip())
        if data["tu_ngay"]:
            records = records.filter(at__gte=_day_start(data["tu_ngay"]))
        if data["den_ngay"]:
            records = records.filter(at__lt=_day_start(data["den_ngay"] + dt.timedelta(days=1)))
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("trang") or 1)
    query = request.GET.copy()
    query.pop("trang", None)
    context = {"form": form, "page": page, "total": page.paginator.count, "query": query.urlencode()}
    return render(request, "privacy/access_log.html", context)
