"""The fee and payment additions of the exchange format: a procedure's `fees` and `subjects`, a dossier's `payments`.

exchange.md, "Format additions: fees, payments, papers, results (2026)": optional
in both directions (absent = not known), written on export whenever the record
has them, so export → load → export stays exact. A payment's `at` lies between
receipt and return and its `amount` is an integer ≥ 0. Two keys of ours keep
what the desk records: `reason` (an exemption's or a refund's) and `refund: true`
(money given back: the line's amount is subtracted).
"""

from __future__ import annotations

from motcua.exchange.schema import (
    Reason,
    _unknown,
    iso,
    not_before,
    read_bool,
    read_choice,
    read_str,
    read_time,
    show,
    wrong_type,
)
from motcua.payments.fees import validate_fee_lines

SUBJECTS = ("citizen", "organisation")
METHODS = ("cash", "bank_transfer", "portal", "province_gateway", "exempt")
PAYMENT_KEYS = ("at", "amount", "method", "receipt", "reason", "refund")
_PAYMENT_KEYSET = frozenset(PAYMENT_KEYS)
PAYMENTS_MAX = 100
AMOUNT_MAX = 1_000_000_000


def read_fees(obj: dict, errs: list) -> list[dict] | None:
    """Read a procedure's `fees`: None when absent or null (the stored lines stay), else the checked lines."""
    value = obj.get("fees")
    if value is None:
        return None
    lines, problems = validate_fee_lines(value)
    # Each names the field, so the procedure page shows it on its section (and the loader its full text).
    errs.extend(Reason(f'trường "fees": {p}', "fees", p) for p in problems)
    return lines


def read_subjects(obj: dict, errs: list) -> list[str] | None:
    value = obj.get("subjects")
    if value is None:
        return None
    if not isinstance(value, list):
        errs.append(wrong_type("subjects", "danh sách", value))
        return None
    out = []
    for i, item in enumerate(value):
        if item not in SUBJECTS:
            errs.append(f'trường "subjects[{i}]" phải là "citizen" hoặc "organisation", nhận được {show(item)}')
        elif item in out:
            errs.append(f'trường "subjects[{i}]" lặp lại {show(item)}')
        else:
            out.append(item)
    return out


def read_payments(obj: dict, received_at, returned_at, errs: list) -> list[dict]:
    """Read a dossier's `payments`: each {at, amount (negative for a refund), method, receipt, reason}."""
    items = obj.get("payments")
    if items is None:
        return []
    if not isinstance(items, list):
        errs.append(wrong_type("payments", "danh sách", items))
        return []
    if len(items) > PAYMENTS_MAX:
        errs.append(f'trường "payments" có {len(items)} dòng, tối đa {PAYMENTS_MAX}')
        return []
    out = []
    for i, item in enumerate(items):
        path = f"payments[{i}]"
        if not isinstance(item, dict):
            errs.append(wrong_type(path, "đối tượng", item))
            continue
        _unknown(item, _PAYMENT_KEYSET, path + ".", errs)
        at = read_time(item, "at", path + ".at", errs, required=True)
        not_before(at, path + ".at", received_at, "received_at", errs)
        not_before(returned_at, "returned_at", at, path + ".at", errs)
        amount = item.get("amount")
        if isinstance(amount, bool) or not isinstance(amount, int) or not 0 <= amount <= AMOUNT_MAX:
            errs.append(f'trường "{path}.amount" phải là số nguyên đồng từ 0 đến {AMOUNT_MAX}, nhận được {show(amount)}')
            amount = None
        method = read_choice(item, "method", path + ".method", METHODS, errs, required=True)
        receipt = read_str(item, "receipt", path + ".receipt", errs, max_len=64)
        reason = read_str(item, "reason", path + ".reason", errs, max_len=2000, multiline=True)
        refund = read_bool(item, "refund", path + ".refund", errs)
        if refund is False:
            errs.append(f'trường "{path}.refund" chỉ ghi khi là true (dòng hoàn trả)')
        if method == "exempt" and amount:
            errs.append(f'trường "{path}.amount" của dòng miễn phí, lệ phí phải là 0, nhận được {show(amount)}')
        if at is not None and amount is not None and method:
            out.append(
                {"at": at, "amount": -amount if refund else amount, "method": method, "receipt": receipt, "reason": reason}
            )
    return out


def payments_object(payments) -> list[dict]:
    """The `payments` of a line, in the order of their times."""
    out = []
    for p in payments or ():
        item = {"at": iso(p["at"]), "amount": abs(int(p["amount"])), "method": p["method"]}
        if p.get("receipt"):
            item["receipt"] = p["receipt"]
        if p.get("reason"):
            item["reason"] = p["reason"]
        if int(p["amount"]) < 0:
            item["refund"] = True
        out.append(item)
    return out
