"""Administration pages (/quan-tri/): thin views over the do_* functions of this package."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from motcua.accounts.models import Role
from motcua.administration import calendar as cal
from motcua.administration import loads
from motcua.administration.access import (
    AdminActionError,
    administrator_required,
    home_unit,
    managed_provinces,
    managed_unit_or_404,
    managed_units,
    manages_shared_data,
    visible_history,
)
from motcua.administration.forms import (
    DeclaredDayForm,
    DuePreviewForm,
    FieldForm,
    LoadForm,
    MonthForm,
    PasswordResetForm,
    ProcedureForm,
    PaperForm,
    PaperFormSet,
    ProcedureSearchForm,
    StepForm,
    StepFormSet,
    UserCreateForm,
    UserEditForm,
    WorkScheduleForm,
    translated_choices,
)
from motcua.administration.models import ProcedureFee
from motcua.payments.fees import fee_lines_text
from motcua.administration.procedures import (
    StepRow,
    describe_duration,
    do_save_field,
    do_update_procedure,
    procedure_fingerprint,
    procedure_or_404,
    procedures_for,
    search_procedures,
)
from motcua.administration.users import (
    do_create_user,
    do_reset_password,
    do_set_user_active,
    do_update_user,
    user_or_404,
    users_for,
)
from motcua.catalog.models import Field
from motcua.jobs.models import Job
from motcua.lib.text import matches_all, search_terms
from motcua.workdays.calendar import DEFAULT_PERIODS, LOCAL_TZ
from motcua.workdays.models import WorkSchedule


def _show_error(form, error: AdminActionError) -> None:
    """Put a refused change's message next to its field (or above the form)."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _today() -> dt.date:
    return dt.datetime.now(LOCAL_TZ).date()


# ------------------------------------------------------------------ index


@administrator_required
def index(request):
    """Show the administration sections with their key counts."""
    user = request.user
    year = _today().year
    counts = {
        "procedures": procedures_for(user).count(),
        "fields": Field.objects.count(),
        "declared": cal.declared_days_for(user, year).count(),
        "users": users_for(user).filter(is_active=True).count(),
        "inactive": users_for(user).filter(is_active=False).count(),
        "units": managed_units(user).count(),
    }
    history = visible_history(user)[:10]
    return render(request, "administration/index.html", {"counts": counts, "history": history, "year": year})


@administrator_required
def history(request):
    """List the changes made in the administrator's subtree, newest first."""
    page = Paginator(visible_history(request.user), 50).get_page(request.GET.get("trang"))
    return render(request, "administration/history.html", {"page": page})


# ------------------------------------------------------------------ catalog


@administrator_required
def procedure_list(request):
    """List the procedures applying in the subtree, searchable without accents and filterable by field and level."""
    form = ProcedureSearchForm(request.GET or None)
    query, field_id, level_id = "", None, None
    if form.is_valid():
        query = form.cleaned_data["q"] or ""
        field_id = form.cleaned_data["field"].pk if form.cleaned_data["field"] else None
        level_id = form.cleaned_data["level"].pk if form.cleaned_data["level"] else None
    queryset = procedures_for(request.user).annotate(step_count=Count("steps", distinct=True))
    rows = search_procedures(queryset, query, field_id, level_id)
    for procedure in rows:
        procedure.legal_text = describe_duration(procedure.legal_duration_value, procedure.legal_duration_unit)
        procedure.reduced_text = (
            describe_duration(procedure.reduced_duration_value, procedure.reduced_duration_unit)
            if procedure.reduced_duration_unit
            else ""
        )
    return render(request, "administration/procedure_list.html", {"form": form, "procedures": rows, "query": query})


def _paper_initial(procedure):
    return [{"position": n, **paper} for n, paper in enumerate(procedure.components or [], 1)]


def _step_initial(procedure):
    return [
        {"step_id": s.pk, "position": s.position, "name": s.name, "role": s.role, "working_hours": s.working_hours}
        for s in procedure.steps.order_by("position")
    ]


def _ordered_rows(formset, is_blank, make_row) -> list:
    """Return make_row(data) of the kept forms in the order of their numbers (rows without a number go last, in page order)."""
    rows = []
    for index, form in enumerate(formset.forms):
        data = form.cleaned_data
        if not data or data.get("DELETE") or is_blank(data):
            continue
        position = data.get("position") or 1000 + index
        rows.append((position, index, make_row(data)))
    return [row for _, _, row in sorted(rows, key=lambda r: (r[0], r[1]))]


def _ordered_papers(formset) -> list[dict]:
    """Return the kept papers in the order of their numbers."""
    return _ordered_rows(
        formset, PaperForm.is_blank, lambda data: {"name": data["name"], "form": data["form"], "quantity": data["quantity"]}
    )


def _ordered_steps(formset) -> list[StepRow]:
    """Return the kept steps in the order of their numbers."""
    return _ordered_rows(
        formset, StepForm.is_blank, lambda data: StepRow(data["name"], data["role"], data["working_hours"], data.get("step_id"))
    )


@administrator_required
def procedure_edit(request, pk):
    """Edit a procedure's deadlines, online level, fees, units, papers and internal steps."""
    procedure = procedure_or_404(request.user, pk)
    unit_choices = managed_units(request.user).filter(level=procedure.level)
    fee = ProcedureFee.objects.filter(procedure=procedure).first()
    steps_errors: list[str] = []
    components_errors: list[str] = []
    if request.method == "POST":
        form = ProcedureForm(request.POST, unit_choices=unit_choices)
        formset = StepFormSet(request.POST, prefix="steps")
        # A post without the papers' rows (an older page, a script) leaves the papers as they are.
        papers_posted = "components-TOTAL_FORMS" in request.POST
        paper_formset = PaperFormSet(request.POST if papers_posted else None, prefix="components", initial=_paper_initial(procedure))
        if form.is_valid() and formset.is_valid() and (not papers_posted or paper_formset.is_valid()):
            values = {k: form.cleaned_data[k] for k in ("legal_duration_value", "legal_duration_unit", "reduced_duration_value", "reduced_duration_unit", "online")}
            try:
                do_update_procedure(
                    request.user,
                    procedure,
                    values,
                    form.cleaned_data["units"],
                    form.cleaned_data["fee"],
                    _ordered_steps(formset),
                    components=_ordered_papers(paper_formset) if papers_posted else None,
                    # A post without the field (an older page) keeps the fee lines as they are.
                    fees=form.cleaned_data["fee_lines"] if "fee_lines" in request.POST else None,
                    expected_state=form.cleaned_data["state"] or None,
                )
            except AdminActionError as error:
                if error.field == "steps":
                    steps_errors.append(error.message)
                elif error.field == "components":
                    components_errors.append(error.message)
                else:
                    _show_error(form, error)
            else:
                messages.success(
                    request,
                    gettext("Đã lưu thủ tục %(code)s. Hồ sơ đã tiếp nhận giữ nguyên hạn trả đã hẹn.") % {"code": procedure.code},
                )
                return redirect("administration:procedure_edit", pk=procedure.pk)
        steps_errors.extend(formset.non_form_errors())
        if papers_posted:
            components_errors.extend(paper_formset.non_form_errors())
    else:
        form = ProcedureForm(
            initial={
                "legal_duration_value": procedure.legal_duration_value,
                "legal_duration_unit": procedure.legal_duration_unit,
                "reduced_duration_value": procedure.reduced_duration_value,
                "reduced_duration_unit": procedure.reduced_duration_unit,
                "online": procedure.online,
                "fee": fee.text if fee else "",
                "fee_lines": fee_lines_text(procedure.fees),
                "units": [u.pk for u in procedure.units.filter(pk__in=unit_choices.values("pk"))],
                "state": procedure_fingerprint(procedure),
            },
            unit_choices=unit_choices,
        )
        formset = StepFormSet(initial=_step_initial(procedure), prefix="steps")
        paper_formset = PaperFormSet(initial=_paper_initial(procedure), prefix="components")
    other_units = procedure.units.exclude(pk__in=managed_units(request.user).values("pk")).count()
    value, unit = procedure.committed_duration
    return render(
        request,
        "administration/procedure_edit.html",
        {
            "procedure": procedure,
            "form": form,
            "formset": formset,
            "steps_errors": steps_errors,
            "paper_formset": paper_formset,
            "components_errors": components_errors,
            "other_units": other_units,
            "committed": describe_duration(value, unit),
            "history": visible_history(request.user).filter(object_kind="procedure", object_id=str(procedure.pk))[:10],
        },
    )


@administrator_required
def field_list(request):
    """List the fields of procedures; province administrators add new ones here."""
    may_edit = manages_shared_data(request.user)
    form = FieldForm(request.POST or None)
    if request.method == "POST":
        if not may_edit:
            raise Http404
        if form.is_valid():
            try:
                field = do_save_field(request.user, None, form.cleaned_data["code"], form.cleaned_data["name"], form.cleaned_data["kind"])
            except AdminActionError as error:
                _show_error(form, error)
            else:
                messages.success(request, gettext("Đã thêm lĩnh vực %(name)s.") % {"name": field.name})
                return redirect("administration:field_list")
    fields = Field.objects.annotate(procedure_count=Count("procedures"))
    return render(request, "administration/field_list.html", {"fields": fields, "form": form, "may_edit": may_edit})


@administrator_required
def field_edit(request, pk):
    """Rename a field or change its report group."""
    if not manages_shared_data(request.user):
        raise Http404
    try:
        field = Field.objects.get(pk=pk)
    except (Field.DoesNotExist, ValueError):
        raise Http404
    form = FieldForm(request.POST or None, initial={"code": field.code, "name": field.name, "kind": field.kind})
    form.fields["code"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            do_save_field(request.user, field, field.code, form.cleaned_data["name"], form.cleaned_data["kind"])
        except AdminActionError as error:
            _show_error(form, error)
        else:
            messages.success(request, gettext("Đã lưu lĩnh vực."))
            return redirect("administration:field_list")
    return render(request, "administration/field_edit.html", {"field": field, "form": form})


# ------------------------------------------------------------------ calendar

_VIEW_KEYS = ("unit", "month", "received_date", "received_time", "value", "duration_unit")


def _view_query(data) -> str:
    """Return the calendar page's own parameters, to come back to the same view after a change."""
    return urlencode({k: data.get(k) for k in _VIEW_KEYS if data.get(k)})


def _calendar_context(request, params, declare_form=None):
    """Build the calendar page from its query parameters (unit, month, preview fields)."""
    user = request.user
    units = managed_units(user)
    start = home_unit(user)
    today = _today()
    month_form = MonthForm(
        {"unit": params.get("unit") or (start.pk if start else ""), "month": params.get("month") or f"{today:%Y-%m}"},
        unit_choices=units,
    )
    unit, weeks, year, month = None, [], today.year, today.month
    if month_form.is_valid():
        unit = month_form.cleaned_data["unit"]
        year, month = month_form.year_month()
        weeks = cal.month_view(unit, year, month, today)
    # Defaults only for a first visit: a field the user emptied stays empty and gets its message.
    defaults = {"received_date": f"{today:%Y-%m-%d}", "received_time": "09:00", "value": "3", "duration_unit": "working_day"}
    preview_data = {key: params.get(key, default) for key, default in defaults.items()}
    preview_form = DuePreviewForm(preview_data)
    preview = None
    if unit is not None and preview_form.is_valid():
        try:
            _, preview = cal.due_preview(
                unit, preview_form.received_at(), preview_form.cleaned_data.get("value"), preview_form.cleaned_data["duration_unit"]
            )
        except ValueError as exc:
            preview_form.add_error(None, gettext("Không tính được hạn trả: %(reason)s") % {"reason": exc})
    provinces = list(managed_provinces(user))
    may_declare = bool(provinces) or user.is_superuser
    if declare_form is None:
        declare_form = DeclaredDayForm(
            initial={"province": provinces[0].pk if provinces else ""}, provinces=provinces, allow_national=user.is_superuser
        )
    declared = cal.declared_days_for(user, year)
    schedule = None
    if unit is not None:
        schedule = WorkSchedule.objects.filter(unit__uid__in=unit.path.rstrip("/").split("/")).select_related("unit")
        schedule = max(schedule, key=lambda s: len(s.unit.path), default=None)
    return {
        "month_form": month_form,
        "preview_form": preview_form,
        "preview": preview,
        "unit": unit,
        "weeks": weeks,
        "year": year,
        "month": month,
        "month_name": cal.MONTHS[month - 1],
        "weekdays": cal.WEEKDAYS,
        "prev_month": f"{(dt.date(year, month, 1) - dt.timedelta(days=1)):%Y-%m}",
        "next_month": f"{(dt.date(year, month, 28) + dt.timedelta(days=4)):%Y-%m}",
        "declared": declared,
        "declare_form": declare_form,
        "may_declare": may_declare,
        "managed_province_ids": {p.pk for p in provinces},
        "schedule": schedule,
        "default_hours": DEFAULT_PERIODS,
        "view_query": _view_query(params),
    }


@administrator_required
def calendar_page(request):
    """Show a unit's month of working and non-working days, the declared days, and a due-time preview."""
    return render(request, "administration/calendar.html", _calendar_context(request, request.GET))


@administrator_required
@require_POST
def declare_day(request):
    """Declare a day off or a make-up working day, then come back to the same calendar view."""
    provinces = list(managed_provinces(request.user))
    form = DeclaredDayForm(request.POST, provinces=provinces, allow_national=request.user.is_superuser)
    back = request.POST.get("back", "")
    if form.is_valid():
        province_id = form.cleaned_data["province"]
        province = next((p for p in provinces if str(p.pk) == province_id), None)
        if province_id and province is None:
            raise Http404
        args = (request.user, province, form.cleaned_data["date"], form.cleaned_data["kind"], form.cleaned_data["note"])
        try:
            if request.POST.get("confirm") != "1":
                # First the count of open dossiers whose due times would move; saving needs a second click.
                moving = cal.preview_declare(*args)
                context = _calendar_context(request, _query_dict(back), declare_form=form)
                context["declare_preview"] = moving
                return render(request, "administration/calendar.html", context)
            declared = cal.do_declare_day(*args)
        except AdminActionError as error:
            _show_error(form, error)
        else:
            messages.success(
                request,
                gettext("Đã khai báo %(kind)s ngày %(date)s; %(count)s hồ sơ đang giải quyết được dời hạn.")
                % {
                    "kind": gettext(declared.get_kind_display()).lower(),
                    "date": f"{declared.date:%d/%m/%Y}",
                    "count": declared.moved,
                },
            )
            return redirect(_calendar_url(back))
    # Re-show the calendar as it was, with the messages next to the fields.
    return render(request, "administration/calendar.html", _calendar_context(request, _query_dict(back), declare_form=form))


def _query_dict(query: str) -> QueryDict:
    """Return only the calendar page's own parameters out of a posted query string."""
    return QueryDict(_view_query(QueryDict(query)))


def _calendar_url(back: str) -> str:
    query = _view_query(_query_dict(back))
    return reverse("administration:calendar") + (f"?{query}" if query else "")


@administrator_required
@require_POST
def remove_declared_day(request, pk):
    """Remove a declared day of a province the administrator manages."""
    declared = cal.declared_days_for(request.user).filter(pk=pk).first()
    if declared is None:
        raise Http404
    try:
        moved = cal.do_remove_declared_day(request.user, declared)
    except AdminActionError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            gettext("Đã xóa ngày khai báo %(date)s; %(count)s hồ sơ đang giải quyết được dời hạn.")
            % {"date": f"{declared.date:%d/%m/%Y}", "count": moved},
        )
    return redirect(_calendar_url(request.POST.get("back", "")))


@administrator_required
def work_schedule(request, unit_pk):
    """Edit a unit's office hours."""
    unit = managed_unit_or_404(request.user, unit_pk)
    own = WorkSchedule.objects.filter(unit=unit).first()
    periods = own.periods if own else DEFAULT_PERIODS
    initial = dict(zip(cal.SCHEDULE_FIELDS, [periods[0][0], periods[0][1], periods[1][0], periods[1][1]]))
    form = WorkScheduleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            cal.do_save_work_schedule(request.user, unit, form.cleaned_data)
        except AdminActionError as error:
            _show_error(form, error)
        else:
            messages.success(request, gettext("Đã lưu giờ làm việc của %(unit)s.") % {"unit": unit.name})
            return redirect(reverse("administration:calendar") + "?" + urlencode({"unit": unit.pk}))
    return render(request, "administration/work_schedule.html", {"unit": unit, "form": form, "own": own})


# ------------------------------------------------------------------ users


@administrator_required
def user_list(request):
    """List the accounts of the subtree, searchable by name or username."""
    users = users_for(request.user).order_by("unit__path", "username")
    query = request.GET.get("q", "").strip()
    role = request.GET.get("vai_tro", "")
    if role in Role.values:
        users = users.filter(role=role)
    rows = list(users)
    if query:
        terms = search_terms(query)
        rows = [u for u in rows if matches_all(terms, u.username, u.last_name, u.first_name)]
    page = Paginator(rows, 50).get_page(request.GET.get("trang"))
    return render(
        request, "administration/user_list.html", {"page": page, "query": query, "role": role, "roles": translated_choices(Role.choices)}
    )


@administrator_required
def user_create(request):
    """Create an account in a unit of the subtree."""
    form = UserCreateForm(request.POST or None, unit_choices=managed_units(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = do_create_user(
                request.user, data["username"], data["last_name"], data["first_name"], data["unit"], data["role"], data["password"]
            )
        except AdminActionError as error:
            _show_error(form, error)
        else:
            messages.success(request, gettext("Đã tạo tài khoản %(username)s.") % {"username": user.username})
            return redirect("administration:user_edit", pk=user.pk)
    return render(request, "administration/user_create.html", {"form": form})


@administrator_required
def user_edit(request, pk):
    """Edit an account's name, unit and role; deactivate it or reset its password."""
    target = user_or_404(request.user, pk)
    units = managed_units(request.user)
    initial = {"last_name": target.last_name, "first_name": target.first_name, "unit": target.unit_id, "role": target.role}
    form = UserEditForm(initial=initial, unit_choices=units)
    password_form = PasswordResetForm()
    if request.method == "POST" and request.POST.get("form") == "edit":
        form = UserEditForm(request.POST, unit_choices=units)
        if form.is_valid():
            data = form.cleaned_data
            try:
                do_update_user(request.user, target, data["last_name"], data["first_name"], data["unit"], data["role"])
            except AdminActionError as error:
                _show_error(form, error)
            else:
                messages.success(request, gettext("Đã lưu tài khoản %(username)s.") % {"username": target.username})
                return redirect("administration:user_edit", pk=target.pk)
    elif request.method == "POST" and request.POST.get("form") == "password":
        password_form = PasswordResetForm(request.POST)
        if password_form.is_valid():
            try:
                do_reset_password(request.user, target, password_form.cleaned_data["password"])
            except AdminActionError as error:
                _show_error(password_form, error)
            else:
                messages.success(request, gettext("Đã đặt lại mật khẩu của %(username)s.") % {"username": target.username})
                return redirect("administration:user_edit", pk=target.pk)
    history = visible_history(request.user).filter(object_kind="user", object_id=str(target.pk))[:10]
    return render(
        request,
        "administration/user_edit.html",
        {"target": target, "form": form, "password_form": password_form, "history": history},
    )


@administrator_required
@require_POST
def user_set_active(request, pk):
    """Deactivate or reactivate an account."""
    target = user_or_404(request.user, pk)
    active = request.POST.get("active") == "1"
    try:
        do_set_user_active(request.user, target, active)
    except AdminActionError as error:
        messages.error(request, error.message)
    else:
        message = gettext("Đã mở lại tài khoản %(username)s.") if active else gettext("Đã khóa tài khoản %(username)s.")
        messages.success(request, message % {"username": target.username})
    return redirect("administration:user_edit", pk=target.pk)


# ------------------------------------------------------------------ data loads


@administrator_required
def load_data(request):
    """Upload a JSON Lines file of units, procedures or dossiers; a background job loads it, all or nothing."""
    if not loads.may_load(request.user):
        raise Http404
    form = LoadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = loads.start_load(request.user, form.cleaned_data["kind"], form.cleaned_data["file"])
        return redirect("administration:load_result", job_id=job.pk)
    recent = Job.objects.filter(owner=request.user, kind=loads.JOB_KIND)[:10]
    return render(request, "administration/load.html", {"form": form, "recent": recent})


@administrator_required
def load_result(request, job_id):
    """Show a load's progress, then its counts or every bad line (the job's owner only)."""
    job = Job.objects.filter(pk=job_id, owner=request.user, kind=loads.JOB_KIND).first()
    if job is None or not loads.may_load(request.user):
        raise Http404
    return render(request, "administration/load_result.html", {"job": job, "result": job.result or {}})
