"""Pages of the reform registers: index, list, create/edit, history, XLSX export, template and import.

Thin: every change goes through motcua.reform.actions; every query is scoped
to the user's units (another unit's record is a 404).
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.accounts.models import Role
from motcua.accounts.scoping import scoped, visible_units
from motcua.lib.periods import Period, parse_period
from motcua.reform import xlsx
from motcua.reform.actions import (
    RegisterError,
    do_create_register_record,
    do_delete_register_record,
    do_import_register_rows,
    do_update_register_record,
    may_edit,
)
from motcua.reform.forms import ImportForm, form_class
from motcua.reform.models import RegisterChange, ReformTask
from motcua.reform.registers import BY_SLUG, REGISTERS, Register, rows_in_period

READ_ROLES = {Role.SPECIALIST, Role.LEADER, Role.OVERSIGHT, Role.ADMINISTRATOR}
PAGE_SIZE = 50
PERIOD_HINT = "Kỳ báo cáo không hợp lệ: dùng 2023-Q2, 2023-H1, 2023-9M, 2023 hoặc 2023-04-01..2023-06-30."
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _register(slug: str) -> Register:
    try:
        return BY_SLUG[slug]
    except KeyError:
        raise Http404(_("Không có sổ này.")) from None


def _check_reader(user) -> None:
    if not (user.is_superuser or user.role in READ_ROLES):
        raise PermissionDenied(_("Sổ cải cách hành chính dành cho chuyên viên, lãnh đạo và cán bộ theo dõi."))


def _today() -> dt.date:
    return timezone.localdate()


def current_quarter(today: dt.date) -> Period:
    """Return the calendar quarter containing `today`."""
    return parse_period(f"{today.year}-Q{(today.month - 1) // 3 + 1}", settings.MOTCUA_PERIOD_CALENDAR)


def _period(request, default: Period) -> tuple[Period, str]:
    raw = request.GET.get("ky", "").strip()
    if not raw:
        return default, ""
    try:
        return parse_period(raw, settings.MOTCUA_PERIOD_CALENDAR), ""
    except ValueError as error:
        # The parser's detail is Vietnamese; another language gets the hint in its own words.
        hint = _(PERIOD_HINT)
        return default, hint if hint != PERIOD_HINT else str(error)[:1].upper() + str(error)[1:]


def _records(register: Register, user):
    queryset = scoped(register.model.objects.all(), user).select_related("unit")
    for name in register.parent:
        queryset = queryset.select_related(name)
    return queryset


def _display(register: Register, record, name: str) -> dict:
    field = register.model._meta.get_field(name)
    value = getattr(record, name)
    cell = {"text": "", "badge": ""}
    if value is None or value == "":
        return cell
    if field.choices:
        cell["text"] = _(str(getattr(record, f"get_{name}_display")()))
    elif isinstance(field, models.BooleanField):
        cell["text"] = _("Có") if value else _("Không")
    elif isinstance(value, dt.date):
        cell["text"] = value.strftime("%d/%m/%Y")
    else:
        cell["text"] = str(value)
    if isinstance(record, ReformTask) and name == "completed_on":
        cell["badge"] = "late" if record.late else "ok"
    return cell


@login_required
def index(request):
    """List the registers with their record counts for a period (default: the current quarter)."""
    _check_reader(request.user)
    period, error = _period(request, current_quarter(_today()))
    rows = []
    for register in REGISTERS:
        records = _records(register, request.user)
        rows.append({
            "register": register,
            "in_period": rows_in_period(register, records, period).count(),
            "total": records.count(),
        })
    return render(request, "reform/index.html", {
        "rows": rows, "period": period, "period_error": error,
        "can_edit": may_edit(request.user, request.user.unit),
    })


@login_required
def register_list(request, slug):
    """List a register's records for a period (default: the current year), a page at a time."""
    register = _register(slug)
    _check_reader(request.user)
    today = _today()
    period, error = _period(request, parse_period(str(today.year), settings.MOTCUA_PERIOD_CALENDAR))
    records = _records(register, request.user)
    shown = rows_in_period(register, records, period)
    page = Paginator(shown.order_by(*register.model._meta.ordering), PAGE_SIZE).get_page(request.GET.get("trang"))
    many_units = visible_units(request.user).count() > 1 or request.user.unit_id is None
    # The units whose records the user may change, looked up once for the page.
    editable = set(visible_units(request.user).values_list("pk", flat=True)) if may_edit(request.user, request.user.unit) else set()
    table = [
        {"record": r, "cells": [_display(register, r, name) for name in register.columns],
         "editable": r.unit_id in editable}
        for r in page.object_list
    ]
    return render(request, "reform/list.html", {
        "register": register, "headers": [_(register.label(n)) for n in register.columns], "table": table,
        "page": page, "page_query": urlencode({"ky": period.label}), "period": period, "period_error": error,
        "many_units": many_units,
        "can_edit": may_edit(request.user, request.user.unit),
    })


def _form_page(request, register: Register, form, record=None):
    back = request.POST.get("ky") or request.GET.get("ky") or ""
    return render(request, "reform/form.html", {"register": register, "form": form, "record": record, "ky": back})


def _add_errors(form, error: RegisterError) -> None:
    for name, messages_ in error.errors.items():
        target = name if name in form.fields else None
        for message in messages_:
            form.add_error(target, message)


@login_required
def create(request, slug):
    """Add a record to a register of the user's unit."""
    register = _register(slug)
    if not may_edit(request.user, request.user.unit):
        raise PermissionDenied(_("Bạn không có quyền thêm vào sổ này."))
    form_cls = form_class(register, request.user.unit)
    if request.method == "POST":
        form = form_cls(request.POST, instance=register.model(unit=request.user.unit))
        if form.is_valid():
            try:
                do_create_register_record(request.user, register, form.cleaned_data)
            except RegisterError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Đã thêm vào sổ “%(title)s”.") % {"title": _(register.title)})
                return redirect(_list_url(register, request))
    else:
        form = form_cls(initial=_initial(register))
    return _form_page(request, register, form)


def _initial(register: Register) -> dict:
    names = register.fields
    return {"year": _today().year} if "year" in names else {}


def _list_url(register: Register, request) -> str:
    url = reverse("reform:list", args=[register.slug])
    back = request.POST.get("ky") or request.GET.get("ky")
    return f"{url}?ky={back}" if back else url


@login_required
def edit(request, slug, pk):
    """Change a record of a register the user may edit."""
    register = _register(slug)
    record = get_object_or_404(_records(register, request.user), pk=pk)
    if not may_edit(request.user, record.unit):
        raise PermissionDenied(_("Bạn chỉ được xem sổ này."))
    form_cls = form_class(register, record.unit)
    if request.method == "POST":
        form = form_cls(request.POST, instance=register.model.objects.get(pk=record.pk))
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = -1
        if form.is_valid():
            try:
                do_update_register_record(request.user, record, form.cleaned_data, version)
            except RegisterError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Đã lưu thay đổi."))
                return redirect(_list_url(register, request))
    else:
        form = form_cls(instance=record)
    return _form_page(request, register, form, record)


@login_required
@require_POST
def delete(request, slug, pk):
    """Remove a record (its history stays)."""
    register = _register(slug)
    record = get_object_or_404(_records(register, request.user), pk=pk)
    try:
        version = int(request.POST.get("version", ""))
        do_delete_register_record(request.user, record, version)
    except ValueError:
        messages.error(request, _("Yêu cầu không hợp lệ."))
    except RegisterError as error:
        messages.error(request, " ".join(m for ms in error.errors.values() for m in ms))
    else:
        messages.success(request, _("Đã xóa bản ghi."))
    return redirect(_list_url(register, request))


@login_required
def history(request, slug, pk):
    """Show every change of a record: who, when, before and after."""
    register = _register(slug)
    _check_reader(request.user)
    record = get_object_or_404(_records(register, request.user), pk=pk)
    changes = RegisterChange.objects.filter(register=register.key, record_id=record.pk).select_related("user")
    labels = {name: _(register.label(name)) for name in register.fields}
    rows = []
    for change in changes:
        before, after = change.before or {}, change.after or {}
        diffs = [
            {"label": labels[name], "before": _plain(register, name, before.get(name)),
             "after": _plain(register, name, after.get(name))}
            for name in register.fields
            if before.get(name) != after.get(name)
        ]
        # User.__str__: the name in Vietnamese order (family name first), else the username.
        who = str(change.user) if change.user else _("Hệ thống")
        rows.append({"change": change, "diffs": diffs, "who": who})
    return render(request, "reform/history.html", {"register": register, "record": record, "rows": rows})


def _plain(register: Register, name: str, value) -> str:
    """Return a history value as the list shows it: a choice's label, a date dd/mm/yyyy, Có/Không."""
    if value is None or value == "":
        return "—"
    choices = dict(register.model._meta.get_field(name).choices or ())
    if value in choices:
        return _(str(choices[value]))
    if value is True:
        return _("Có")
    if value is False:
        return _("Không")
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return dt.date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            return value
    return str(value)


def _xlsx_response(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def export(request, slug):
    """Download the register's records of the period as XLSX."""
    register = _register(slug)
    _check_reader(request.user)
    period, _ = _period(request, parse_period(str(_today().year), settings.MOTCUA_PERIOD_CALENDAR))
    records = rows_in_period(register, _records(register, request.user), period).order_by(*register.model._meta.ordering)
    return _xlsx_response(xlsx.export_xlsx(register, records), f"{register.slug}-{period.label}.xlsx")


@login_required
def template(request, slug):
    """Download the empty import file of a register: its header row."""
    register = _register(slug)
    _check_reader(request.user)
    return _xlsx_response(xlsx.template_xlsx(register), f"mau-{register.slug}.xlsx")


@login_required
def import_file(request, slug):
    """Import an XLSX file into a register of the user's unit, all rows or none."""
    register = _register(slug)
    if not may_edit(request.user, request.user.unit):
        raise PermissionDenied(_("Bạn không có quyền nhập vào sổ này."))
    problems = []
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            form.add_error("file", _("Tệp quá lớn (tối đa 5 MB)."))
        else:
            parsed = xlsx.read_import(register, request.user.unit, upload.read())
            problems = parsed.problems
            if not problems:
                try:
                    saved = do_import_register_rows(request.user, register, parsed.rows)
                except RegisterError as error:
                    rows = getattr(error, "rows", {})
                    problems = [
                        xlsx.ImportProblem(number, register.label(name) if name in register.fields else "", message)
                        for number, errors in rows.items() for name, ms in errors.items() for message in ms
                    ] or [xlsx.ImportProblem(None, "", str(error))]
                else:
                    text = _("Đã nhập %(count)s dòng vào sổ “%(title)s”.")
                    messages.success(request, text % {"count": len(saved), "title": _(register.title)})
                    return redirect(_list_url(register, request))
            if problems:
                form.add_error("file", _("Tệp có lỗi nên chưa nhập dòng nào; sửa các dòng dưới đây rồi nhập lại."))
    return render(request, "reform/import.html", {"register": register, "form": form, "problems": problems})
