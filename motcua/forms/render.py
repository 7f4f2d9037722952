"""Render the desk's forms: Django templates to HTML, WeasyPrint to PDF, with the bundled Liberation Serif."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone

from motcua.accounts.models import Role, User
from motcua.dossiers.data import dossier_data_rows
from motcua.dossiers.events import Verb
from motcua.dossiers.models import (
    Channel,
    ComponentForm,
    CounterRefusal,
    CounterRefusalKind,
    Dossier,
    DossierEvent,
    Outcome,
    ReturnChannel,
    Status,
)
from motcua.dossiers.stopping import DEFAULT_REASON as STOP_REASON
from motcua.dossiers.timeliness import classify
from motcua.dossiers.trail import dossier_trail
from motcua.forms import rulesets as rs
from motcua.forms.qr import data_uri, qr_svg, status_url
from motcua.payments.printing import fee_lines_for_print
from motcua.forms.text import (
    TIMELINESS_LABELS,
    clock_text,
    date_text,
    duration_text,
    in_sentence,
    lines,
    person,
    place_date,
)

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FILES = {
    "regular": "LiberationSerif-Regular.ttf",
    "bold": "LiberationSerif-Bold.ttf",
    "italic": "LiberationSerif-Italic.ttf",
    "bold_italic": "LiberationSerif-BoldItalic.ttf",
}


class FormNotAvailable(LookupError):
    """The form does not exist under the record's rule set, or the record has nothing to print on it."""


def font_urls() -> dict[str, str]:
    """Return file:// URLs of the bundled fonts, so a PDF never depends on the system's fonts."""
    return {style: (FONT_DIR / name).as_uri() for style, name in FONT_FILES.items()}


def available_forms(record) -> list[str]:
    """List the form names that can be printed for a dossier or a counter refusal now."""
    if isinstance(record, CounterRefusal):
        # No dossier was created: only the refusal, or the instructions to complete the papers.
        return [rs.REFUSAL if record.kind == CounterRefusalKind.REFUSED else rs.SUPPLEMENT_REQUEST]
    ruleset = rs.ruleset_for_dossier(record)
    names = [rs.RECEIPT]
    if record.supplements.exists():
        names.append(rs.SUPPLEMENT_REQUEST)
    if record.outcome == Outcome.REFUSED:
        names.append(rs.REFUSAL)
    if record.apologies.exists():
        names.append(rs.APOLOGY)
    if record.status in (Status.WITHDRAWN, Status.STOPPED) and ruleset.has(rs.STOP_NOTICE):
        names.append(rs.STOP_NOTICE)
    names.append(rs.CONTROL_SHEET)
    return [name for name in names if ruleset.has(name)]


def render_html(record, form_name: str) -> str:
    """Return the HTML of a form for a dossier or a counter refusal."""
    if form_name not in available_forms(record):
        raise FormNotAvailable(f"biểu mẫu «{form_name}» không có cho hồ sơ này")
    if isinstance(record, CounterRefusal):
        context = _counter_refusal_context(record, form_name)
    else:
        context = _BUILDERS[form_name](record)
    return render_to_string(f"forms/{form_name}.html", context)


def render_form(record, form_name: str) -> bytes:
    """Return the PDF of a form for a dossier or a counter refusal."""
    html = render_html(record, form_name)
    return html_to_pdf(html)


def html_to_pdf(html: str) -> bytes:
    """Lay out an HTML document on A4 with WeasyPrint and return the PDF."""
    # Imported here: loading WeasyPrint (Pango, fonts) takes a while and only printing needs it.
    from weasyprint import HTML

    return HTML(string=html, base_url=str(FONT_DIR), url_fetcher=_local_fetcher()).write_pdf()


def _local_fetcher():
    """Return a URL fetcher that reads only the bundled fonts and data: URIs."""
    from weasyprint.urls import URLFetcher

    allowed = set(font_urls().values())

    class LocalOnly(URLFetcher):
        # A form never reaches the network or other files, whatever text ends up
        # in it; and a missing bundled font stops the rendering instead of
        # silently falling back to a system font.
        def fetch(self, url, headers=None):
            if url.startswith("file:") and url.split("?", 1)[0] not in allowed:
                raise ValueError(f"not a bundled font: {url}")
            return super().fetch(url, headers)

    return LocalOnly(allowed_protocols={"file", "data"}, fail_on_errors=True)


# ----------------------------------------------------------------- contexts


def _base(ruleset: rs.RuleSet, form_name: str, unit, moment, *, issuer: str = "desk") -> dict:
    """Return what every form prints: fonts, header, title, place and date, legal basis."""
    desk = ruleset.desk_name(unit)
    if issuer == "desk":
        # The desk issues it on behalf of its People's Committee.
        parent, body = f"UBND {unit.name.upper()}", desk.upper()
    else:
        parent, body = "ỦY BAN NHÂN DÂN", unit.name.upper()
    return {
        "fonts": font_urls(),
        "ruleset": ruleset,
        "form": ruleset.form(form_name),
        "basis": ruleset.basis(form_name),
        "unit": unit,
        "desk_name": desk,
        # "Bộ phận Tiếp nhận và Trả kết quả xã Hoằng Lưu", "Ủy ban nhân dân xã Hoằng Lưu".
        "desk_full": f"{desk} {in_sentence(unit.name)}",
        "agency_name": f"Ủy ban nhân dân {in_sentence(unit.name)}",
        "header_parent": parent,
        "header_body": body,
        "place_date": place_date(unit, moment),
    }


def _dossier_base(d: Dossier, form_name: str, moment, **kwargs) -> dict:
    ruleset = rs.ruleset_for_dossier(d)
    context = _base(ruleset, form_name, d.unit, moment, **kwargs)
    context.update(
        {
            "dossier": d,
            "code": d.code,
            "applicant_name": d.applicant_name,
            "procedure_name": d.procedure.name,
            "procedure_code": d.procedure.code,
            "received_text": clock_text(d.received_at),
            "received_date": date_text(d.received_at),
            "due_text": clock_text(d.due_at),
            "due_date": date_text(d.due_at),
            # The procedure's own data fields, "label: value" (motcua.dossiers.data).
            "data_rows": dossier_data_rows(d),
        }
    )
    return context


def _receipt(d: Dossier) -> dict:
    context = _dossier_base(d, rs.RECEIPT, d.received_at)
    url = status_url(d.code)
    forms = dict(ComponentForm.choices)
    components = [
        {"n": n, "name": c.get("name", ""), "form": forms.get(c.get("form"), ""), "quantity": c.get("quantity", 1)}
        for n, c in enumerate(d.components or [], 1)
    ]
    delivery = {
        ReturnChannel.COUNTER: f"Trực tiếp tại {context['desk_full']}",
        ReturnChannel.POSTAL: "Qua dịch vụ bưu chính công ích",
        ReturnChannel.ONLINE: "Trực tuyến",
    }.get(d.result_delivery, "")
    context.update(
        {
            "applicant_address": d.applicant_address,
            "applicant_phone": d.applicant_phone,
            "applicant_email": d.applicant_email,
            "components": components,
            "duration_text": duration_text(*d.procedure.committed_duration),
            "delivery": delivery,
            "status_url": url,
            "qr": data_uri(qr_svg(url), "image/svg+xml"),
            "officer": person(_event_actor(d, Verb.RECEIVE)),
            # The fee quoted at intake (motcua.payments), printed line by line with its total.
            "fee": fee_lines_for_print(d),
        }
    )
    return context


def _supplement_request(d: Dossier) -> dict:
    supplement = d.supplements.order_by("-requested_at", "-id").first()
    context = _dossier_base(d, rs.SUPPLEMENT_REQUEST, supplement.requested_at)
    event = _event(d, Verb.REQUEST_SUPPLEMENT, data_key=("supplement", supplement.pk))
    context.update(
        {
            "items": lines(supplement.reason) or [supplement.reason],
            "requested_text": clock_text(supplement.requested_at),
            "officer": person(event.actor if event else None),
        }
    )
    return context


def _refusal(d: Dossier) -> dict:
    event = _event(d, Verb.REFUSE)
    at = event.at if event else d.resolved_at
    context = _dossier_base(d, rs.REFUSAL, at)
    reasons = (event.data.get("reasons") if event else None) or lines(event.reason if event else "")
    context.update(
        {
            "reasons": reasons,
            "has_code": True,
            # The receiver is who took the dossier in (nobody, online), not the leader who refused it.
            "officer": person(_event_actor(d, Verb.RECEIVE)),
            "decider": person(event.actor if event else None),
            # Only an applicant who came to the counter is there to sign.
            "applicant_signs": d.channel == Channel.COUNTER,
        }
    )
    return context


def _apology(d: Dossier) -> dict:
    apology = d.apologies.order_by("-issued_at", "-id").first()
    context = _dossier_base(d, rs.APOLOGY, apology.issued_at, issuer="agency")
    context.update(
        {
            "reason": apology.reason,
            "new_due_text": clock_text(apology.new_due_at),
            "issued_date": date_text(apology.issued_at),
            "wording": context["ruleset"].wording,
        }
    )
    return context


def _stop_notice(d: Dossier) -> dict:
    stopped = d.status == Status.STOPPED
    event = _event(d, Verb.STOP if stopped else Verb.WITHDRAW)
    at = event.at if event else d.resolved_at
    context = _dossier_base(d, rs.STOP_NOTICE, at, issuer="agency")
    default = STOP_REASON if stopped else "Theo đề nghị rút hồ sơ của tổ chức, cá nhân."
    context.update(
        {
            "reason": (event.reason if event else "") or default,
            "stopped_text": clock_text(at),
        }
    )
    return context


def _control_sheet(d: Dossier) -> dict:
    context = _dossier_base(d, rs.CONTROL_SHEET, timezone.now())
    events = list(d.events.select_related("actor").order_by("at", "id"))
    handovers = {h.pk: h for h in d.handovers.select_related("from_user", "to_user")}
    user_ids = {e.data.get("after", {}).get("assignee") for e in events} - {None}
    users = {u.pk: u for u in User.objects.filter(pk__in=user_ids)}
    rows = []
    for event in events:
        row = _control_row(d, event, handovers, users)
        if row is not None:
            rows.append({"n": len(rows) + 1, **row})
    context.update({"rows": rows, "steps": _step_rows(d, events), "printed_date": date_text(timezone.now())})
    return context


_APPLICANT = "Tổ chức, cá nhân"
# Events that do not move the dossier between people or agencies are not control-sheet lines.
_NOT_ON_CONTROL_SHEET = {Verb.RECORD_RATING, Verb.PUBLISH_RESULT, Verb.ATTACH_FILE, Verb.CORRECT_APPLICANT}


def _control_row(d: Dossier, event: DossierEvent, handovers: dict, users: dict) -> dict | None:
    if event.verb in _NOT_ON_CONTROL_SHEET:
        return None
    actor = person(event.actor) or "Hệ thống"
    giver, receiver, note, result = actor, "", event.reason, ""
    verb = event.verb
    handover = handovers.get(event.data.get("handover"))
    assignee = users.get(event.data.get("after", {}).get("assignee"))
    if verb == Verb.RECEIVE:
        giver, receiver = _APPLICANT, actor
    elif verb in (Verb.HAND_OVER, Verb.TRANSFER, Verb.RECEIVE_BACK) and handover is not None:
        giver = person(handover.from_user) or handover.from_agency or actor
        receiver = person(handover.to_user) or handover.to_agency
        steps = " → ".join(s for s in (handover.step_name, handover.to_step_name) if s)
        note = "; ".join(s for s in (steps, handover.result) if s)
    elif verb in (Verb.ASSIGN, Verb.SEND_BACK):
        receiver = person(assignee)
    elif verb == Verb.REQUEST_SUPPLEMENT:
        receiver = _APPLICANT
    elif verb == Verb.RECEIVE_SUPPLEMENT:
        giver, receiver = _APPLICANT, actor
    elif verb == Verb.SUBMIT_FOR_DECISION:
        receiver = "Lãnh đạo"
    elif verb == Verb.RETURN_RESULT:
        receiver = _APPLICANT
    if verb in (Verb.APPROVE, Verb.REFUSE):
        result = TIMELINESS_LABELS[classify(event.at, d.due_at)]
    return {
        "time": clock_text(event.at),
        "action": Verb(verb).label,
        "giver": giver,
        "receiver": receiver,
        "note": note,
        "result": result,
    }


_STEP_STATES = {
    "current": "Đang thực hiện",
    "paused": "Tạm dừng",
    "stopped": "Dừng (hồ sơ đã rút)",
    "skipped": "Không thực hiện",
    "pending": "Chưa đến",
}


def _state_text(d: Dossier, state: str) -> str:
    if state == "stopped" and d.status == Status.STOPPED:
        return "Dừng (theo đề nghị dừng xử lý)"
    return _STEP_STATES.get(state, "")


def _step_rows(d: Dossier, events: list[DossierEvent]) -> list[dict]:
    """Return each procedure step as the events walked it (motcua.dossiers.trail): who, when, in time or not."""
    trail = dossier_trail(d, events)
    ids = {row.actor_id for row in trail.steps} | {row.holder_id for row in trail.steps}
    users = {u.pk: u for u in User.objects.filter(pk__in=ids - {None})}
    rows = []
    for row in trail.steps:
        step = row.step
        role = Role(step.role).label if step.role in Role.values else step.role
        # A step in progress with nobody assigned yet (the receipt) names who received it.
        who = users.get(row.actor_id if row.state == "done" else (row.holder_id or row.actor_id))
        hours = Decimal(step.working_hours)
        rows.append(
            {
                "n": step.position,
                "name": step.name,
                "role": role,
                "person": person(who) if who else (role if row.state in ("current", "paused") else ""),
                "hours": f"{hours.normalize():f}".replace(".", ","),
                "started": clock_text(row.started_at) if row.started_at else "",
                "ended": clock_text(row.ended_at) if row.state == "done" and row.ended_at else _state_text(d, row.state),
                "result": TIMELINESS_LABELS.get(row.timeliness, ""),
            }
        )
    return rows


def _counter_refusal_context(refusal: CounterRefusal, form_name: str) -> dict:
    ruleset = rs.ruleset_for(refusal.at)
    context = _base(ruleset, form_name, refusal.unit, refusal.at)
    procedure = refusal.procedure
    context.update(
        {
            "code": "",
            "has_code": False,
            "applicant_name": refusal.applicant_name,
            "procedure_name": procedure.name if procedure else "",
            "procedure_code": procedure.code if procedure else "",
            "received_text": clock_text(refusal.at),
            "received_date": date_text(refusal.at),
            "requested_text": clock_text(refusal.at),
            "reasons": list(refusal.reasons or []),
            "items": list(refusal.reasons or []),
            "officer": person(refusal.actor),
            "applicant_signs": True,
        }
    )
    return context


def _event(d: Dossier, verb: str, data_key: tuple[str, object] | None = None) -> DossierEvent | None:
    """Return the latest event of a verb (matching data[key] == value if given)."""
    events = d.events.filter(verb=verb).select_related("actor").order_by("-at", "-id")
    if data_key is None:
        return events.first()
    key, value = data_key
    return next((e for e in events if e.data.get(key) == value), None)


def _event_actor(d: Dossier, verb: str):
    event = _event(d, verb)
    return event.actor if event else None


_BUILDERS = {
    rs.RECEIPT: _receipt,
    rs.SUPPLEMENT_REQUEST: _supplement_request,
    rs.REFUSAL: _refusal,
    rs.APOLOGY: _apology,
    rs.STOP_NOTICE: _stop_notice,
    rs.CONTROL_SHEET: _control_sheet,
}
