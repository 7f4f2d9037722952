"""What the dossier page shows, computed in plain functions: times, steps, history, forms to print."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import get_language, gettext, gettext_lazy as _

from motcua.accounts.models import Role, User
from motcua.catalog.models import DurationUnit, ProcedureStep
from motcua.dossiers.deadlines import legal_due
from motcua.dossiers.data import dossier_data_rows
from motcua.dossiers.events import Verb
from motcua.dossiers.models import OPEN_STATUSES, Dossier, Outcome, ReturnChannel, Status
from motcua.dossiers.papers import PaperExemption, PaperForm
from motcua.dossiers.results import latest_draft, signed_result
from motcua.dossiers.timeliness import LOCAL_TZ, classify
from motcua.dossiers.trail import Trail, dossier_trail
from motcua.forms import rulesets
from motcua.desk.intake import duration_text
from motcua.desk.worklist import working_duration
from motcua.forms.render import available_forms
from motcua.notices.display import dossier_notices, with_notices
from motcua.portal.labels import label
from motcua.workdays.service import calendar_for_unit, working_time_between_for_unit


def local(t: dt.datetime | None) -> dt.datetime | None:
    return t.astimezone(LOCAL_TZ) if t is not None else None


def clock(dossier: Dossier, now: dt.datetime) -> dict:
    """Tell where the dossier stands against its due time: remaining, overdue, paused or resolved."""
    paused_since = dossier.paused_since
    if dossier.status == Status.WITHDRAWN:
        return {"state": "withdrawn", "text": gettext("Hồ sơ đã rút")}
    if dossier.outcome == Outcome.REFUSED:
        # A refusal is not a result given early or on time.
        return {"state": "refused", "text": gettext("Đã từ chối giải quyết")}
    if dossier.status == Status.STOPPED:
        return {"state": "withdrawn", "text": gettext("Hồ sơ đã dừng xử lý theo đề nghị của người nộp")}
    if dossier.status not in OPEN_STATUSES:
        resolved = dossier.resolved_at or dossier.returned_at or now
        verdict = classify(resolved, dossier.due_at)
        text = {
            "early": gettext("Giải quyết trước hạn"),
            "on_time": gettext("Giải quyết đúng hạn"),
            "late": gettext("Giải quyết quá hạn"),
        }[verdict]
        return {"state": verdict, "text": text}
    if paused_since is not None:
        # The clock stopped when the papers were requested: what was left then is left now.
        left = working_time_between_for_unit(dossier.unit, paused_since, dossier.due_at) if paused_since < dossier.due_at else None
        since = f"{local(paused_since):%H:%M %d/%m/%Y}"
        if left is not None:
            text = gettext("Tạm dừng chờ bổ sung từ %(since)s; còn %(left)s làm việc khi nhận đủ") % {
                "since": since,
                "left": working_duration(left),
            }
        else:
            text = gettext("Tạm dừng chờ bổ sung từ %(since)s") % {"since": since}
        return {"state": "paused", "text": text}
    if now <= dossier.due_at:
        left = working_time_between_for_unit(dossier.unit, now, dossier.due_at)
        text = gettext("Còn %(time)s làm việc") % {"time": working_duration(left)}
        return {"state": "within", "text": text, "remaining": left}
    late = working_time_between_for_unit(dossier.unit, dossier.due_at, now)
    text = gettext("Quá hạn %(time)s làm việc") % {"time": working_duration(late)}
    return {"state": "overdue", "text": text, "overdue": late}


def planned_and_legal_end(dossier: Dossier, supplements) -> dict:
    """Return the planned end (committed duration, as due now) and the end the law allows, both moved by supplement waits."""
    procedure = dossier.procedure
    planned_value, planned_unit = procedure.committed_duration
    legal = dossier.legal_due_at
    if legal is None:
        # Recorded before the legal due time was kept: derive it as it was at receipt, moved by the waits.
        legal = legal_due(dossier.unit, procedure, dossier.received_at)
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
    if unit == DurationUnit.SAME_DAY or unit in DurationUnit.values:
        return duration_text(value if value is not None else "?", unit)
    return ""


def steps(dossier: Dossier, trail: Trail | None = None) -> list[dict]:
    """Return the procedure's internal steps as the dossier's events walked them (motcua.dossiers.trail)."""
    trail = trail or dossier_trail(dossier)
    ids = {row.holder_id for row in trail.steps} | {row.actor_id for row in trail.steps}
    users = {u.pk: u for u in User.objects.filter(pk__in=ids - {None})}
    rows = []
    for row in trail.steps:
        step = row.step
        rows.append(
            {
                "step": step,
                "role": label(Role(step.role).label) if step.role in Role.values else step.role,
                "hours": _decimal(float(step.working_hours)),
                "state": row.state,
                "holder": users.get(row.holder_id) if row.state in ("current", "paused") else None,
                "actor": users.get(row.actor_id),
                "started_at": row.started_at,
                "ended_at": row.ended_at,
                "away_at": row.away_at,
                "timeliness": _TIMELINESS.get(row.timeliness, ""),
            }
        )
    return rows


_TIMELINESS = {"early": _("Trước hạn"), "on_time": _("Đúng hạn"), "late": _("Quá hạn")}


def current_holder(dossier: Dossier, trail: Trail) -> str:
    """Say who handles the dossier now: the person holding the current step, its role, or nobody."""
    if trail.current is None:
        return ""
    if trail.holder_id is not None:
        user = User.objects.filter(pk=trail.holder_id).first()
        if user is not None:
            return user.get_full_name() or user.username
    role = trail.current.step.role
    return label(Role(role).label) if role in Role.values else role


def _decimal(number: float) -> str:
    """Write a number of hours with the active language's decimal mark: "1,5" / "1.5"."""
    text = f"{number:g}"
    return text if (get_language() or "").startswith("en") else text.replace(".", ",")


_FIELD_LABELS = {
    "status": _("Trạng thái"),
    "assignee": _("Người xử lý"),
    "current_step": _("Bước"),
    "due_at": _("Hạn trả kết quả"),
    "legal_due_at": _("Hạn theo quy định"),
    "resolved_at": _("Thời điểm giải quyết"),
    "outcome": _("Kết quả"),
    "returned_at": _("Thời điểm trả"),
    "return_channel": _("Hình thức trả"),
    "published_portal": _("Công khai trên Cổng DVC"),
    "published_website": _("Công khai trên trang TTĐT"),
    "digitized_components": _("Đã số hóa thành phần"),
    "digitized_result": _("Đã số hóa kết quả"),
    "applicant_name": _("Họ tên người nộp"),
    "applicant_id_number": _("Số định danh cá nhân (CCCD)"),
    "applicant_phone": _("Số điện thoại"),
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
    if event.verb == Verb.RECEIVE and data.get("backdated"):
        return gettext("Tiếp nhận ghi lùi thời gian, nhập vào hệ thống lúc %(at)s") % {"at": _local(data.get("recorded_at"))}
    if event.verb == Verb.ISSUE_APOLOGY and data.get("late"):
        return gettext("Gửi muộn: chưa đủ một ngày làm việc trước hạn %(due)s") % {"due": _local(data.get("due_at"))}
    if event.verb == Verb.RECEIVE_SUPPLEMENT and "waited_minutes" in data:
        waited = working_duration(dt.timedelta(minutes=data["waited_minutes"]))
        return gettext("Thời gian chờ bổ sung: %(time)s làm việc") % {"time": waited}
    if event.verb == Verb.ATTACH_FILE and data.get("name"):
        return gettext("Tệp «%(name)s»") % {"name": data["name"]}
    if event.verb == Verb.TRANSFER and data.get("to_agency"):
        return gettext("Chuyển đến %(agency)s") % {"agency": data["to_agency"]}
    if event.verb == Verb.RECORD_RATING and data.get("value"):
        from motcua.dossiers.models import RatingValue

        return label(RatingValue(data["value"]).label) if data["value"] in RatingValue.values else ""
    return ""


def _local(value) -> str:
    moment = parse_datetime(str(value or ""))
    return timezone.localtime(moment).strftime("%H:%M %d/%m/%Y") if moment else "—"


def _say(key, value, users, step_names) -> str:
    if value is None or value == "":
        return "—"
    if key == "status":
        return label(Status(value).label) if value in Status.values else str(value)
    if key == "outcome" and value in Outcome.values:
        return label(Outcome(value).label)
    if key == "return_channel" and value in ReturnChannel.values:
        return label(ReturnChannel(value).label)
    if key == "assignee":
        return users.get(value, f"#{value}")
    if key == "current_step":
        return step_names.get(value, f"#{value}")
    if isinstance(value, bool):
        return gettext("có") if value else gettext("không")
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


def paper_scan(item: dict) -> dict:
    """What the page says of a paper's scan: its SHA-256, why it needs none, or that it still lacks one."""
    if item.get("sha256"):
        return {"scan": "scanned", "sha256": str(item["sha256"])}
    if item.get("exemption") in PaperExemption.values:
        return {"scan": "exempt", "exemption": label(PaperExemption(item["exemption"]).label)}
    if item.get("reused"):
        return {"scan": "reused"}
    if item.get("from_data_store"):
        return {"scan": "data_store"}
    return {"scan": "missing"}


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
                "form": label(PaperForm(form).label) if form in PaperForm.values else form,
                "quantity": item.get("quantity", 1),
                **paper_scan(item),
            }
        )
    return rows


def _gist(title: str) -> str:
    gist = gettext(title)
    return "" if gist == title else gist


def printable_forms(dossier: Dossier) -> list[dict]:
    """Return the forms that can be printed for the dossier now, numbered by the rule set of its receipt date."""
    ruleset = rulesets.ruleset_for_dossier(dossier)
    return [
        {
            "name": name,
            "label": ruleset.form(name).label,
            "title": ruleset.form(name).title.capitalize(),
            # The official Vietnamese name stays; another language adds its gist.
            "gist": _gist(ruleset.form(name).title.capitalize()),
            "url": reverse("forms:dossier_form", args=[dossier.code, name]),
        }
        for name in available_forms(dossier)
    ]


def page_facts(dossier: Dossier, now: dt.datetime | None = None) -> dict:
    """Return everything the dossier page shows besides the action forms."""
    now = now or timezone.now()
    supplement_rows = supplements(dossier, now)
    apologies = list(dossier.apologies.order_by("issued_at", "id"))
    # Sent less than one working day before the due time, or after it: the event says "late".
    late = {
        (e.data or {}).get("apology")
        for e in dossier.events.filter(verb=Verb.ISSUE_APOLOGY)
        if isinstance(e.data, dict) and e.data.get("late")
    }
    for apology in apologies:
        apology.sent_late = apology.pk in late
    trail = dossier_trail(dossier)
    notices = dossier_notices(dossier)
    return {
        "clock": clock(dossier, now),
        "ends": planned_and_legal_end(dossier, [row["supplement"] for row in supplement_rows]),
        "new_due_at": apologies[-1].new_due_at if apologies else None,
        "apologies": apologies,
        "steps": steps(dossier, trail),
        "holder": current_holder(dossier, trail),
        "finished": not dossier.is_open,
        # The notices to the applicant (motcua.notices) are part of the history too.
        "timeline": with_notices(timeline(dossier), notices),
        "notices": notices,
        "handovers": list(dossier.handovers.select_related("from_user", "to_user").order_by("at", "id")),
        "supplements": supplement_rows,
        "attachments": list(dossier.attachments.select_related("uploaded_by").order_by("uploaded_at", "id")),
        "components": components(dossier),
        # The procedure's own data fields, label and value (motcua.dossiers.data).
        "data": dossier_data_rows(dossier),
        "forms": printable_forms(dossier),
        "ratings": list(dossier.ratings.order_by("at", "id")),
        # Signed results (motcua.dossiers.results): the leader reads the draft before signing it.
        "result_document": signed_result(dossier),
        "draft_result": latest_draft(dossier),
    }
