"""The catalog's procedure pages (/quan-tri/thu-tuc/): list, create, copy, edit — thin views over do_save_procedure."""

from __future__ import annotations

import re

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext

from motcua.administration.access import AdminActionError, administrator_required, managed_units, visible_history
from motcua.administration.forms import ProcedureSearchForm
from motcua.administration.models import ProcedureFee
from motcua.administration.procedure_forms import SECTIONS, ProcedureForm, RowSection
from motcua.administration.procedure_saving import (
    ProcedureInvalid,
    do_save_procedure,
    procedure_fingerprint,
    procedure_line,
)
from motcua.administration.procedures import describe_duration, procedure_or_404, procedures_for, search_procedures
from motcua.exchange.schema import Reason


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


@administrator_required
def procedure_create(request):
    """Create a procedure from a blank page."""
    blank = {"code": "", "name": "", "field": {"code": ""}, "level": "commune", "mechanism": "one_stop", "online": "none",
             "online_payment": False, "boundary_free": False, "internal_process": {"approved": False, "electronic": False, "steps": []},
             "components": [], "legal_duration": {"unit": "working_day"}}
    return _procedure_page(request, None, blank)


@administrator_required
def procedure_copy(request, pk):
    """Create a procedure pre-filled from another one; the new one needs a code of its own."""
    source = procedure_or_404(request.user, pk)
    line = procedure_line(source) | {"code": ""}
    units = set(managed_units(request.user).filter(procedures=source).values_list("pk", flat=True))
    return _procedure_page(request, None, line, source=source, units=units)


@administrator_required
def procedure_edit(request, pk):
    """Edit every field of a procedure, its papers and internal steps; show its change history."""
    procedure = procedure_or_404(request.user, pk)
    return _procedure_page(request, procedure, procedure_line(procedure))


def _procedure_page(request, procedure, line: dict, *, source=None, units=None):
    user = request.user
    unit_choices = managed_units(user).select_related("level").order_by("path")
    if procedure is not None:
        # The procedure's level, and the one a post changes it to (its units are then chosen from that level).
        levels = {procedure.level.code, request.POST.get("level", "")}
        unit_choices = unit_choices.filter(level__code__in=levels)
    if request.method == "POST":
        form = ProcedureForm(request.POST, unit_choices=unit_choices)
        sections = [RowSection.build(spec, request.POST, spec.initial(line, procedure)) for spec in SECTIONS]
        valid = form.is_valid()
        if all([s.is_valid() for s in sections]) and valid:
            saved = _save(request, form, sections, procedure, source)
            if saved is not None:
                return redirect("administration:procedure_edit", pk=saved.pk)
    else:
        initial = ProcedureForm.initial_from(line)
        if procedure is not None:
            fee = ProcedureFee.objects.filter(procedure=procedure).values_list("text", flat=True).first()
            initial |= {"fee": fee or "", "state": procedure_fingerprint(procedure)}
            units = set(procedure.units.filter(pk__in=unit_choices.values("pk")).values_list("pk", flat=True))
        elif source is not None:
            initial["fee"] = ProcedureFee.objects.filter(procedure=source).values_list("text", flat=True).first() or ""
        initial["units"] = sorted(units or [])
        form = ProcedureForm(initial=initial, unit_choices=unit_choices)
        sections = [RowSection.build(spec, initial=spec.initial(line, procedure)) for spec in SECTIONS]
    context = {
        "procedure": procedure,
        "source": source,
        "form": form,
        "sections": sections,
        "summary": error_summary(form, sections),
        "other_units": procedure.units.exclude(pk__in=managed_units(user).values("pk")).count() if procedure else 0,
        "history": (
            visible_history(user).filter(object_kind="procedure", object_id=str(procedure.pk))[:20] if procedure else []
        ),
    }
    if procedure is not None:
        context["committed"] = describe_duration(*procedure.committed_duration)
    return render(request, "administration/procedure_edit.html", context)


def _save(request, form, sections, procedure, source):
    """Save the page's procedure; on a refusal, put every message next to its field and return None."""
    line, save = form.line(), {"steps": None}
    for section in sections:
        section.put(line, save)
    try:
        saved = do_save_procedure(
            request.user,
            procedure,
            line,
            form.cleaned_data["units"],
            save.pop("steps"),
            fee_text=form.cleaned_data["fee"],
            expected_state=form.cleaned_data["state"] or None,
            copied_from=source,
            **save,
        )
    except ProcedureInvalid as refused:
        for reason in refused.reasons:
            _show_reason(form, sections, reason)
        return None
    except AdminActionError as error:
        _show_reason(form, sections, Reason(error.message, _FIELD_PATHS.get(error.field, error.field or ""), error.message))
        return None
    if procedure is None:
        messages.success(request, gettext("Đã thêm thủ tục %(code)s.") % {"code": saved.code})
    else:
        messages.success(
            request, gettext("Đã lưu thủ tục %(code)s. Hồ sơ đã tiếp nhận giữ nguyên hạn trả đã hẹn.") % {"code": saved.code}
        )
    return saved


# The exchange line's paths, as the page's fields (the lists' rows are the sections').
_PATH_FIELDS = {
    "code": "code",
    "name": "name",
    "field": "field",
    "level": "level",
    "legal_duration": "legal_duration_value",
    "reduced_duration": "reduced_duration_value",
    "mechanism": "mechanism",
    "online": "online",
    "online_payment": "online_payment",
    "boundary_free": "boundary_free",
    "internal_process.approved": "process_approved",
    "internal_process.electronic": "process_electronic",
    "internal_process": "process_approved",
    "paper_result": "paper_result",
    "announced_on": "announced_on",
    "abolished_on": "abolished_on",
    "units": "units",
}
_FIELD_PATHS = {"steps": "internal_process.steps", "components": "components"}
_ROW_PATH = re.compile(r"^(?P<list>.+?)\[(?P<index>\d+)\](?:\.(?P<name>\w+))?$")


def _form_field(path: str) -> str | None:
    """Return the page's field for a path of the line: "legal_duration.unit" → legal_duration_unit."""
    if path in _PATH_FIELDS:
        return _PATH_FIELDS[path]
    head, _, tail = path.partition(".")
    if head in ("legal_duration", "reduced_duration"):
        return f"{head}_{tail}" if tail in ("value", "unit") else f"{head}_value"
    if head == "field" or path.startswith("units["):
        return head if head == "field" else "units"
    return None


def _show_reason(form, sections, reason: Reason) -> None:
    """Put one refusal next to the field or row its path names (a message naming no field goes above the form)."""
    path = getattr(reason, "path", "")
    name = _form_field(path)
    if name is not None:
        form.add_error(name, getattr(reason, "detail", str(reason)))
        return
    match = _ROW_PATH.match(path)
    for section in sections:
        if match and match["list"] == section.spec.path:
            section.add_error(int(match["index"]), match["name"], reason.detail)
            return
        if path == section.spec.path:
            section.add_error(None, None, reason.detail)
            return
    form.add_error(None, str(reason))


def error_summary(form, sections) -> list[tuple[str, str, str]]:
    """Return every message of the page as (where, message, anchor), in page order, for the list at its top."""
    items = []
    for name, errors in form.errors.items():
        if name == "__all__":
            items.extend(("", e, "") for e in errors)
            continue
        bound = form[name]
        for error in errors:
            items.append((str(bound.label), error, bound.auto_id))
    for section in sections:
        items.extend((str(section.spec.title), e, f"{section.spec.key}_error") for e in section.errors)
        for n, row in enumerate(section.formset.forms, 1):
            for name, errors in row.errors.items():
                where = gettext("%(section)s, dòng %(n)s") % {"section": section.spec.title, "n": n}
                if name != "__all__":
                    where = f"{where}: {row[name].label}"
                anchor = row[name].auto_id if name != "__all__" else f"{section.spec.key}_error"
                items.extend((where, e, anchor) for e in errors)
    return items
