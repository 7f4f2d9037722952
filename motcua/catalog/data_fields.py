"""A procedure's own data fields (thông tin riêng của thủ tục) and the values a dossier keeps for them.

A procedure may define the facts its dossiers carry besides the applicant and
the papers: for khai sinh the child's name, date and place of birth, sex and
parents; for chứng thực bản sao the number of pages and of copies. Its
`data_fields` is a list, in the order the forms show them, of

    {"key": "child_name", "label": "Họ, chữ đệm và tên người được khai sinh",
     "type": "text" | "date" | "integer" | "choice" | "boolean",
     "required": true, "choices": [{"value": "nam", "label": "Nam"}, …],
     "min": …, "max": …, "help": "…"}

`choices` only (and always) for "choice"; `min`/`max` for "integer" (the
value's bounds), "date" (ISO days, or "today") and "text" (its length); `help`
optional. A dossier keeps its values as `{key: value}` with JSON values: text,
"YYYY-MM-DD", integer, the choice's value, true/false.

Pure code (no Django): the exchange loader checks files with it before the
models are read, the procedures editor checks its form with it, and the
dossier actions check what intake received (motcua.dossiers.data).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

TYPES = ("text", "date", "integer", "choice", "boolean")
TYPE_LABELS = {"text": "chữ", "date": "ngày", "integer": "số nguyên", "choice": "lựa chọn", "boolean": "có/không"}
KEYS = ("key", "label", "type", "required", "choices", "min", "max", "help")
_KEYSET = frozenset(KEYS)
_CHOICE_KEYSET = frozenset(("value", "label"))
KEY_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
LABEL_MAX = 200
HELP_MAX = 500
COUNT_MAX = 30
CHOICES_MAX = 50
# A text value's length when the definition gives no "max", and the most it may give.
TEXT_MAX = 300
TEXT_LIMIT = 2000
INTEGER_LIMIT = 2_147_483_647
TODAY = "today"
_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Problem:
    """One fault of a definition list: the item (0-based), its attribute, the Vietnamese reason, the item's key."""

    index: int | None
    attribute: str | None
    message: str
    key: str = ""

    def path(self, prefix: str = "data_fields") -> str:
        if self.index is None:
            return prefix
        return f"{prefix}[{self.index}]" + (f".{self.attribute}" if self.attribute else "")

    def text(self, prefix: str = "data_fields") -> str:
        """The problem as the exchange reports it: 'trường "data_fields[1].type" (mục «sex») có kiểu …'."""
        of = f" (mục «{self.key}»)" if self.key else ""
        return f'trường "{self.path(prefix)}"{of} {self.message}'


def _show(value) -> str:
    import json

    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "…"


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _day(value) -> dt.date | None:
    if isinstance(value, str) and _DAY_RE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _clean_label(value, limit: int) -> str | None:
    if not isinstance(value, str) or not value.strip() or len(value.strip()) > limit:
        return None
    text = " ".join(value.split())
    return text if text.isprintable() else None


# ---------------------------------------------------------------- definitions


def check_definitions(items) -> tuple[list[dict], list[Problem]]:
    """Check a procedure's `data_fields`; return (the canonical list, the problems found).

    The canonical list is what is stored and exported: KEYS order, choices as
    {"value", "label"} objects, "required" always written, absent bounds and help left out.
    """
    if not isinstance(items, list):
        return [], [Problem(None, None, f"phải là danh sách các mục dữ liệu, nhận được {_show(items)}")]
    if len(items) > COUNT_MAX:
        return [], [Problem(None, None, f"có {len(items)} mục dữ liệu, tối đa {COUNT_MAX}")]
    out: list[dict] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        definition, found = _check_one(i, item, seen)
        problems += found
        if definition is not None and not found:
            out.append(definition)
    return out, problems


def _check_one(i: int, item, seen: dict[str, int]) -> tuple[dict | None, list[Problem]]:
    if not isinstance(item, dict):
        return None, [Problem(i, None, f"phải là một đối tượng (key, label, type …), nhận được {_show(item)}")]
    key = item.get("key")
    shown = key if isinstance(key, str) else ""
    problems: list[Problem] = []

    def bad(attribute, message):
        problems.append(Problem(i, attribute, message, key=shown))

    for name in item:
        if name not in _KEYSET:
            bad(name, f"không phải thuộc tính của mục dữ liệu (cho phép: {', '.join(KEYS)})")
    if not isinstance(key, str) or not KEY_RE.match(key):
        bad("key", f"phải là mã gồm chữ thường không dấu, chữ số và «_», bắt đầu bằng chữ, tối đa 40 ký tự; nhận được {_show(key)}")
    elif key in seen:
        bad("key", f"lặp lại mã {_show(key)} của mục data_fields[{seen[key]}]")
    else:
        seen[key] = i
    label = _clean_label(item.get("label"), LABEL_MAX)
    if label is None:
        bad("label", f"cần ghi nhãn tiếng Việt (tối đa {LABEL_MAX} ký tự, một dòng); nhận được {_show(item.get('label'))}")
    kind = item.get("type")
    if kind not in TYPES:
        bad("type", f"có kiểu không hợp lệ {_show(kind)} (cho phép: {', '.join(TYPES)})")
    required = item.get("required", False)
    if required is None:
        required = False
    if not isinstance(required, bool):
        bad("required", f"phải là true hoặc false, nhận được {_show(required)}")
    help_text = item.get("help")
    if help_text is not None:
        help_text = _clean_label(help_text, HELP_MAX)
        if help_text is None:
            bad("help", f"phải là lời dẫn một dòng, tối đa {HELP_MAX} ký tự; nhận được {_show(item.get('help'))}")
    choices = _check_choices(item, kind, bad)
    low, high = _check_bounds(item, kind, bad)
    if problems:
        return None, problems
    definition = {"key": key, "label": label, "type": kind, "required": required}
    if kind == "choice":
        definition["choices"] = choices
    if low is not None:
        definition["min"] = low
    if high is not None:
        definition["max"] = high
    if help_text:
        definition["help"] = help_text
    return definition, []


def _check_choices(item: dict, kind, bad) -> list[dict]:
    raw = item.get("choices")
    if kind != "choice":
        if raw is not None:
            bad("choices", "chỉ dùng cho mục kiểu «choice»")
        return []
    if not isinstance(raw, list) or not raw:
        bad("choices", f"mục kiểu «choice» cần danh sách lựa chọn (tối đa {CHOICES_MAX}); nhận được {_show(raw)}")
        return []
    if len(raw) > CHOICES_MAX:
        bad("choices", f"có {len(raw)} lựa chọn, tối đa {CHOICES_MAX}")
        return []
    out, values = [], set()
    for j, choice in enumerate(raw):
        if isinstance(choice, str):
            choice = {"value": choice, "label": choice}
        if not isinstance(choice, dict) or not choice.keys() <= _CHOICE_KEYSET:
            bad(f"choices[{j}]", f"phải là chuỗi hoặc đối tượng {{\"value\", \"label\"}}, nhận được {_show(choice)}")
            continue
        value = _clean_label(choice.get("value"), 100)
        label = _clean_label(choice.get("label", choice.get("value")), LABEL_MAX)
        if value is None or value != choice.get("value"):
            bad(f"choices[{j}].value", f"phải là chuỗi một dòng không có khoảng trắng thừa, tối đa 100 ký tự; nhận được {_show(choice.get('value'))}")
        elif label is None:
            bad(f"choices[{j}].label", f"cần ghi nhãn của lựa chọn; nhận được {_show(choice.get('label'))}")
        elif value in values:
            bad(f"choices[{j}].value", f"lặp lại lựa chọn {_show(value)}")
        else:
            values.add(value)
            out.append({"value": value, "label": label})
    return out


def _check_bounds(item: dict, kind, bad) -> tuple:
    low, high = item.get("min"), item.get("max")
    if low is None and high is None:
        return None, None
    if kind in ("choice", "boolean"):
        bad("min" if low is not None else "max", f"mục kiểu «{kind}» không có giới hạn min/max")
        return None, None
    if kind == "integer":
        for name, value in (("min", low), ("max", high)):
            if value is not None and (not _is_int(value) or abs(value) > INTEGER_LIMIT):
                bad(name, f"phải là số nguyên, nhận được {_show(value)}")
                return None, None
        order = (low, high)
    elif kind == "text":
        for name, value in (("min", low), ("max", high)):
            if value is not None and (not _is_int(value) or not 0 <= value <= TEXT_LIMIT):
                bad(name, f"là độ dài chữ, phải là số nguyên từ 0 đến {TEXT_LIMIT}; nhận được {_show(value)}")
                return None, None
        order = (low, high)
    elif kind == "date":
        days = []
        for name, value in (("min", low), ("max", high)):
            if value is None or value == TODAY:
                days.append(None)
            elif _day(value) is None:
                bad(name, f"phải là ngày dạng YYYY-MM-DD hoặc \"today\" (hôm nay); nhận được {_show(value)}")
                return None, None
            else:
                days.append(_day(value))
        order = tuple(days)
    else:
        return None, None
    if order[0] is not None and order[1] is not None and order[0] > order[1]:
        bad("max", f"({_show(high)}) nhỏ hơn min ({_show(low)})")
        return None, None
    return low, high


# ---------------------------------------------------------------- values


def _bound_day(value, today: dt.date) -> dt.date | None:
    if value is None:
        return None
    return today if value == TODAY else _day(value)


def _day_text(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def check_value(definition: dict, value, today: dt.date | None = None) -> tuple[object, str | None]:
    """Check one present value against its definition; return (the JSON value, None) or (None, the reason)."""
    label, kind = definition["label"], definition["type"]
    low, high = definition.get("min"), definition.get("max")
    if kind == "text":
        if not isinstance(value, str):
            return None, f"«{label}» phải là chữ, nhận được {_show(value)}"
        value = value.strip()
        limit = high if high is not None else TEXT_MAX
        if len(value) > limit:
            return None, f"«{label}» dài quá {limit} ký tự"
        if low is not None and len(value) < low:
            return None, f"«{label}» phải có ít nhất {low} ký tự"
        if not value.isprintable():
            return None, f"«{label}» chỉ được viết trên một dòng, không có ký tự điều khiển"
        return value, None
    if kind == "date":
        # A form gives a date, a JSON line or the API its ISO text.
        day = value if isinstance(value, dt.date) and not isinstance(value, dt.datetime) else _day(value)
        if day is None:
            shown = _show(value) if isinstance(value, (str, int, float, bool)) else _show(str(value))
            return None, f"«{label}» phải là ngày có thật dạng YYYY-MM-DD, nhận được {shown}"
        today = today or dt.date.today()
        first, last = _bound_day(low, today), _bound_day(high, today)
        if first is not None and day < first:
            return None, f"«{label}» không được trước ngày {_day_text(first)}, nhận được {_day_text(day)}"
        if last is not None and day > last:
            after = "hôm nay" if high == TODAY else f"ngày {_day_text(last)}"
            return None, f"«{label}» không được sau {after}, nhận được {_day_text(day)}"
        return day.isoformat(), None
    if kind == "integer":
        if not _is_int(value):
            return None, f"«{label}» phải là số nguyên, nhận được {_show(value)}"
        if (low is not None and value < low) or (high is not None and value > high):
            if low is not None and high is not None:
                return None, f"«{label}» phải từ {low} đến {high}, nhận được {value}"
            if low is not None:
                return None, f"«{label}» không được nhỏ hơn {low}, nhận được {value}"
            return None, f"«{label}» không được lớn hơn {high}, nhận được {value}"
        if abs(value) > INTEGER_LIMIT:
            return None, f"«{label}» quá lớn"
        return value, None
    if kind == "choice":
        values = [c["value"] for c in definition["choices"]]
        if value not in values:
            shown = ", ".join(c["label"] for c in definition["choices"])
            return None, f"«{label}» không có lựa chọn {_show(value)} (chọn một trong: {shown})"
        return value, None
    if kind == "boolean":
        if not isinstance(value, bool):
            return None, f"«{label}» phải là có hoặc không (true/false), nhận được {_show(value)}"
        return value, None
    return None, f"«{label}» có kiểu không hợp lệ {_show(kind)}"  # pragma: no cover - definitions are checked


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def check_values(
    definitions: list[dict], values, *, today: dt.date | None = None, require: bool = True
) -> tuple[dict, dict[str, str]]:
    """Check a dossier's values against its procedure's definitions.

    Return (the values to keep, in the definitions' order, blanks left out;
    {key: Vietnamese reason} of every fault). A key the procedure does not
    define is a fault under its own key; `require=False` (a loaded record)
    does not ask for the required ones.
    """
    if values is None:
        values = {}
    if not isinstance(values, dict):
        return {}, {"": f"dữ liệu của thủ tục phải là đối tượng {{mã mục: giá trị}}, nhận được {_show(values)}"}
    errors: dict[str, str] = {}
    known = {d["key"]: d for d in definitions}
    for key in values:
        if key not in known:
            errors[str(key)] = f"thủ tục không có mục dữ liệu {_show(key)}" + (
                f" (có: {', '.join(known)})" if known else " (thủ tục không khai báo mục dữ liệu nào)"
            )
    clean: dict = {}
    for definition in definitions:
        key = definition["key"]
        value = values.get(key)
        if is_blank(value):
            if require and definition.get("required"):
                errors[key] = f"cần ghi «{definition['label']}»"
            continue
        checked, reason = check_value(definition, value, today)
        if reason:
            errors[key] = reason
        else:
            clean[key] = checked
    return clean, errors


def display_value(definition: dict | None, value) -> str:
    """Write a kept value as people read it: 05/03/2024, "Nữ", "Có"."""
    kind = definition["type"] if definition else None
    if kind == "date" or (kind is None and _day(value)):
        day = _day(value)
        return _day_text(day) if day else str(value)
    if kind == "choice":
        return next((c["label"] for c in definition["choices"] if c["value"] == value), str(value))
    if isinstance(value, bool):
        return "Có" if value else "Không"
    return str(value)


def labelled(definitions: list[dict], values: dict | None) -> list[dict]:
    """Return [{"key", "label", "value" (as read)}] of the kept values: defined ones in order, then any others."""
    values = values or {}
    rows = []
    for definition in definitions or []:
        if definition["key"] in values:
            rows.append({"key": definition["key"], "label": definition["label"], "value": display_value(definition, values[definition["key"]])})
    known = {d["key"] for d in definitions or []}
    for key in sorted(k for k in values if k not in known):
        # A field the catalog no longer defines: its value is still the dossier's.
        rows.append({"key": key, "label": key, "value": display_value(None, values[key])})
    return rows
