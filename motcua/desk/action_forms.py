"""The dossier page's action forms: one small Django form per action, and which do_* function each runs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from django import forms
from django.utils.translation import gettext, gettext_lazy as _, pgettext

from motcua.accounts.models import Role, User
from motcua.core.forms import CleanTextMixin
from motcua.dossiers import actions as a, results
from motcua.dossiers.error_codes import DossierErrorCode as E
from motcua.dossiers.events import Verb
from motcua.dossiers.models import AttachmentKind, RatingChannel, RatingValue, ReturnChannel
from motcua.dossiers.paper_actions import do_exempt_paper
from motcua.dossiers.papers import PaperExemption
from motcua.dossiers.stopping import do_stop_dossier
from motcua.forms import refusal_letter


def translated(choices) -> list[tuple[str, str]]:
    """Return model choices whose Vietnamese labels are translated when shown (see motcua.portal.labels)."""
    return [(value, _(text)) for value, text in choices]

REQUIRED = _("Vui lòng điền mục này.")
# The context of an action's name on a button: "Phê duyệt" is "Approve" there, "Approved" in a history.
ACTION = "thao tác"
DATETIME_INPUT = "%Y-%m-%dT%H:%M"


def _note(**kwargs):
    """The optional free-text note most actions carry."""
    return forms.CharField(label=_("Ghi chú"), required=False, max_length=2000, **kwargs)


def _reason(label, required_message, *, rows=3, max_length=4000):
    """A required multi-line reason, with the message shown when it is left empty."""
    return forms.CharField(
        label=label,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": required_message},
    )


def _people(queryset):
    return queryset.filter(is_active=True).order_by("last_name", "first_name", "username")


class PersonChoiceField(forms.ModelChoiceField):
    """A choice of a colleague, shown by full name and user name."""

    def label_from_instance(self, user):
        name = user.get_full_name()
        return f"{name} ({user.username})" if name else user.username


class ActionForm(CleanTextMixin, forms.Form):
    """Base of every action form: knows its dossier; the version travels in a hidden field."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, dossier, **kwargs):
        kwargs.setdefault("auto_id", f"id_%s_{self.slug_prefix()}")
        super().__init__(*args, **kwargs)
        self.dossier = dossier
        if not self.is_bound:
            self.initial.setdefault("expected_version", dossier.version)

    def add_error(self, field, error):
        super().add_error(field, error)
        # Pico CSS marks a bad input red; screen readers read the message it points to.
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = f"{self.auto_id % name}-error"

    @classmethod
    def slug_prefix(cls) -> str:
        # Several forms on one page: field ids must stay unique.
        return cls.__name__.removesuffix("Form").lower()


class EmptyForm(ActionForm):
    pass


class NoteForm(ActionForm):
    note = _note(widget=forms.Textarea(attrs={"rows": 2}))


class ApproveForm(NoteForm):
    def __init__(self, *args, dossier, **kwargs):
        super().__init__(*args, dossier=dossier, **kwargs)
        # The specialist's draft result, which approving signs ("Ký và phê duyệt").
        self.draft = results.latest_draft(dossier)


class SubmitForm(NoteForm):
    pass


class AssignForm(ActionForm):
    assignee = PersonChoiceField(
        label=_("Giao cho chuyên viên"), queryset=User.objects.none(), error_messages={"required": _("Vui lòng chọn chuyên viên.")}
    )
    note = _note()

    def __init__(self, *args, dossier, **kwargs):
        super().__init__(*args, dossier=dossier, **kwargs)
        self.fields["assignee"].queryset = _people(User.objects.filter(unit_id=dossier.unit_id, role=Role.SPECIALIST))
        self.fields["assignee"].error_messages["invalid_choice"] = _("Người được chọn không phải chuyên viên của đơn vị.")


class HandOverForm(ActionForm):
    to_user = PersonChoiceField(
        label=_("Chuyển cho"), queryset=User.objects.none(), error_messages={"required": _("Vui lòng chọn người nhận.")}
    )
    result = forms.CharField(label=_("Kết quả bước này"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, dossier, **kwargs):
        super().__init__(*args, dossier=dossier, **kwargs)
        self.next_step = _next_step(dossier)
        roles = [Role.SPECIALIST, Role.LEADER, Role.DESK_OFFICER]
        if self.next_step is not None:
            self.fields["to_user"].label = gettext("Chuyển sang bước «%(step)s» cho") % {"step": self.next_step.name}
            if self.next_step.role in Role.values:
                roles = [self.next_step.role]
            current = dossier.current_step
            if current is not None and current.role in Role.values and current.role not in roles:
                # Or to a colleague of the same role, for the step in progress (do_hand_over_dossier).
                roles.append(current.role)
                self.fields["to_user"].help_text = gettext(
                    "Chọn người cùng vai trò để giao tiếp bước «%(step)s» cho đồng nghiệp."
                ) % {"step": current.name}
        self.fields["to_user"].queryset = _people(User.objects.filter(unit_id=dossier.unit_id, role__in=roles))
        self.fields["to_user"].error_messages["invalid_choice"] = _("Người được chọn không thực hiện được bước tiếp theo.")


def _next_step(dossier):
    steps = dossier.procedure.steps.order_by("position")
    if dossier.current_step_id is None:
        return steps.first()
    return steps.filter(position__gt=dossier.current_step.position).first()


class ReasonForm(ActionForm):
    reason = _reason(_("Lý do"), REQUIRED)


class SupplementRequestForm(ActionForm):
    reason = _reason(_("Giấy tờ, nội dung cần bổ sung"), _("Vui lòng ghi rõ giấy tờ, nội dung cần bổ sung."))


class SendBackForm(ReasonForm):
    pass


class SupplementArrivalForm(ActionForm):
    note = _note()
    restart = forms.BooleanField(
        label=_("Tính lại toàn bộ thời hạn từ khi nhận bổ sung (thủ tục quy định tính lại)"), required=False
    )


class RefuseForm(ActionForm):
    reasons = _reason(_("Lý do từ chối (mỗi lý do một dòng)"), _("Từ chối giải quyết phải nêu rõ lý do."), max_length=8000)

    def clean_reasons(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["reasons"].splitlines() if line.strip()]
        if not lines:
            raise forms.ValidationError(_("Từ chối giải quyết phải nêu rõ lý do."))
        return lines


class ApologyForm(ActionForm):
    new_due_at = forms.DateTimeField(
        label=_("Hẹn lại ngày trả kết quả"),
        input_formats=[DATETIME_INPUT, "%d/%m/%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_INPUT),
        error_messages={"required": _("Vui lòng chọn ngày giờ hẹn lại."), "invalid": _("Ngày giờ hẹn lại không hợp lệ.")},
        help_text=_(
            "Văn bản xin lỗi và đề nghị gia hạn (Mẫu 04) gửi chậm nhất một ngày làm việc trước hạn giải quyết; "
            "gửi sau thời điểm đó (kể cả khi đã quá hạn) vẫn được nhưng ghi là gửi muộn. "
            "Mỗi hồ sơ chỉ được hẹn lại một lần; hồ sơ vẫn tính là trễ hạn."
        ),
    )
    reason = _reason(_("Lý do chậm trễ"), _("Phiếu xin lỗi phải nêu lý do chậm trễ."), rows=2)


class WithdrawForm(ActionForm):
    reason = _reason(_("Lý do rút hồ sơ (theo đề nghị của người nộp)"), _("Vui lòng ghi lý do rút hồ sơ."), rows=2)


class StopForm(ActionForm):
    reason = _reason(
        _("Lý do dừng xử lý (theo đề nghị của người nộp)"), _("Vui lòng ghi lý do dừng xử lý."), rows=2
    )


class TransferForm(ActionForm):
    to_agency = forms.CharField(label=_("Cơ quan nhận hồ sơ liên thông"), max_length=300, error_messages={"required": REQUIRED})
    note = _note()


class ReceiveBackForm(ActionForm):
    result = forms.CharField(label=_("Kết quả của cơ quan liên thông"), required=False, max_length=2000)
    from_agency = forms.CharField(label=_("Cơ quan trả lại (để trống: cơ quan đã chuyển đến)"), required=False, max_length=300)


class ReturnResultForm(ActionForm):
    channel = forms.ChoiceField(label=_("Hình thức trả kết quả"), choices=translated(ReturnChannel.choices))

    def __init__(self, *args, dossier, **kwargs):
        super().__init__(*args, dossier=dossier, **kwargs)
        if not self.is_bound and dossier.result_delivery:
            self.initial["channel"] = dossier.result_delivery


class PublishForm(ActionForm):
    portal = forms.BooleanField(label=_("Công khai trên Cổng dịch vụ công"), required=False)
    website = forms.BooleanField(label=_("Công khai trên trang thông tin điện tử"), required=False)

    def __init__(self, *args, dossier, **kwargs):
        super().__init__(*args, dossier=dossier, **kwargs)
        if not self.is_bound:
            self.initial.update(portal=bool(dossier.published_portal), website=bool(dossier.published_website))


class RateForm(ActionForm):
    value = forms.ChoiceField(label=_("Mức độ hài lòng"), choices=translated(RatingValue.choices))
    channel = forms.ChoiceField(label=_("Hình thức đánh giá"), choices=translated(RatingChannel.choices), initial=RatingChannel.PAPER)


class AttachForm(ActionForm):
    file = forms.FileField(
        label=_("Tệp quét (PDF, JPEG hoặc PNG)"),
        error_messages={"required": _("Vui lòng chọn tệp."), "empty": _("Tệp đã chọn rỗng."), "invalid": _("Không đọc được tệp.")},
    )
    kind = forms.ChoiceField(label=_("Loại tệp"), choices=translated(AttachmentKind.choices), initial=AttachmentKind.COMPONENT)
    paper = forms.TypedChoiceField(label=_("Bản quét của giấy tờ"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, dossier, **kwargs):
        super().__init__(*args, dossier=dossier, **kwargs)
        self.fields["paper"].choices = [("", gettext("(cả hồ sơ, không riêng giấy tờ nào)")), *_paper_choices(dossier)]


class ExemptPaperForm(ActionForm):
    paper = forms.TypedChoiceField(label=_("Giấy tờ"), coerce=int, error_messages={"required": REQUIRED})
    exemption = forms.ChoiceField(label=_("Lý do không phải số hóa"), choices=translated(PaperExemption.choices))

    def __init__(self, *args, dossier, **kwargs):
        super().__init__(*args, dossier=dossier, **kwargs)
        self.fields["paper"].choices = _paper_choices(dossier)


def _paper_choices(dossier) -> list[tuple[int, str]]:
    return [(n, f"{n}. {p.get('name', '')}") for n, p in enumerate(dossier.components or [], 1) if isinstance(p, dict)]


class CorrectApplicantForm(ActionForm):
    name = forms.CharField(label=_("Họ tên người nộp"), max_length=300, error_messages={"required": REQUIRED})
    id_number = forms.CharField(label=_("Số định danh cá nhân (CCCD)"), max_length=32, required=False)
    phone = forms.CharField(label=_("Số điện thoại"), max_length=32, required=False)
    reason = _reason(_("Lý do sửa (ví dụ: ghi sai khi tiếp nhận)"), _("Vui lòng ghi lý do sửa."), rows=2)

    def __init__(self, *args, dossier, **kwargs):
        super().__init__(*args, dossier=dossier, **kwargs)
        if not self.is_bound:
            self.initial.update(
                name=dossier.applicant_name, id_number=dossier.applicant_id_number, phone=dossier.applicant_phone
            )


@dataclass(frozen=True)
class ActionSpec:
    slug: str
    verb: str
    form: type
    # (actor, dossier, cleaned data, expected version) → the updated dossier.
    run: Callable
    button: str
    # Ends the dossier or cannot be undone: the page asks for confirmation first.
    confirm: str = ""
    # Which form field an action's refusal belongs to, by error code.
    error_fields: dict = field(default_factory=dict)
    multipart: bool = False

    @property
    def label(self) -> str:
        """The action's Vietnamese name (the lifecycle's verb), as the domain's messages use it."""
        return str(Verb(self.verb).label)

    @property
    def title(self) -> str:
        """The action's name on the page, in the active language."""
        return pgettext(ACTION, self.label)

    @property
    def button_text(self) -> str:
        return pgettext(ACTION, self.button)

    @property
    def confirm_text(self) -> str:
        return gettext(self.confirm) if self.confirm else ""


def _kw(version):
    return {"expected_version": version}


# Buttons and confirmations are Vietnamese here; the page shows them through
# pgettext(ACTION, button) and gettext(confirm) (English in locale/en/LC_MESSAGES/desk.po).
ACTIONS: dict[str, ActionSpec] = {
    spec.slug: spec
    for spec in [
        ActionSpec(
            "assign",
            Verb.ASSIGN,
            AssignForm,
            lambda u, d, c, v: a.do_assign_dossier(u, d, c["assignee"], note=c["note"], **_kw(v)),
            "Phân công",
            error_fields={E.INVALID_ASSIGNEE: "assignee"},
        ),
        ActionSpec("start", Verb.START_PROCESSING, EmptyForm, lambda u, d, c, v: a.do_start_processing(u, d, **_kw(v)), "Bắt đầu xử lý"),
        ActionSpec(
            "hand-over",
            Verb.HAND_OVER,
            HandOverForm,
            lambda u, d, c, v: a.do_hand_over_dossier(u, d, c["to_user"], c["result"], **_kw(v)),
            "Chuyển bước",
            error_fields={E.INVALID_ASSIGNEE: "to_user"},
        ),
        ActionSpec(
            "request-supplement",
            Verb.REQUEST_SUPPLEMENT,
            SupplementRequestForm,
            lambda u, d, c, v: a.do_request_supplement(u, d, c["reason"], **_kw(v)),
            "Yêu cầu bổ sung",
            error_fields={E.REASON_REQUIRED: "reason"},
        ),
        ActionSpec(
            "receive-supplement",
            Verb.RECEIVE_SUPPLEMENT,
            SupplementArrivalForm,
            lambda u, d, c, v: a.do_receive_supplement(u, d, note=c["note"], restart=c["restart"], **_kw(v)),
            "Đã nhận bổ sung",
        ),
        ActionSpec(
            "submit-for-decision",
            Verb.SUBMIT_FOR_DECISION,
            SubmitForm,
            lambda u, d, c, v: a.do_submit_for_decision(u, d, c["note"], **_kw(v)),
            "Trình lãnh đạo",
        ),
        ActionSpec(
            "send-back",
            Verb.SEND_BACK,
            SendBackForm,
            lambda u, d, c, v: a.do_send_back_dossier(u, d, c["reason"], **_kw(v)),
            "Trả lại",
            error_fields={E.REASON_REQUIRED: "reason"},
        ),
        ActionSpec(
            "approve",
            Verb.APPROVE,
            ApproveForm,
            # With a draft result, approving signs it (motcua.dossiers.results).
            lambda u, d, c, v: results.do_approve_and_sign_result(u, d, c["note"], **_kw(v)),
            "Phê duyệt",
        ),
        ActionSpec(
            "refuse",
            Verb.REFUSE,
            RefuseForm,
            lambda u, d, c, v: results.do_refuse_and_sign_letter(u, d, c["reasons"], refusal_letter, **_kw(v)),
            "Từ chối giải quyết",
            confirm="Từ chối giải quyết hồ sơ này? Thao tác không hoàn tác được.",
            error_fields={E.REASON_REQUIRED: "reasons"},
        ),
        ActionSpec(
            "apologise",
            Verb.ISSUE_APOLOGY,
            ApologyForm,
            lambda u, d, c, v: a.do_issue_apology(u, d, c["new_due_at"], c["reason"], **_kw(v)),
            "Xin lỗi và hẹn lại",
            error_fields={E.INVALID_NEW_DUE: "new_due_at", E.REASON_REQUIRED: "reason"},
        ),
        ActionSpec(
            "withdraw",
            Verb.WITHDRAW,
            WithdrawForm,
            lambda u, d, c, v: a.do_withdraw_dossier(u, d, c["reason"], **_kw(v)),
            "Rút hồ sơ",
            confirm="Ghi nhận người nộp rút hồ sơ? Hồ sơ sẽ kết thúc và không hoàn tác được.",
        ),
        ActionSpec(
            "stop",
            Verb.STOP,
            StopForm,
            lambda u, d, c, v: do_stop_dossier(u, d, c["reason"], **_kw(v)),
            "Dừng xử lý",
            confirm="Ghi nhận người nộp đề nghị dừng xử lý hồ sơ? Hồ sơ sẽ kết thúc và không hoàn tác được.",
        ),
        ActionSpec(
            "transfer",
            Verb.TRANSFER,
            TransferForm,
            lambda u, d, c, v: a.do_transfer_dossier(u, d, c["to_agency"], c["note"], **_kw(v)),
            "Chuyển liên thông",
            error_fields={E.AGENCY_REQUIRED: "to_agency"},
        ),
        ActionSpec(
            "receive-back",
            Verb.RECEIVE_BACK,
            ReceiveBackForm,
            lambda u, d, c, v: a.do_receive_back_dossier(u, d, c["result"], c["from_agency"] or None, **_kw(v)),
            "Nhận lại hồ sơ",
        ),
        ActionSpec(
            "return-result",
            Verb.RETURN_RESULT,
            ReturnResultForm,
            lambda u, d, c, v: a.do_return_result(u, d, c["channel"], **_kw(v)),
            "Trả kết quả",
            error_fields={E.INVALID_RETURN_CHANNEL: "channel"},
        ),
        ActionSpec(
            "publish",
            Verb.PUBLISH_RESULT,
            PublishForm,
            lambda u, d, c, v: a.do_publish_result(u, d, c["portal"], c["website"], **_kw(v)),
            "Cập nhật công khai",
        ),
        ActionSpec(
            "rate",
            Verb.RECORD_RATING,
            RateForm,
            lambda u, d, c, v: a.do_record_rating(u, d, c["value"], c["channel"], **_kw(v)),
            "Ghi nhận đánh giá",
            error_fields={E.INVALID_RATING: "value"},
        ),
        ActionSpec(
            "attach",
            Verb.ATTACH_FILE,
            AttachForm,
            lambda u, d, c, v: a.do_attach_file(u, d, c["file"], c["kind"], paper=c["paper"], **_kw(v)),
            "Tải lên",
            error_fields={
                E.INVALID_FILE: "file", E.FILE_TOO_LARGE: "file", E.INVALID_KIND: "kind", E.RESULT_NOT_READY: "kind",
                E.INVALID_COMPONENTS: "paper",
            },
            multipart=True,
        ),
        ActionSpec(
            "exempt-paper",
            Verb.EXEMPT_PAPER,
            ExemptPaperForm,
            lambda u, d, c, v: do_exempt_paper(u, d, c["paper"], c["exemption"], **_kw(v)),
            "Ghi nhận",
            error_fields={E.INVALID_COMPONENTS: "paper", E.INVALID_KIND: "exemption"},
        ),
        ActionSpec(
            "correct-applicant",
            Verb.CORRECT_APPLICANT,
            CorrectApplicantForm,
            lambda u, d, c, v: a.do_correct_applicant(
                u, d, {"name": c["name"], "id_number": c["id_number"], "phone": c["phone"]}, c["reason"], **_kw(v)
            ),
            "Lưu thông tin đã sửa",
            error_fields={E.NOTHING_TO_CORRECT: "name", E.INVALID_ID_NUMBER: "id_number", E.REASON_REQUIRED: "reason"},
        ),
    ]
}

SLUG_BY_VERB = {spec.verb: spec.slug for spec in ACTIONS.values()}
