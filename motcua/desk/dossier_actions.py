"""Run one action posted from a staff page: check version and permission, validate the form, call its do_* function."""

from __future__ import annotations

from dataclasses import dataclass

from django.forms import Form
from django.utils.translation import gettext, gettext_noop, pgettext

from motcua.accounts.models import Role
from motcua.desk.action_forms import ACTION, ACTIONS, SLUG_BY_VERB, ActionSpec
from motcua.dossiers.error_codes import DossierActionError, DossierErrorCode as E
from motcua.dossiers.events import Verb
from motcua.dossiers.lifecycle import INTERLINKED, TRANSITIONS, allowed_actions, holder_may_act
from motcua.dossiers.models import Dossier, Status
from motcua.portal.labels import label as choice_label, message as domain_message

# In Vietnamese (tests compare it); shown through gettext.
STALE = gettext_noop("Hồ sơ vừa được người khác cập nhật; vui lòng xem lại trước khi thao tác.")


@dataclass
class Outcome:
    """What became of a posted action: the dossier after it, or the form holding why not."""

    dossier: Dossier
    spec: ActionSpec | None
    form: Form | None
    ok: bool
    # HTTP status of a plain (non-htmx) answer: 200, 400 refused or invalid, 409 stale.
    status: int = 200
    message: str = ""


def sentence(text: str) -> str:
    """Return a message of the desk with a capital first letter and a final full stop."""
    text = (text or "").strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def refusal_reason(user, dossier, verb: str) -> str:
    """Explain, in the active language, why the user may not do `verb` to the dossier now."""
    transition = TRANSITIONS[verb]
    action = pgettext(ACTION, str(Verb(verb).label)).lower()
    if user.role not in transition.roles:
        role = choice_label(Role(user.role).label) if user.role in Role.values else gettext("chưa có vai trò")
        return sentence(gettext("vai trò «%(role)s» không được %(action)s") % {"role": role, "action": action})
    if dossier.status not in transition.sources:
        return sentence(
            gettext("không thể %(action)s: hồ sơ %(code)s đang ở trạng thái «%(status)s»")
            % {"action": action, "code": dossier.code, "status": choice_label(Status(dossier.status).label)}
        )
    if transition.interlinked_only and dossier.procedure.mechanism not in INTERLINKED:
        return sentence(gettext("thủ tục %(code)s không giải quyết theo cơ chế liên thông") % {"code": dossier.procedure.code})
    if not holder_may_act(transition, user, dossier):
        holder = (dossier.assignee.get_full_name() or dossier.assignee.username) if dossier.assignee else gettext("người khác")
        return sentence(gettext("hồ sơ %(code)s đang do %(holder)s xử lý") % {"code": dossier.code, "holder": holder})
    return sentence(gettext("bạn không được %(action)s hồ sơ này") % {"action": action})


def done_message(spec: ActionSpec, code: str) -> str:
    """Say that the action was done, in the active language: "Đã phê duyệt: hồ sơ …"."""
    # One message per action (listed in desk.po): English words each one differently.
    return gettext(f"Đã {spec.label.lower()}: hồ sơ %(code)s.") % {"code": code}


def allowed_specs(user, dossier) -> list[ActionSpec]:
    """Return the action forms the user may use on the dossier now, in the lifecycle's order."""
    return [ACTIONS[SLUG_BY_VERB[verb]] for verb in allowed_actions(user, dossier) if verb in SLUG_BY_VERB]


def run_action(user, dossier: Dossier, slug: str, data, files=None) -> Outcome:
    """Perform the posted action `slug` on a dossier the user can see; nothing changes unless it succeeds."""
    spec = ACTIONS.get(slug)
    if spec is None:
        # A forged or outdated action name.
        return Outcome(dossier, None, None, False, 400, gettext("Không có thao tác «%(action)s» trên hồ sơ.") % {"action": slug[:40]})
    form = spec.form(data, files, dossier=dossier)
    version = _posted_version(data)
    if version != dossier.version:
        form.is_valid()
        form.add_error(None, gettext(STALE))
        return Outcome(dossier, spec, form, False, 409, gettext(STALE))
    if spec.verb not in allowed_actions(user, dossier):
        reason = refusal_reason(user, dossier, spec.verb)
        form.is_valid()
        form.add_error(None, reason)
        return Outcome(dossier, spec, form, False, 400, reason)
    if not form.is_valid():
        return Outcome(dossier, spec, form, False, 400, gettext("Vui lòng sửa các mục được đánh dấu."))
    try:
        updated = spec.run(user, dossier, form.cleaned_data, version)
    except DossierActionError as error:
        message = gettext(STALE) if error.code == E.STALE_VERSION else sentence(domain_message(error.message))
        field = spec.error_fields.get(error.code)
        form.add_error(field if field in form.fields else None, message)
        return Outcome(dossier, spec, form, False, 409 if error.code == E.STALE_VERSION else 400, message)
    return Outcome(updated, spec, None, True, 200, done_message(spec, updated.code))


def _posted_version(data) -> int | None:
    raw = (data.get("expected_version") or "").strip() if hasattr(data, "get") else ""
    if not raw.isascii() or not raw.isdigit() or len(raw) > 9:
        return None
    return int(raw)
