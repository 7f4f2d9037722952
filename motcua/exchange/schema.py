"""Per-line validation of the exchange formats (docs/exchange.md).

Pure code: no database. Each `validate_*` function takes the decoded JSON
object of one line and returns `(record, reasons)`: `record` is the line
normalised to Python values (aware datetimes, dates, "" for absent text), and
`reasons` the list of problems found, in Vietnamese, each naming the field and
the bad value. Checks that need the database (known unit, procedure, level,
the dossier code's agency identifier) are done by `loading`, with the helpers
here for their messages.

The canonical form of a dossier line (`dossier_line`) is shared with the
export, so that a loaded line and an exported dossier hash alike.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from decimal import Decimal, InvalidOperation

from motcua.catalog import components as papers
from motcua.catalog import data_fields as own_data
from motcua.lib.cccd import validate_cccd
from motcua.lib.cleaning import problem as text_problem

# Local time of every People's Committee (Asia/Ho_Chi_Minh has been UTC+7 since 1975).
LOCAL_TZ = dt.timezone(dt.timedelta(hours=7))

CHANNELS = ("counter", "postal", "online_partial", "online_full")
OUTCOMES = ("approved", "refused", "withdrawn", "stopped")
RETURN_CHANNELS = ("counter", "postal", "online")
RATING_VALUES = ("very_satisfied", "satisfied", "unsatisfied")
RATING_CHANNELS = ("online", "paper", "kiosk")
APPLICANT_KINDS = ("citizen", "organisation")
DURATION_UNITS = ("working_hour", "working_day", "calendar_day", "same_day")
MECHANISMS = ("one_stop", "interlinked_same_level", "interlinked_across_levels")
ONLINE_LEVELS = ("none", "partial", "full")
FIELD_KINDS = ("land", "construction")

MAX_INT = 2_147_483_647

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# ISO 8601 extended format, "T" separator, seconds and fraction optional, offset mandatory.
_TIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?P<tz>Z|[+-]\d{2}:?\d{2})?$")


# ---------------------------------------------------------------- messages


class Reason(str):
    """One problem of a line, as text; it also knows the field it names (`path`) and says it without the name (`detail`).

    The loader reports the text ("trường \"name\" không được để trống"); a form
    that builds the same line (the catalog pages) puts `detail` next to the
    field `path` names, so both say the same thing in the same words.
    """

    path: str
    detail: str

    def __new__(cls, text: str, path: str = "", detail: str = ""):
        reason = super().__new__(cls, text)
        reason.path = path
        reason.detail = detail or text
        return reason


def at(path: str, detail: str) -> Reason:
    """Return the problem `detail` of the field `path`: 'trường "path" detail'."""
    return Reason(f'trường "{path}" {detail}', path, detail)


def show(value) -> str:
    """Render a bad value the way it appeared in the JSON line."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "…"


def _type_name(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "số"
    if isinstance(value, str):
        return "chuỗi"
    if isinstance(value, list):
        return "danh sách"
    if isinstance(value, dict):
        return "đối tượng"
    return type(value).__name__


def wrong_type(path: str, expected: str, value) -> Reason:
    return at(path, f"phải là {expected}, nhận được {_type_name(value)} {show(value)}")


def bad_choice(path: str, value, choices) -> Reason:
    return at(path, f'có giá trị không hợp lệ {show(value)} (cho phép: {", ".join(choices)})')


def missing(path: str) -> Reason:
    return Reason(f'thiếu trường bắt buộc "{path}"', path, "chưa có (trường bắt buộc)")


def absent(obj: dict, key: str, path: str) -> Reason:
    """Return the reason a required field is unusable: missing, or present as null."""
    return missing(path) if key not in obj else at(path, "không được để trống (null)")


def unknown_field(path: str) -> Reason:
    return Reason(f'trường không xác định "{path}"', path, "không có trong định dạng")


def iso(value: dt.datetime | str) -> str:
    """Render an aware datetime in local time: 2023-04-12T08:30:00+07:00 (microseconds only when non-zero).

    Text is taken as already rendered (the export renders while reading).
    """
    if value.__class__ is str:
        return value
    return value.astimezone(LOCAL_TZ).isoformat()


def local_date(value: dt.datetime) -> dt.date:
    return value.astimezone(LOCAL_TZ).date()


# ---------------------------------------------------------------- field readers
# Each reader appends its reasons to `errs` and returns the normalised value
# (None when absent, null or bad).


def _unknown(obj: dict, allowed: frozenset, prefix: str, errs: list) -> None:
    if obj.keys() <= allowed:
        return
    for key in obj:
        if key not in allowed:
            errs.append(unknown_field(prefix + key))


def read_str(obj: dict, key: str, path: str, errs: list, *, required=False, max_len=None, multiline=False) -> str:
    """A text field; absent or null is "" (an error when required).

    Control, bidi and zero-width characters are refused (motcua.lib.cleaning), tab
    and line breaks too unless `multiline`: a loaded line is kept as it is or refused.
    """
    value = obj.get(key)
    if value is None:
        if required:
            errs.append(absent(obj, key, path))
        return ""
    if not isinstance(value, str):
        errs.append(wrong_type(path, "chuỗi", value))
        return ""
    if required and not value.strip():
        errs.append(at(path, "không được để trống"))
        return ""
    if max_len is not None and len(value) > max_len:
        errs.append(at(path, f"dài quá {max_len} ký tự: {show(value)}"))
        return ""
    reason = text_problem(value, multiline, zero_width_ok=False)
    if reason:
        errs.append(at(path, f"{reason}: {show(value)}"))
        return ""
    return value


def read_choice(obj: dict, key: str, path: str, choices, errs: list, *, required=False) -> str:
    value = obj.get(key)
    if value is None:
        if required:
            errs.append(absent(obj, key, path))
        return ""
    if not isinstance(value, str) or value not in choices:
        errs.append(bad_choice(path, value, choices))
        return ""
    return value


def read_bool(obj: dict, key: str, path: str, errs: list):
    value = obj.get(key)
    if value is None or value is True or value is False:
        return value
    errs.append(wrong_type(path, "true/false", value))
    return None


def read_date(obj: dict, key: str, path: str, errs: list):
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        errs.append(wrong_type(path, "ngày dạng YYYY-MM-DD", value))
        return None
    if _DATE_RE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    errs.append(at(path, f"không phải ngày hợp lệ dạng YYYY-MM-DD: {show(value)}"))
    return None


def parse_time(value: str) -> tuple[dt.datetime | None, str | None]:
    """Parse an ISO 8601 time with offset; return (datetime, None) or (None, problem)."""
    m = _TIME_RE.match(value)
    if m:
        try:
            parsed = dt.datetime.fromisoformat(value.replace(",", ".") if "," in value else value)
        except ValueError:
            parsed = None
        if parsed is not None:
            if parsed.tzinfo is None:
                return None, "thiếu độ lệch múi giờ (cần dạng 2023-04-12T08:30:00+07:00)"
            return parsed, None
    return None, "không phải thời điểm ISO 8601 hợp lệ (cần dạng 2023-04-12T08:30:00+07:00)"


def read_time(obj: dict, key: str, path: str, errs: list, *, required=False):
    value = obj.get(key)
    if value is None:
        if required:
            errs.append(absent(obj, key, path))
        return None
    if not isinstance(value, str):
        errs.append(wrong_type(path, "thời điểm ISO 8601 (chuỗi)", value))
        return None
    parsed, problem = parse_time(value)
    if problem:
        errs.append(f'trường "{path}" {problem}: {show(value)}')
    return parsed


def read_list(obj: dict, key: str, path: str, errs: list) -> list:
    value = obj.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        errs.append(wrong_type(path, "danh sách", value))
        return []
    return value


def read_object(obj: dict, key: str, path: str, errs: list, *, required=False):
    value = obj.get(key)
    if value is None:
        if required:
            errs.append(absent(obj, key, path))
        return None
    if not isinstance(value, dict):
        errs.append(wrong_type(path, "đối tượng", value))
        return None
    return value


def not_before(later, later_path: str, earlier, earlier_path: str, errs: list) -> None:
    if later is not None and earlier is not None and later < earlier:
        errs.append(f'trường "{later_path}" ({iso(later)}) sớm hơn "{earlier_path}" ({iso(earlier)})')


# ---------------------------------------------------------------- units

UNIT_KEYS = ("code", "name", "level", "parent", "agency_id", "valid_from", "valid_to", "successors")
_UNIT_KEYSET = frozenset(UNIT_KEYS)


def validate_unit(obj: dict) -> tuple[dict, list[str]]:
    errs: list[str] = []
    _unknown(obj, _UNIT_KEYSET, "", errs)
    code = read_str(obj, "code", "code", errs, required=True, max_len=16)
    if code and "/" in code:
        errs.append(f'trường "code" không được chứa ký tự "/": {show(code)}')
        code = ""
    rec = {
        "code": code,
        "name": read_str(obj, "name", "name", errs, required=True, max_len=200),
        "level": read_str(obj, "level", "level", errs, required=True, max_len=32),
        "parent": read_str(obj, "parent", "parent", errs, max_len=16) or None,
        "agency_id": read_str(obj, "agency_id", "agency_id", errs, max_len=64),
        "valid_from": read_date(obj, "valid_from", "valid_from", errs),
        "valid_to": read_date(obj, "valid_to", "valid_to", errs),
        "successors": [],
    }
    if rec["valid_from"] and rec["valid_to"] and rec["valid_to"] < rec["valid_from"]:
        errs.append(
            f'trường "valid_to" ({rec["valid_to"].isoformat()}) sớm hơn "valid_from" ({rec["valid_from"].isoformat()})'
        )
    rec["successors"] = read_unit_codes(obj, "successors", errs)
    if code and code == rec["parent"]:
        errs.append(f'trường "parent" không được là chính đơn vị {show(code)}')
    if code and code in rec["successors"]:
        errs.append(f'trường "successors" không được chứa chính đơn vị {show(code)}')
    return rec, errs


# ---------------------------------------------------------------- procedures

PROCEDURE_KEYS = (
    "code",
    "name",
    "field",
    "level",
    "legal_duration",
    "reduced_duration",
    "mechanism",
    "online",
    "online_payment",
    "boundary_free",
    "internal_process",
    "components",
    "data_fields",
    "paper_result",
    "fees",
    "subjects",
    "announced_on",
    "abolished_on",
    "units",
)
_PROCEDURE_KEYSET = frozenset(PROCEDURE_KEYS)
COMPONENT_KEYS = ("name", "form", "quantity")
_COMPONENT_KEYSET = frozenset(COMPONENT_KEYS)
_FIELD_KEYSET = frozenset(("code", "name", "kind"))
_DURATION_KEYSET = frozenset(("value", "unit"))
_PROCESS_KEYSET = frozenset(("approved", "electronic", "steps"))
_STEP_KEYSET = frozenset(("name", "role", "working_hours"))


def _read_duration(obj: dict, key: str, errs: list, *, required: bool):
    duration = read_object(obj, key, key, errs, required=required)
    if duration is None:
        return None
    _unknown(duration, _DURATION_KEYSET, key + ".", errs)
    unit = read_choice(duration, "unit", f"{key}.unit", DURATION_UNITS, errs, required=True)
    value = duration.get("value")
    vpath = f"{key}.value"
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        errs.append(wrong_type(vpath, "số nguyên", value))
        return None
    if not unit:
        return None
    if unit == "same_day":
        if value not in (None, 0, 1):
            errs.append(at(vpath, f'của thời hạn "same_day" chỉ được là null, 0 hoặc 1, nhận được {show(value)}'))
            return None
    elif value is None:
        errs.append(absent(duration, "value", vpath))
        return None
    elif not 1 <= value <= MAX_INT:
        errs.append(at(vpath, f"phải là số nguyên dương, nhận được {show(value)}"))
        return None
    return {"value": value, "unit": unit}


def _read_components(obj: dict, errs: list) -> list[dict] | None:
    """Read our `components` extension: the papers to bring, or None when absent or null (kept as stored)."""
    if obj.get("components") is None:
        return None
    items = read_list(obj, "components", "components", errs)
    if len(items) > papers.COUNT_MAX:
        errs.append(at("components", f"có {len(items)} giấy tờ, tối đa {papers.COUNT_MAX}"))
        return None
    out: list[dict] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        path = f"components[{i}]"
        if not isinstance(item, dict):
            errs.append(wrong_type(path, "đối tượng", item))
            continue
        _unknown(item, _COMPONENT_KEYSET, path + ".", errs)
        name = read_str(item, "name", path + ".name", errs, required=True, max_len=papers.NAME_MAX).strip()
        form = read_choice(item, "form", path + ".form", papers.FORMS, errs)
        if not form and item.get("form") is None:
            form = "original"
        quantity = item.get("quantity")
        if quantity is None:
            quantity = 1
        elif isinstance(quantity, bool) or not isinstance(quantity, int) or not 1 <= quantity <= papers.QUANTITY_MAX:
            errs.append(at(path + ".quantity", f"phải là số nguyên từ 1 đến {papers.QUANTITY_MAX}, nhận được {show(quantity)}"))
            quantity = None
        if name:
            first = seen.setdefault(papers.name_key(name), i)
            if first != i:
                text = f'trường "{path}.name" lặp lại giấy tờ {show(name)} của "components[{first}]"'
                errs.append(Reason(text, path + ".name", f"lặp lại giấy tờ {show(name)} ở dòng {first + 1}"))
                continue
        if name and form and quantity is not None:
            out.append({"name": name, "form": form, "quantity": quantity})
    return out


def _read_data_fields(obj: dict, errs: list) -> list[dict] | None:
    """Read our `data_fields` extension (motcua.catalog.data_fields), or None when absent or null."""
    if obj.get("data_fields") is None:
        return None
    definitions, problems = own_data.check_definitions(obj["data_fields"])
    # Each names its item's field, so the procedure page shows it on the row (and the loader its full text).
    errs.extend(Reason(problem.text(), problem.path(), problem.message) for problem in problems)
    return definitions


# A procedure code as the national catalog writes them: "1.001193", "2.000815.000.00.00.H56".
PROCEDURE_CODE_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def _read_procedure_code(obj: dict, errs: list) -> str:
    code = read_str(obj, "code", "code", errs, required=True, max_len=32)
    if code and not PROCEDURE_CODE_RE.fullmatch(code):
        errs.append(
            at("code", f'chỉ được gồm chữ cái không dấu, chữ số, ".", "-" và "_", bắt đầu bằng chữ hoặc số: {show(code)}')
        )
        return ""
    return code


def validate_procedure(obj: dict) -> tuple[dict, list[str]]:
    errs: list[str] = []
    _unknown(obj, _PROCEDURE_KEYSET, "", errs)
    rec = {
        "code": _read_procedure_code(obj, errs),
        "name": read_str(obj, "name", "name", errs, required=True, max_len=500),
        "field": None,
        "level": read_str(obj, "level", "level", errs, required=True, max_len=32),
        "legal_duration": _read_duration(obj, "legal_duration", errs, required=True),
        "reduced_duration": _read_duration(obj, "reduced_duration", errs, required=False),
        "mechanism": read_choice(obj, "mechanism", "mechanism", MECHANISMS, errs) or "one_stop",
        "online": read_choice(obj, "online", "online", ONLINE_LEVELS, errs) or "none",
        "online_payment": bool(read_bool(obj, "online_payment", "online_payment", errs)),
        "boundary_free": bool(read_bool(obj, "boundary_free", "boundary_free", errs)),
        "process_approved": False,
        "process_electronic": False,
        "steps": None,  # None = not given: existing steps are kept
        "components": _read_components(obj, errs),  # None = not given: existing papers are kept
        "data_fields": _read_data_fields(obj, errs),  # None = not given: the stored definitions are kept
        # exchange.md "Format additions": None = not given, the stored value is kept.
        "paper_result": read_bool(obj, "paper_result", "paper_result", errs),
        # None = not given: the stored value is kept (motcua.exchange.payment_lines).
        "fees": None,
        "subjects": None,
        "announced_on": read_date(obj, "announced_on", "announced_on", errs),
        "abolished_on": read_date(obj, "abolished_on", "abolished_on", errs),
        "units": [],
    }
    field = read_object(obj, "field", "field", errs, required=True)
    if field is not None:
        _unknown(field, _FIELD_KEYSET, "field.", errs)
        fcode = read_str(field, "code", "field.code", errs, required=True, max_len=64)
        if fcode and not re.fullmatch(r"[-a-zA-Z0-9_]+", fcode):
            errs.append(at("field.code", f'chỉ được gồm chữ cái không dấu, chữ số, "-" và "_": {show(fcode)}'))
            fcode = ""
        fname = read_str(field, "name", "field.name", errs, required=True, max_len=200)
        fkind = read_choice(field, "kind", "field.kind", FIELD_KINDS, errs)
        if fcode and fname:
            rec["field"] = {"code": fcode, "name": fname, "kind": fkind}
    process = read_object(obj, "internal_process", "internal_process", errs)
    if process is not None:
        _unknown(process, _PROCESS_KEYSET, "internal_process.", errs)
        rec["process_approved"] = bool(read_bool(process, "approved", "internal_process.approved", errs))
        rec["process_electronic"] = bool(read_bool(process, "electronic", "internal_process.electronic", errs))
        if "steps" in process:
            rec["steps"] = []
            for i, step in enumerate(read_list(process, "steps", "internal_process.steps", errs)):
                path = f"internal_process.steps[{i}]"
                if not isinstance(step, dict):
                    errs.append(wrong_type(path, "đối tượng", step))
                    continue
                _unknown(step, _STEP_KEYSET, path + ".", errs)
                name = read_str(step, "name", path + ".name", errs, required=True, max_len=300)
                role = read_str(step, "role", path + ".role", errs, required=True, max_len=32)
                hours = step.get("working_hours")
                hpath = path + ".working_hours"
                value = None
                if hours is None:
                    errs.append(absent(step, "working_hours", hpath))
                elif isinstance(hours, bool) or not isinstance(hours, (int, float)):
                    errs.append(wrong_type(hpath, "số", hours))
                else:
                    try:
                        value = Decimal(str(hours))
                    except InvalidOperation:  # pragma: no cover - json gives finite numbers
                        value = None
                    if value is None or value < 0 or value >= 10_000 or value != value.quantize(Decimal("0.01")):
                        errs.append(at(hpath, f"phải là số giờ từ 0 đến 9999.99, tối đa 2 chữ số thập phân: {show(hours)}"))
                        value = None
                    else:
                        value = value.quantize(Decimal("0.01"))
                if name and role and value is not None:
                    rec["steps"].append({"name": name, "role": role, "working_hours": value})
    if rec["announced_on"] and rec["abolished_on"] and rec["abolished_on"] < rec["announced_on"]:
        errs.append(
            at("abolished_on", f'({rec["abolished_on"].isoformat()}) sớm hơn "announced_on" ({rec["announced_on"].isoformat()})')
        )
    rec["units"] = read_unit_codes(obj, "units", errs)
    from motcua.exchange import payment_lines

    rec["fees"] = payment_lines.read_fees(obj, errs)
    rec["subjects"] = payment_lines.read_subjects(obj, errs)
    return rec, errs


def _number(value: Decimal):
    """Write a stored number of hours as the file did: 2 for 2.00, 0.5 for 0.50."""
    return int(value) if value == value.to_integral_value() else float(value)


def procedure_object(rec: dict) -> dict:
    """The canonical JSON object of a procedure: PROCEDURE_KEYS order, absent values omitted.

    `steps`, `components` and `units` are always written, even empty: for the
    first two an absent key means "keep what is stored", which an export must
    not say.
    """
    field = {"code": rec["field"]["code"], "name": rec["field"]["name"]}
    if rec["field"].get("kind"):
        field["kind"] = rec["field"]["kind"]
    obj = {"code": rec["code"], "name": rec["name"], "field": field, "level": rec["level"]}
    obj["legal_duration"] = dict(rec["legal_duration"])
    if rec.get("reduced_duration"):
        obj["reduced_duration"] = dict(rec["reduced_duration"])
    obj["mechanism"] = rec["mechanism"]
    obj["online"] = rec["online"]
    obj["online_payment"] = bool(rec["online_payment"])
    obj["boundary_free"] = bool(rec["boundary_free"])
    obj["internal_process"] = {
        "approved": bool(rec["process_approved"]),
        "electronic": bool(rec["process_electronic"]),
        "steps": [
            {"name": s["name"], "role": s["role"], "working_hours": _number(Decimal(s["working_hours"]))}
            for s in rec.get("steps") or []
        ],
    }
    obj["components"] = [
        {"name": c["name"], "form": c["form"], "quantity": c["quantity"]} for c in rec.get("components") or []
    ]
    if rec.get("data_fields"):
        # Written whenever the procedure has some: the stored list is canonical already (check_definitions).
        obj["data_fields"] = [dict(d) for d in rec["data_fields"]]
    if rec.get("paper_result") is not None:
        obj["paper_result"] = bool(rec["paper_result"])
    if rec.get("fees") is not None:
        obj["fees"] = [{"name": f["name"], "amount": f["amount"], "per": f["per"]} for f in rec["fees"]]
    if rec.get("subjects") is not None:
        obj["subjects"] = list(rec["subjects"])
    if rec.get("announced_on"):
        obj["announced_on"] = rec["announced_on"].isoformat()
    if rec.get("abolished_on"):
        obj["abolished_on"] = rec["abolished_on"].isoformat()
    obj["units"] = sorted(rec.get("units") or [])
    return obj


def procedure_line(rec: dict) -> str:
    """The canonical procedure line (without the newline): `json.dumps(obj, ensure_ascii=False)`."""
    return _ENCODE(procedure_object(rec))


# ---------------------------------------------------------------- dossiers

DOSSIER_KEYS = (
    "code",
    "unit",
    "procedure",
    "channel",
    "received_at",
    "due_at",
    "applicant",
    "supplements",
    "apologies",
    "resolved_at",
    "outcome",
    "returned_at",
    "return_channel",
    "published",
    "digitized",
    "ratings",
    # 2026 additions (motcua.exchange.dossier_papers).
    "components",
    "result_document",
    # The values of the procedure's own data fields (motcua.catalog.data_fields).
    "data",
    "payments",
)
_DOSSIER_KEYSET = frozenset(DOSSIER_KEYS)
APPLICANT_KEYS = ("kind", "name", "id_number", "phone", "email", "address")
_APPLICANT_KEYSET = frozenset(APPLICANT_KEYS + ("vneid_verified",))
_APPLICANT_MAX = {"name": 300, "id_number": 32, "phone": 32, "email": 254, "address": 500}
_SUPPLEMENT_KEYSET = frozenset(("requested_at", "received_at"))
_APOLOGY_KEYSET = frozenset(("issued_at", "new_due_at", "reason"))
_RATING_KEYSET = frozenset(("at", "value", "channel"))
_PUBLISHED_KEYSET = frozenset(("portal", "website"))
_DIGITIZED_KEYSET = frozenset(("components", "result"))


def validate_dossier(obj: dict, today: dt.date | None = None) -> tuple[dict, list[str]]:
    """Check one dossier line; DB-free checks only (see `check_dossier_code` for the code's format)."""
    errs: list[str] = []
    _unknown(obj, _DOSSIER_KEYSET, "", errs)
    received_at = read_time(obj, "received_at", "received_at", errs, required=True)
    rec = {
        "code": read_str(obj, "code", "code", errs, required=True, max_len=64),
        "unit": read_str(obj, "unit", "unit", errs, required=True, max_len=16),
        "procedure": read_str(obj, "procedure", "procedure", errs, required=True, max_len=32),
        "channel": read_choice(obj, "channel", "channel", CHANNELS, errs, required=True),
        "received_at": received_at,
        "due_at": read_time(obj, "due_at", "due_at", errs, required=True),
        "applicant": None,
        "supplements": [],
        "apologies": [],
        "resolved_at": read_time(obj, "resolved_at", "resolved_at", errs),
        "outcome": read_choice(obj, "outcome", "outcome", OUTCOMES, errs),
        "returned_at": read_time(obj, "returned_at", "returned_at", errs),
        "return_channel": read_choice(obj, "return_channel", "return_channel", RETURN_CHANNELS, errs),
        "published_portal": None,
        "published_website": None,
        "digitized_components": None,
        "digitized_result": None,
        "ratings": [],
        "components": [],
        "result_document": None,
        "data": {},
        "payments": [],
    }
    resolved_at, returned_at = rec["resolved_at"], rec["returned_at"]
    not_before(rec["due_at"], "due_at", received_at, "received_at", errs)
    not_before(resolved_at, "resolved_at", received_at, "received_at", errs)
    not_before(returned_at, "returned_at", resolved_at, "resolved_at", errs)
    if returned_at is not None and obj.get("resolved_at") is None:
        errs.append('trường "returned_at" chỉ được có khi có "resolved_at"')
    if resolved_at is not None and not rec["outcome"] and obj.get("outcome") is None:
        errs.append('thiếu trường "outcome" (bắt buộc khi có "resolved_at")')
    if resolved_at is None and obj.get("resolved_at") is None and obj.get("outcome") is not None:
        errs.append(f'trường "outcome" ({show(obj.get("outcome"))}) chỉ được có khi có "resolved_at"')

    applicant = read_object(obj, "applicant", "applicant", errs)
    if applicant is not None:
        _unknown(applicant, _APPLICANT_KEYSET, "applicant.", errs)
        app = {"kind": read_choice(applicant, "kind", "applicant.kind", APPLICANT_KINDS, errs, required=True)}
        for key in APPLICANT_KEYS[1:]:
            app[key] = read_str(
                applicant, key, "applicant." + key, errs, required=(key == "name"), max_len=_APPLICANT_MAX[key]
            )
        if app["kind"] == "citizen" and app["id_number"]:
            reason = validate_cccd(app["id_number"], today)
            if reason:
                errs.append(f'trường "applicant.id_number" không hợp lệ {show(app["id_number"])}: {reason}')
        app["vneid_verified"] = read_bool(applicant, "vneid_verified", "applicant.vneid_verified", errs)
        rec["applicant"] = app

    for i, item in enumerate(read_list(obj, "supplements", "supplements", errs)):
        path = f"supplements[{i}]"
        if not isinstance(item, dict):
            errs.append(wrong_type(path, "đối tượng", item))
            continue
        _unknown(item, _SUPPLEMENT_KEYSET, path + ".", errs)
        requested = read_time(item, "requested_at", path + ".requested_at", errs, required=True)
        arrived = read_time(item, "received_at", path + ".received_at", errs)
        not_before(requested, path + ".requested_at", received_at, "received_at", errs)
        not_before(arrived, path + ".received_at", requested, path + ".requested_at", errs)
        rec["supplements"].append({"requested_at": requested, "received_at": arrived})

    for i, item in enumerate(read_list(obj, "apologies", "apologies", errs)):
        path = f"apologies[{i}]"
        if not isinstance(item, dict):
            errs.append(wrong_type(path, "đối tượng", item))
            continue
        _unknown(item, _APOLOGY_KEYSET, path + ".", errs)
        issued = read_time(item, "issued_at", path + ".issued_at", errs, required=True)
        new_due = read_time(item, "new_due_at", path + ".new_due_at", errs)
        reason = read_str(item, "reason", path + ".reason", errs, multiline=True)
        not_before(issued, path + ".issued_at", received_at, "received_at", errs)
        rec["apologies"].append({"issued_at": issued, "new_due_at": new_due, "reason": reason})

    for name, keyset, (a, b) in (
        ("published", _PUBLISHED_KEYSET, ("portal", "website")),
        ("digitized", _DIGITIZED_KEYSET, ("components", "result")),
    ):
        sub = read_object(obj, name, name, errs)
        if sub is not None:
            _unknown(sub, keyset, name + ".", errs)
            rec[f"{name}_{a}"] = read_bool(sub, a, f"{name}.{a}", errs)
            rec[f"{name}_{b}"] = read_bool(sub, b, f"{name}.{b}", errs)

    for i, item in enumerate(read_list(obj, "ratings", "ratings", errs)):
        path = f"ratings[{i}]"
        if not isinstance(item, dict):
            errs.append(wrong_type(path, "đối tượng", item))
            continue
        _unknown(item, _RATING_KEYSET, path + ".", errs)
        rec["ratings"].append(
            {
                "at": read_time(item, "at", path + ".at", errs),
                "value": read_choice(item, "value", path + ".value", RATING_VALUES, errs, required=True),
                "channel": read_choice(item, "channel", path + ".channel", RATING_CHANNELS, errs),
            }
        )
    rated: set[str] = set()
    for i, rating in enumerate(rec["ratings"]):
        if rating["channel"] in rated:
            errs.append(f'trường "ratings[{i}].channel": hồ sơ đã có đánh giá {show(rating["channel"])} (mỗi hình thức một đánh giá)')
        elif rating["channel"]:
            rated.add(rating["channel"])

    from motcua.exchange import dossier_papers

    rec["components"] = dossier_papers.read_papers(obj, errs)
    rec["result_document"] = dossier_papers.read_result_document(obj, received_at, errs)
    rec["data"] = read_data(obj, errs)
    from motcua.exchange import payment_lines

    rec["payments"] = payment_lines.read_payments(obj, received_at, returned_at, errs)
    return rec, errs


_DATA_SCALARS = (str, int, bool)


def read_data(obj: dict, errs: list) -> dict:
    """Read `data`: {key: text | number | true/false}; the loader checks it against the procedure's definitions."""
    data = read_object(obj, "data", "data", errs)
    if data is None:
        return {}
    out = {}
    for key, value in data.items():
        if not isinstance(value, _DATA_SCALARS) or isinstance(value, float):
            errs.append(wrong_type(f"data.{key}", "chuỗi, số nguyên hoặc true/false", value))
        else:
            out[key] = value
    return out


def check_data(rec: dict, definitions: list[dict], errs: list) -> None:
    """Check a dossier line's `data` against its procedure's definitions (a loaded record: required ones not asked)."""
    if not rec["data"]:
        return
    clean, problems = own_data.check_values(definitions, rec["data"], today=local_date(rec["received_at"]) if rec["received_at"] else None, require=False)
    for key, reason in problems.items():
        errs.append(f'trường "data.{key}": {reason}')
    if not problems:
        rec["data"] = clean


def check_dossier_code(code: str, agency_id: str, received_at: dt.datetime) -> str | None:
    """Return the reason when `code` is not `{agency_id}-{yymmdd}-{seq:04d}` for this unit and local receipt date."""
    day = local_date(received_at)
    prefix = f"{agency_id}-{day.year % 100:02d}{day.month:02d}{day.day:02d}-"
    if agency_id and code.startswith(prefix):
        seq = code[len(prefix):]
        if seq.isascii() and seq.isdigit() and int(seq) >= 1 and seq == f"{int(seq):04d}":
            return None
    if not agency_id:
        return f'không kiểm tra được mã hồ sơ {show(code)}: đơn vị chưa có mã định danh cơ quan (agency_id)'
    return (
        f'trường "code" có giá trị {show(code)} không đúng dạng {{mã định danh cơ quan}}-{{yymmdd}}-{{số thứ tự 4 chữ số}}: '
        f"cần bắt đầu bằng {show(prefix)} (ngày tiếp nhận {day.strftime('%d/%m/%Y')} giờ Việt Nam) và số thứ tự từ 0001"
    )


# ---------------------------------------------------------------- canonical dossier line


def dossier_object(rec: dict) -> dict:
    """The canonical JSON object of a dossier: exchange.md's key order, null/empty values omitted."""
    obj = {
        "code": rec["code"],
        "unit": rec["unit"],
        "procedure": rec["procedure"],
        "channel": rec["channel"],
        "received_at": iso(rec["received_at"]),
        "due_at": iso(rec["due_at"]),
    }
    applicant = rec["applicant"]
    if applicant:
        app = {key: applicant[key] for key in APPLICANT_KEYS if applicant.get(key)}
        if applicant.get("vneid_verified") is not None:
            app["vneid_verified"] = applicant["vneid_verified"]
        if app:
            obj["applicant"] = app
    if rec["supplements"]:
        items = []
        for s in rec["supplements"]:
            item = {"requested_at": iso(s["requested_at"])}
            if s["received_at"] is not None:
                item["received_at"] = iso(s["received_at"])
            items.append(item)
        obj["supplements"] = items
    if rec["apologies"]:
        items = []
        for a in rec["apologies"]:
            item = {"issued_at": iso(a["issued_at"])}
            if a["new_due_at"] is not None:
                item["new_due_at"] = iso(a["new_due_at"])
            if a["reason"]:
                item["reason"] = a["reason"]
            items.append(item)
        obj["apologies"] = items
    if rec["resolved_at"] is not None:
        obj["resolved_at"] = iso(rec["resolved_at"])
    if rec["outcome"]:
        obj["outcome"] = rec["outcome"]
    if rec["returned_at"] is not None:
        obj["returned_at"] = iso(rec["returned_at"])
    if rec["return_channel"]:
        obj["return_channel"] = rec["return_channel"]
    pub = {}
    if rec["published_portal"] is not None:
        pub["portal"] = rec["published_portal"]
    if rec["published_website"] is not None:
        pub["website"] = rec["published_website"]
    if pub:
        obj["published"] = pub
    dig = {}
    if rec["digitized_components"] is not None:
        dig["components"] = rec["digitized_components"]
    if rec["digitized_result"] is not None:
        dig["result"] = rec["digitized_result"]
    if dig:
        obj["digitized"] = dig
    if rec["ratings"]:
        items = []
        for r in rec["ratings"]:
            item = {}
            if r["at"] is not None:
                item["at"] = iso(r["at"])
            item["value"] = r["value"]
            if r["channel"]:
                item["channel"] = r["channel"]
            items.append(item)
        obj["ratings"] = items
    from motcua.exchange import dossier_papers

    if rec.get("components"):
        obj["components"] = dossier_papers.papers_object(rec["components"])
    document = dossier_papers.result_document_object(rec.get("result_document"))
    if document:
        obj["result_document"] = document
    if rec.get("data"):
        # Keys sorted: PostgreSQL's jsonb does not keep the order a line gave.
        obj["data"] = {key: rec["data"][key] for key in sorted(rec["data"])}
    if rec.get("payments"):
        from motcua.exchange import payment_lines

        obj["payments"] = payment_lines.payments_object(rec["payments"])
    return obj


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode  # = json.dumps(obj, ensure_ascii=False)


def dossier_line(rec: dict) -> str:
    """The canonical exchange line (without the newline): `json.dumps(obj, ensure_ascii=False)`."""
    return _ENCODE(dossier_object(rec))


def digest(line: str) -> str:
    return hashlib.sha256(line.encode("utf-8")).hexdigest()


# The dossier columns the exchange format carries, in the order of its fields;
# the loader writes them and the exporter reads them.
DOSSIER_COLUMNS = (
    "code",
    "unit_id",
    "procedure_id",
    "channel",
    "received_at",
    "due_at",
    "applicant_kind",
    "applicant_name",
    "applicant_id_number",
    "applicant_phone",
    "applicant_email",
    "applicant_address",
    "resolved_at",
    "outcome",
    "returned_at",
    "return_channel",
    "published_portal",
    "published_website",
    "digitized_components",
    "digitized_result",
    "applicant_vneid_verified",
    "components",
    "data",
)


def read_unit_codes(obj: dict, key: str, errs: list[str]) -> list[str]:
    """Read a list of distinct unit codes, reporting bad and repeated items."""
    codes: list[str] = []
    seen = set()
    for i, code in enumerate(read_list(obj, key, key, errs)):
        path = f"{key}[{i}]"
        if not isinstance(code, str) or not code:
            errs.append(wrong_type(path, "mã đơn vị (chuỗi)", code))
        elif code in seen:
            errs.append(at(path, f"lặp lại đơn vị {show(code)}"))
        else:
            seen.add(code)
            codes.append(code)
    return codes
