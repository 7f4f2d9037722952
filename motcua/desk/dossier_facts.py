"""What the dossier page shows, computed in plain functions: times, steps, history, forms to print."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from motcua.accounts.models import Role, User
from motcua.catalog.models import DurationUnit, ProcedureStep
from motcua.dossiers.events import Verb
from motcua.dossiers.models import OPEN_STATUSES, ComponentForm, Dossier, Status
from motcua.dossiers.timeliness import LOCAL_TZ, classify
from motcua.forms import rulesets
from motcua.forms.render import available_forms
from motcua.workdays.service import calendar_for_unit, due_for_unit, working_time_between_for_unit

_MINUTE = dt.timedelta(minutes=1)
_WORKING_DAY_MINUTES = 8 * 60


def working_duration(delta: dt.timedelta) -> str:
    """Say a working time in Vietnamese, counting 8 working hours to a day: '1 ngày 2 giờ 30 phút'."""
    minutes = int(delta // _MINUTE)
    if minutes <= 0:
        return "0 phút"
    days, rest = divmod(minutes, _WORKING_DAY_MINUTES)
    hours, minutes = divmod(rest, 60)
    parts = []
    if days:
        parts.append(f"{days} ngày")
    if hours:
        parts.append(f"{hours} giờ")
    if minutes:
        parts.append(f"{minutes} phút")
    return " ".join(parts)


def local(t: dt.datetime | None) -> dt.datetime | None:
    return t.astimezone(LOCAL_TZ) if t is not None else None


def clock(dossier: Dossier, now: dt.datetime) -> dict:
    """Tell where the dossier stands against its due time: remaining, overdue, paused or resolved."""
    paused_since = dossier.paused_since
    if dossier.status == Status.WITHDRAWN:
        return {"state": "withdrawn", "text": "Hồ sơ đã rút"}
    if dossier.status not in OPEN_STATUSES:
        resolved = dossier.resolved_at or dossier.returned_at or now
        verdict = classify(resolved, dossier.due_at)
        text = {"early": "Giải quyết trước hạn", "on_time": "Giải quyết đúng hạn", "late": "Giải quyết quá hạn"}[verdict]
        return {"state": verdict, "text": text}
    if paused_since is not None:
        # The clock stopped when the papers were requested: what was left then is left now.
        left = working_time_between_for_unit(dossier.unit, paused_since, dossier.due_at) if paused_since < dossier.due_at else None
        text = f"Tạm dừng chờ bổ sung từ {local(paused_since):%H:%M %d/%m/%Y}"
        if left is not None:
            text += f"; còn {working_duration(left)} làm việc khi nhận đủ"
        return {"state": "paused", "text": text}
    if now <= dossier.due_at:
        left = working_time_between_for_unit(dossier.unit, now, dossier.due_at)
        return {"state": "within", "text": f"Còn {working_duration(left)} làm việc", "remaining": left}
    late = working_time_between_for_unit(dossier.unit, dossier.due_at, now)
    return {"state": "overdue", "text": f"Quá hạn {working_duration(late)} làm việc", "overdue": late}


def planned_and_legal_end(dossier: Dossier, supplements) -> dict:
    """Return the planned end (committed duration, as due now) and the end the law allows, both moved by supplement waits."""
    procedure = dossier.procedure
    planned_value, planned_unit = procedure.committed_duration
    legal = None
    if procedure.legal_duration_unit and (procedure.legal_duration_value is not None or procedure.legal_duration_unit == DurationUnit.SAME_DAY):
        try:
            legal = due_for_unit(dossier.unit, dossier.received_at, procedure.legal_duration_value, procedure.legal_duration_unit)
        except ValueError:
            # A catalog entry the calendar cannot count (e.g. a zero duration): show no legal end.
            legal = None
        waited = sum(
            (working_time_between_for_unit(dossier.unit, s.requested_at, s.received_at) for s in supplements if s.received_at),
            dt.timedelta(0),
        )
        if waited and legal is not None:
            legal = calendar_for_unit(dossier.unit).due(legal, waited)
    return {
        "planned": dossier.due_at,
        "planned_duration": _duration_text(planned_value, planned_unit),
        "legal": legal,
        "legal_duration": _duration_text(procedure.legal_duration_value, procedure.legal_duration_unit),
        "reduced": bool(procedure.reduced_duration_unit),
    }


def _duration_text(value, unit) -> str:
    if unit == DurationUnit.SAME_DAY:
        return "trong ngày"
    if unit in DurationUnit.values:
        return f"{value if value is not None else '?'} {DurationUnit(unit).label}"
    return ""


def steps(dossier: Dossier) -> list[dict]:
    """Return the procedure's internal steps, marking the current one and the ones done."""
    rows = []
    current = dossier.current_step
    for step in ProcedureStep.objects.filter(procedure_id=dossier.procedure_id).order_by("position"):
        state = ""
        if current is not None:
            if step.pk == current.pk:
                state = "current" if dossier.is_open else "done"
            elif step.position < current.position or not dossier.is_open:
                state = "done"
        rows.append(
            {
                "step": step,
                "role": Role(step.role).label if step.role in Role.values else step.role,
                "hours": f"{float(step.working_hours):g}".replace(".", ","),
                "state": state,
                "holder": dossier.assignee if state == "current" else None,
            }
        )
    return rows


_FIELD_LABELS = {
    "status": "Trạng thái",
    "assignee": "Người xử lý",
    "current_step": "Bước",
    "due_at": "Hạn trả kết quả",
    "resolved_at": "Thời điểm giải quyết",
    "outcome": "Kết quả",
    "returned_at": "Thời điểm trả",
    "return_channel": "Hình thức trả",
    "published_portal": "Công khai trên Cổng DVC",
    "published_website": "Công khai trên trang TTĐT",
    "digitized_components": "Đã số hóa thành phần",
    "digitized_result": "Đã số hóa kết quả",
}


def timeline(dossier: Dossier) -> list[dict]:
    """Return the dossier's history, oldest first, with each change said in words."""
    events = list(dossier.events.select_related("actor").order_by("at", "id"))
    user_ids, step_ids = set(), set()
    for event in events:
        for side in ("before", "after"):
            values = (event.data or {}).get(side) or {}
            if values.get("assignee"):
                user_ids.add(values["assignee"])
            if values.get("current_step"):
                step_ids.add(values["current_step"])
    users = {u.pk: u.get_full_name() or u.username for u in User.objects.filter(pk__in=user_ids)}
    step_names = dict(ProcedureStep.objects.filter(pk__in=step_ids).values_list("pk", "name"))
    rows = []
    for event in events:
        data = event.data if isinstance(event.data, dict) else {}
        before, after = data.get("before") or {}, data.get("after") or {}
        changes = []
        if event.verb != Verb.RECEIVE:
            # The status change is shown by from_status → to_status.
            for key in after:
                if key in _FIELD_LABELS and key != "status":
                    changes.append(
                        {
                            "field": _FIELD_LABELS[key],
                            "before": _say(key, before.get(key), users, step_names),
                            "after": _say(key, after.get(key), users, step_names),
                        }
                    )
        rows.append({"event": event, "changes": changes, "detail": _detail(event, data)})
    return rows


def _detail(event, data) -> str:
    if event.verb == Verb.RECEIVE_SUPPLEMENT and "waited_minutes" in data:
        return f"Thời gian chờ bổ sung: {working_duration(dt.timedelta(minutes=data['waited_minutes']))} làm việc"
    if event.verb == Verb.ATTACH_FILE and data.get("name"):
        return f"Tệp «{data['name']}»"
    if event.verb == Verb.TRANSFER and data.get("to_agency"):
        return f"Chuyển đến {data['to_agency']}"
    if event.verb == Verb.RECORD_RATING and data.get("value"):
        from motcua.dossiers.models import RatingValue

        return RatingValue(data["value"]).label if data["value"] in RatingValue.values else ""
    return ""


def _say(key, value, users, step_names) -> str:
    if value is None or value == "":
        return "—"
    if key == "status":
        return Status(value).label if value in Status.values else str(value)
    if key == "assignee":
        return users.get(value, f"#{value}")
    if key == "current_step":
        return step_names.get(value, f"#{value}")
    if isinstance(value, bool):
        return "có" if value else "không"
    if key.endswith("_at"):
        try:
            return dt.datetime.fromisoformat(value).astimezone(LOCAL_TZ).strftime("%H:%M %d/%m/%Y")
        except (TypeError, ValueError):
            return str(value)
    return str(value)


def supplements(dossier: Dossier, now: dt.datetime) -> list[dict]:
    """Return the supplement requests with the working time each one waited (so far)."""
    rows = []
    for s in dossier.supplements.order_by("requested_at", "id"):
        end = s.received_at or now
        waited = working_time_between_for_unit(dossier.unit, s.requested_at, end) if end > s.requested_at else dt.timedelta(0)
        rows.append({"supplement": s, "waited": working_duration(waited), "open": s.received_at is None})
    return rows


def components(dossier: Dossier) -> list[dict]:
    """Return the components checklist with the Vietnamese name of each copy form."""
    rows = []
    for item in dossier.components or []:
        if not isinstance(item, dict):
            continue
        form = str(item.get("form") or "")
        rows.append(
            {
                "name": str(item.get("name", "")),
                "form": ComponentForm(form).label if form in ComponentForm.values else form,
                "quantity": item.get("quantity", 1),
            }
        )
    return rows


def printable_forms(dossier: Dossier) -> list[dict]:
    """Return the forms that can be printed for the dossier now, numbered by the rule set of its receipt date."""
    ruleset = rulesets.ruleset_for_dossier(dossier)
    return [
        {
            "name": name,
            "label": ruleset.form(name).label,
            "title": ruleset.form(name).title.capitalize(),
            "url": reverse("forms:dossier_form", args=[dossier.code, name]),
        }
        for name in available_forms(dossier)
    ]


def page_facts(dossier: Dossier, now: dt.datetime | None = None) -> dict:
    """Return everything the dossier page shows besides the action forms."""
    now = now or timezone.now()
    supplement_rows = supplements(dossier, now)
    apologies = list(dossier.apologies.order_by("issued_at", "id"))
    return {
        "clock": clock(dossier, now),
        "ends": planned_and_legal_end(dossier, [row["supplement"] for row in supplement_rows]),
        "new_due_at": apologies[-1].new_due_at if apologies else None,
        "apologies": apologies,
        "steps": steps(dossier),
        "timeline": timeline(dossier),
        "handovers": list(dossier.handovers.select_related("from_user", "to_user").order_by("at", "id")),
        "supplements": supplement_rows,
        "attachments": list(dossier.attachments.select_related("uploaded_by").order_by("uploaded_at", "id")),
        "components": components(dossier),
        "forms": printable_forms(dossier),
        "ratings": list(dossier.ratings.order_by("at", "id")),
    }
