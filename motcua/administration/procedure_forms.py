"""The procedure page's forms: the procedure's own fields and its list sections (papers, steps), as an exchange line.

The fields take text as typed: the checks and their messages are the
procedures.jsonl loader's (motcua.exchange.procedure_checks), run by
`do_save_procedure` on the line `ProcedureForm.line` builds. A number typed
"3" goes into the line as 3, "1,5" as 1.5, "ba" as the text "ba" (which the
check then refuses as the loader refuses it in a file).

A list section (`RowSection`) is one formset of rows edited the same way:
numbered, removable, blank rows to add. A further list of the procedure (fee
lines, data fields) is one more `SectionSpec` in `SECTIONS` with its row form.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext, gettext_lazy as _

from motcua.accounts.models import Role
from motcua.administration.forms import UnitsChoiceField, translated_choices
from motcua.administration.procedures import StepRow
from motcua.catalog import components as papers
from motcua.catalog.models import DurationUnit, Field, Mechanism, OnlineLevel
from motcua.core.forms import CleanTextMixin
from motcua.units.models import Unit, UnitLevel

_INTEGER = re.compile(r"[-+]?\d+")
_DECIMAL = re.compile(r"[-+]?\d*\.\d+")


def json_number(text: str):
    """Return typed text as the number a JSON line would hold ("3" → 3, "1,5" → 1.5); other text as it is; "" → None."""
    text = (text or "").strip()
    if not text:
        return None
    number = text.replace(",", ".") if text.count(",") == 1 and "." not in text else text
    if _INTEGER.fullmatch(number):
        return int(number)
    if _DECIMAL.fullmatch(number):
        return float(number)
    return text


def _select(choices, **attrs):
    """A text field shown as a list: the loader's check, not the form, refuses a value outside it."""
    return forms.CharField(required=False, widget=forms.Select(choices=choices, attrs=attrs))


def _number_input():
    return forms.CharField(required=False, widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 6}))


def _date_input():
    return forms.CharField(required=False, widget=forms.DateInput(attrs={"type": "date"}))


PAPER_RESULT_CHOICES = [("", _("Chưa xác định")), ("true", _("Có")), ("false", _("Không"))]


class ProcedureForm(CleanTextMixin, forms.Form):
    code = forms.CharField(label=_("Mã thủ tục"), required=False)
    name = forms.CharField(label=_("Tên thủ tục"), required=False, widget=forms.TextInput(attrs={"size": 60}))
    field = _select([])
    level = _select([])
    legal_duration_value = _number_input()
    legal_duration_unit = _select([("", _("Chọn đơn vị"))] + translated_choices(DurationUnit.choices))
    reduced_duration_value = _number_input()
    reduced_duration_unit = _select([("", _("Không cắt giảm"))] + translated_choices(DurationUnit.choices))
    mechanism = _select(translated_choices(Mechanism.choices))
    online = _select(translated_choices(OnlineLevel.choices))
    online_payment = forms.BooleanField(label=_("Thanh toán trực tuyến"), required=False)
    boundary_free = forms.BooleanField(label=_("Không phụ thuộc địa giới hành chính"), required=False)
    process_approved = forms.BooleanField(label=_("Quy trình nội bộ đã được phê duyệt"), required=False)
    process_electronic = forms.BooleanField(label=_("Quy trình nội bộ đã được điện tử hóa"), required=False)
    paper_result = _select(PAPER_RESULT_CHOICES)
    announced_on = _date_input()
    abolished_on = _date_input()
    fee = forms.CharField(label=_("Phí, lệ phí"), max_length=500, required=False)
    units = UnitsChoiceField(Unit.objects.none(), label=_("Đơn vị áp dụng"), required=False, widget=forms.CheckboxSelectMultiple)
    # The procedure as the page showed it: a save over someone else's newer change is refused.
    state = forms.CharField(widget=forms.HiddenInput, required=False)

    LABELS = {
        "field": _("Lĩnh vực"),
        "level": _("Cấp thực hiện"),
        "legal_duration_value": _("Thời hạn theo quy định"),
        "legal_duration_unit": _("Đơn vị"),
        "reduced_duration_value": _("Thời hạn cắt giảm (cam kết)"),
        "reduced_duration_unit": _("Đơn vị"),
        "mechanism": _("Cơ chế giải quyết"),
        "online": _("Dịch vụ công trực tuyến"),
        "paper_result": _("Kết quả là giấy tờ"),
        "announced_on": _("Ngày công bố"),
        "abolished_on": _("Ngày bãi bỏ"),
    }

    def __init__(self, *args, unit_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in self.LABELS.items():
            self.fields[name].label = label
        self.fields["units"].queryset = unit_choices if unit_choices is not None else Unit.objects.none()
        self.fields["field"].widget.choices = [("", gettext("Chọn lĩnh vực"))] + list(Field.objects.values_list("code", "name"))
        self.fields["level"].widget.choices = [("", gettext("Chọn cấp"))] + [
            (level.code, gettext(level.name)) for level in UnitLevel.objects.all()
        ]

    def line(self) -> dict:
        """Return the procedure's exchange line (docs/exchange.md) as typed: what the loader would read."""
        data = self.cleaned_data
        obj = {key: data[key] for key in ("code", "name", "level")}
        if data["field"]:
            obj["field"] = {"code": data["field"]}
        for key in ("legal_duration", "reduced_duration"):
            duration = {"value": json_number(data[f"{key}_value"]), "unit": data[f"{key}_unit"] or None}
            duration = {k: v for k, v in duration.items() if v is not None}
            if duration:
                obj[key] = duration
        for key in ("mechanism", "online", "announced_on", "abolished_on"):
            if data[key]:
                obj[key] = data[key]
        obj["online_payment"], obj["boundary_free"] = data["online_payment"], data["boundary_free"]
        obj["internal_process"] = {"approved": data["process_approved"], "electronic": data["process_electronic"]}
        if data["paper_result"]:
            obj["paper_result"] = {"true": True, "false": False}.get(data["paper_result"], data["paper_result"])
        return obj

    @classmethod
    def initial_from(cls, line: dict) -> dict:
        """Return the form's initial values from a procedure's exchange line."""
        initial = {key: line.get(key, "") for key in ("code", "name", "level", "mechanism", "online", "announced_on", "abolished_on")}
        initial["field"] = line["field"]["code"]
        for key in ("legal_duration", "reduced_duration"):
            duration = line.get(key) or {}
            initial[f"{key}_value"] = "" if duration.get("value") is None else duration["value"]
            initial[f"{key}_unit"] = duration.get("unit", "")
        for key in ("online_payment", "boundary_free"):
            initial[key] = line[key]
        initial["process_approved"] = line["internal_process"]["approved"]
        initial["process_electronic"] = line["internal_process"]["electronic"]
        initial["paper_result"] = {True: "true", False: "false"}.get(line.get("paper_result"), "")
        return initial


# ------------------------------------------------------------------ list sections


class RowForm(CleanTextMixin, forms.Form):
    """One row of a list section: `position` orders the rows, DELETE removes a stored one, a blank row is ignored."""

    position = forms.IntegerField(label=_("Thứ tự"), min_value=1, max_value=99, required=False)
    DELETE = forms.BooleanField(label=_("Xóa"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].error_messages.update(
            invalid=gettext("Nhập một số nguyên."), min_value=_("Nhỏ nhất là %(limit_value)s."), max_value=_("Lớn nhất là %(limit_value)s.")
        )
        self.fields["position"].widget.attrs["size"] = 3

    @staticmethod
    def is_blank(data) -> bool:
        raise NotImplementedError

    @staticmethod
    def row(data):
        """Return the row as the section gives it to the save (a dict of the line, a StepRow …)."""
        raise NotImplementedError


STEP_ROLES = translated_choices([
    (Role.DESK_OFFICER, Role.DESK_OFFICER.label),
    (Role.SPECIALIST, Role.SPECIALIST.label),
    (Role.LEADER, Role.LEADER.label),
])


class StepForm(RowForm):
    step_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label=_("Bước"), required=False, widget=forms.TextInput(attrs={"size": 40}))
    role = forms.CharField(label=_("Vai trò"), required=False, widget=forms.Select(choices=STEP_ROLES))
    working_hours = forms.CharField(label=_("Giờ làm việc"), required=False, widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 6}))
    field_order = ["step_id", "position", "name", "role", "working_hours", "DELETE"]

    @staticmethod
    def is_blank(data) -> bool:
        """Tell whether a row was left empty (an unused extra row)."""
        return not data.get("step_id") and not (data.get("name") or "").strip() and not (data.get("working_hours") or "").strip()

    @staticmethod
    def row(data) -> StepRow:
        return StepRow(data["name"], data["role"], json_number(data["working_hours"]), data.get("step_id"))


class PaperForm(RowForm):
    """One paper of the procedure's list (thành phần hồ sơ): what intake pre-fills its checklist with."""

    name = forms.CharField(label=_("Tên giấy tờ"), required=False, widget=forms.TextInput(attrs={"size": 40}))
    form = forms.CharField(
        label=_("Loại bản"), required=False, widget=forms.Select(choices=translated_choices(papers.FORM_LABELS.items()))
    )
    quantity = forms.CharField(label=_("Số lượng"), required=False, initial=1, widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 3}))
    field_order = ["position", "name", "form", "quantity", "DELETE"]

    @staticmethod
    def is_blank(data) -> bool:
        """Tell whether a row was left without a name (an unused extra row)."""
        return not (data.get("name") or "").strip()

    @staticmethod
    def row(data) -> dict:
        paper = {"name": data["name"], "form": data["form"] or None, "quantity": json_number(data["quantity"])}
        return {k: v for k, v in paper.items() if v is not None}


FEE_PER_CHOICES = [("dossier", _("hồ sơ")), ("copy", _("bản")), ("page", _("trang"))]


class FeeLineForm(RowForm):
    """One fee line (phí, lệ phí): intake and the online form compute the amount due from these."""

    name = forms.CharField(label=_("Tên khoản phí, lệ phí"), required=False, widget=forms.TextInput(attrs={"size": 36}))
    amount = forms.CharField(
        label=_("Số tiền (đồng)"), required=False, widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 9})
    )
    per = forms.ChoiceField(label=_("Tính theo"), choices=FEE_PER_CHOICES, required=False)
    field_order = ["position", "name", "amount", "per", "DELETE"]

    @staticmethod
    def is_blank(data) -> bool:
        return not (data.get("name") or "").strip() and not (data.get("amount") or "").strip()

    @staticmethod
    def row(data) -> dict:
        """The line as procedures.jsonl writes it; the loader's check (motcua.payments.fees) names what is wrong."""
        text = (data.get("amount") or "").strip().replace(".", "").replace(",", "").replace(" ", "")
        return {"name": data["name"].strip(), "amount": int(text) if text.isdigit() else data.get("amount"), "per": data["per"] or "dossier"}


DATA_TYPE_CHOICES = [
    ("text", _("Chữ")), ("date", _("Ngày")), ("integer", _("Số nguyên")), ("choice", _("Lựa chọn")), ("boolean", _("Có/không")),
]


class DataFieldForm(RowForm):
    """One of the procedure's own data fields (thông tin riêng): what intake and the online form ask and keep."""

    key = forms.CharField(label=_("Mã mục"), required=False, widget=forms.TextInput(attrs={"size": 14}))
    label = forms.CharField(label=_("Tên mục"), required=False, widget=forms.TextInput(attrs={"size": 30}))
    type = forms.ChoiceField(label=_("Kiểu"), choices=DATA_TYPE_CHOICES, required=False)
    required = forms.BooleanField(label=_("Bắt buộc"), required=False)
    choices = forms.CharField(
        label=_("Lựa chọn (giá trị=nhãn; …)"), required=False, widget=forms.TextInput(attrs={"size": 24})
    )
    min = forms.CharField(label=_("Nhỏ nhất"), required=False, widget=forms.TextInput(attrs={"size": 8}))
    max = forms.CharField(label=_("Lớn nhất"), required=False, widget=forms.TextInput(attrs={"size": 8}))
    help = forms.CharField(label=_("Hướng dẫn"), required=False, widget=forms.TextInput(attrs={"size": 24}))
    field_order = ["position", "key", "label", "type", "required", "choices", "min", "max", "help", "DELETE"]

    @staticmethod
    def is_blank(data) -> bool:
        return not (data.get("key") or "").strip() and not (data.get("label") or "").strip()

    @staticmethod
    def row(data) -> dict:
        """The definition as procedures.jsonl writes it; motcua.catalog.data_fields checks it (and names the problems)."""
        row = {"key": data["key"].strip(), "label": data["label"].strip(), "type": data["type"] or "text"}
        if data.get("required"):
            row["required"] = True
        if (data.get("choices") or "").strip():
            pairs = [part.split("=", 1) for part in data["choices"].split(";") if part.strip()]
            row["choices"] = [{"value": p[0].strip(), "label": (p[1] if len(p) > 1 else p[0]).strip()} for p in pairs]
        for bound in ("min", "max"):
            text = (data.get(bound) or "").strip()
            if text:
                row[bound] = json_number(text) if text.lstrip("-").isdigit() else text
        if (data.get("help") or "").strip():
            row["help"] = data["help"].strip()
        return row


@dataclass
class SectionSpec:
    """A list section of the procedure page: its formset prefix, the path of its list in the exchange line, its rows' form.

    `initial(line, procedure)` gives the rows of a stored procedure; `put(rows, line, save)` hands the kept rows to the
    save: into the line (`line["components"] = rows`) or as an argument of `do_save_procedure` (`save["steps"] = rows`).
    """

    key: str
    path: str
    title: str
    help: str
    form: type[RowForm]
    initial: Callable
    put: Callable
    extra: int = 2
    max_num: int = 60


@dataclass
class RowSection:
    """A list section bound to a request: its formset, its messages, and which formset row each line row came from."""

    spec: SectionSpec
    formset: forms.BaseFormSet
    posted: bool
    errors: list[str] = field(default_factory=list)
    row_index: list[int] = field(default_factory=list)

    @classmethod
    def build(cls, spec: SectionSpec, data=None, initial=None) -> RowSection:
        formset_class = forms.formset_factory(spec.form, extra=spec.extra, max_num=spec.max_num, validate_max=True)
        # A post without the section's rows (an older page, a script) keeps what is stored.
        posted = data is not None and f"{spec.key}-TOTAL_FORMS" in data
        return cls(spec, formset_class(data if posted else None, prefix=spec.key, initial=initial), posted)

    def is_valid(self) -> bool:
        if not self.posted:
            return True
        valid = self.formset.is_valid()
        self.errors.extend(self.formset.non_form_errors())
        return valid

    def rows(self) -> list:
        """Return the kept rows in the order of their numbers (rows without a number go last, in page order)."""
        kept = []
        for index, form in enumerate(self.formset.forms):
            data = form.cleaned_data
            if not data or data.get("DELETE") or form.is_blank(data):
                continue
            kept.append((data.get("position") or 1000 + index, index, form.row(data)))
        kept.sort(key=lambda r: (r[0], r[1]))
        self.row_index = [index for _, index, _ in kept]
        return [row for _, _, row in kept]

    def put(self, line: dict, save: dict) -> None:
        if self.posted:
            self.spec.put(self.rows(), line, save)

    def add_error(self, index: int | None, name: str | None, message: str) -> None:
        """Put a message next to a row's field (index: the row in the line), else above the section."""
        if index is not None and index < len(self.row_index):
            form = self.formset.forms[self.row_index[index]]
            form.add_error(name if name in form.fields else None, message)
        else:
            self.errors.append(message)


def _paper_rows(line, procedure):
    return [{"position": n, **paper} for n, paper in enumerate(line.get("components") or [], 1)]


def _step_rows(line, procedure):
    if procedure is None:
        steps = line["internal_process"]["steps"]
        return [{"position": n, **step} for n, step in enumerate(steps, 1)]
    return [
        {"step_id": s.pk, "position": s.position, "name": s.name, "role": s.role, "working_hours": f"{s.working_hours.normalize():f}"}
        for s in procedure.steps.order_by("position")
    ]


def _data_field_rows(line, procedure):
    definitions = line.get("data_fields") or (procedure.data_fields if procedure is not None else []) or []
    rows = []
    for n, d in enumerate(definitions, 1):
        choices = "; ".join(f"{c['value']}={c['label']}" for c in d.get("choices") or [])
        rows.append({"position": n, **{k: v for k, v in d.items() if k != "choices"}, "choices": choices})
    return rows


def _fee_rows(line, procedure):
    lines = line.get("fees") if line.get("fees") is not None else (procedure.fees if procedure is not None else None) or []
    return [{"position": n, **fee} for n, fee in enumerate(lines, 1)]


def _put_fees(rows, line, save):
    line["fees"] = rows


def _put_data_fields(rows, line, save):
    line["data_fields"] = rows


def _put_papers(rows, line, save):
    line["components"] = rows


def _put_steps(rows, line, save):
    save["steps"] = rows


SECTIONS = [
    SectionSpec(
        "components",
        "components",
        _("Thành phần hồ sơ"),
        _("Giấy tờ người nộp mang đến, theo thứ tự công bố; khi tiếp nhận, danh mục này hiện sẵn để cán bộ đánh dấu. Sắp xếp bằng cột «Thứ tự»; đánh dấu «Xóa» để bỏ; điền các dòng trống để thêm."),
        PaperForm,
        _paper_rows,
        _put_papers,
        max_num=papers.COUNT_MAX,
    ),
    SectionSpec(
        "steps",
        "internal_process.steps",
        _("Quy trình nội bộ"),
        _("Sắp xếp bằng cột «Thứ tự»; đánh dấu «Xóa» để bỏ một bước; điền các dòng trống để thêm bước. Tổng thời gian các bước không được vượt thời hạn cam kết."),
        StepForm,
        _step_rows,
        _put_steps,
    ),
    SectionSpec(
        "fees",
        "fees",
        _("Phí, lệ phí"),
        _("Mỗi dòng một khoản, số tiền bằng đồng, tính theo hồ sơ, theo bản hoặc theo trang (mỗi trang của mỗi bản); khi tiếp nhận và trên trang nộp trực tuyến, số tiền được tính theo số bản, số trang người nộp yêu cầu. Để trống nếu thủ tục không thu phí."),
        FeeLineForm,
        _fee_rows,
        _put_fees,
        max_num=20,
    ),
    SectionSpec(
        "data_fields",
        "data_fields",
        _("Thông tin riêng của thủ tục"),
        _("Những thông tin hồ sơ của thủ tục phải ghi (ví dụ khai sinh: họ tên, ngày sinh của trẻ); quầy tiếp nhận và trang nộp trực tuyến hỏi theo đúng danh sách này. Mã mục: chữ thường không dấu, số, «_»; kiểu «Lựa chọn» cần các lựa chọn dạng «nam=Nam; nu=Nữ»."),
        DataFieldForm,
        _data_field_rows,
        _put_data_fields,
        max_num=30,
    ),
]
