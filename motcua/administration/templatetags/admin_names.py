"""Template filters of the administration pages."""

import re
from decimal import Decimal, InvalidOperation

from django import template
from django.utils.translation import get_language, gettext, gettext_noop as N_, pgettext

from motcua.accounts.models import Role
from motcua.catalog.models import DurationUnit, FieldKind, Mechanism, OnlineLevel
from motcua.workdays.models import DayKind

register = template.Library()


# The keys the do_* functions write into ChangeRecord.details, as people read them.
_DETAIL_LABELS = {
    "legal_duration_value": N_("thời hạn theo quy định"),
    "legal_duration_unit": N_("đơn vị thời hạn"),
    "reduced_duration_value": N_("thời hạn cắt giảm"),
    "reduced_duration_unit": N_("đơn vị thời hạn cắt giảm"),
    "online": N_("trực tuyến"),
    "fee": N_("phí, lệ phí"),
    "units": N_("đơn vị áp dụng"),
    "steps": N_("các bước"),
    "components": N_("thành phần hồ sơ"),
    "name": N_("tên"),
    "kind": N_("loại"),
    "code": N_("mã"),
    "field": N_("lĩnh vực"),
    "level": N_("cấp thực hiện"),
    "mechanism": N_("cơ chế"),
    "online_payment": N_("thanh toán trực tuyến"),
    "boundary_free": N_("không phụ thuộc địa giới hành chính"),
    "process_approved": N_("quy trình nội bộ đã phê duyệt"),
    "process_electronic": N_("quy trình nội bộ điện tử hóa"),
    "paper_result": N_("kết quả là giấy tờ"),
    "data_fields": N_("thông tin riêng của thủ tục"),
    "fees": N_("phí, lệ phí"),
    "announced_on": N_("ngày công bố"),
    "abolished_on": N_("ngày bãi bỏ"),
    "copied_from": N_("sao chép từ thủ tục"),
    "date": N_("ngày"),
    "note": N_("lý do"),
    "province": N_("tỉnh"),
    "username": N_("tên đăng nhập"),
    "unit": N_("đơn vị"),
    "role": N_("vai trò"),
    "before": N_("trước"),
    "after": N_("sau"),
    "file": N_("tệp"),
    "created": N_("thêm mới"),
    "updated": N_("cập nhật"),
    "unchanged": N_("không đổi"),
}


def _hours(value) -> str:
    """Return a number of hours as the page's language writes it: "1.50" → "1,5" (Vietnamese), "1.5" (English)."""
    try:
        text = f"{Decimal(str(value)).normalize():f}"
    except InvalidOperation:
        return str(value)
    return text if (get_language() or "").startswith("en") else text.replace(".", ",")


# The labels are short words ("ngày", "mã"…) other pages translate otherwise: they have their own context.
HISTORY_CONTEXT = "lịch sử thay đổi"


def _label(key: str) -> str:
    return pgettext(HISTORY_CONTEXT, _DETAIL_LABELS[key]) if key in _DETAIL_LABELS else key


# Stored choice values shown by their labels.
_CHOICES = {
    key: dict(choices)
    for key, choices in [
        ("role", Role.choices),
        ("online", OnlineLevel.choices),
        ("mechanism", Mechanism.choices),
        ("legal_duration_unit", DurationUnit.choices),
        ("reduced_duration_unit", DurationUnit.choices),
        ("kind", DayKind.choices + FieldKind.choices),
    ]
}


def _text(value, key: str = "") -> str:
    if value is None or value == "":
        return "—"
    if value is True or value is False:
        return gettext("có") if value else gettext("không")
    if isinstance(value, str) and value in _CHOICES.get(key, {}):
        return gettext(str(_CHOICES[key][value]))
    if isinstance(value, list):
        return "; ".join(_text(v, key) for v in value) or "—"
    if isinstance(value, dict):
        return ", ".join(f"{_label(k)} {_text(v)}" for k, v in value.items())
    return str(value)


@register.filter
def details_lines(details) -> list[tuple[str, str]]:
    """Return a history row's details as (label, text) pairs; a [before, after] pair reads "before → after"."""
    lines = []
    for key, value in (details or {}).items():
        label = _label(key)
        if key == "steps" and isinstance(value, list) and len(value) == 2:
            before, after = value[0] or [], value[1] or []  # a creation is a change from nothing
            counts = gettext("%(before)s bước → %(after)s bước") % {"before": len(before), "after": len(after)}
            hours = gettext("%(name)s (%(hours)s giờ)")
            text = f"{counts}: " + " / ".join(hours % {"name": n, "hours": _hours(h)} for n, _, h in after)
        elif isinstance(value, list) and len(value) == 2:
            text = f"{_text(value[0], key)} → {_text(value[1], key)}"
        else:
            text = _text(value, key)
        lines.append((label, text))
    return lines


_ERROR_LINE = re.compile(r"^dòng (?P<n>\d+): (?P<reason>.*)$", re.S)


@register.filter
def load_error(text) -> str:
    """Return one bad line of a load ("dòng 3: …", stored in Vietnamese) with its line number in the page's language.

    The reason itself comes from the file checks (motcua.exchange) and stays as written.
    """
    match = _ERROR_LINE.match(str(text or ""))
    return gettext("dòng %(n)s: %(reason)s") % match.groupdict() if match else text


_JOB_REPR = re.compile(r"^(?P<label>.*) #(?P<pk>\d+) \((?P<status>[^)]*)\)$", re.S)


@register.filter
def history_object(row) -> str:
    """Return what a history row changed, as stored (in Vietnamese), with its fixed words in the page's language."""
    text = row.object_repr
    if row.object_kind == "declaredday" and " — " in text:
        # "08/06/2026 — Ngày nghỉ (nghỉ bù, nghỉ thêm)"
        day, kind = text.split(" — ", 1)
        return f"{day} — {gettext(kind)}"
    if row.object_kind == "load":
        # "Nạp hồ sơ từ tệp a.jsonl #12 (Đang chạy)": the job as it was when the load finished.
        match = _JOB_REPR.match(text)
        if match:
            from motcua.jobs.display import job_text

            return f"{job_text(match['label'])} #{match['pk']} ({gettext(match['status'])})"
    return text
