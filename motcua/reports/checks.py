"""The consistency rules C1–C9 of appendix 01b (indicators.md), as pure functions over a values dict.

A values dict maps row codes to numbers, strings or None (blank), as
`Appendix.values` or a report read from a document holds them. Each check
returns a list of breaches:

    {"rule": "C1", "severity": "error", "rows": ["3.3.1", "3.3.1.a", …],
     "values": {"3.3.1": 602, …}, "message": "3.3.1 = 602 nhưng 3.3.1.a + b + c + d = 625"}

A relation is checked only when every value it names is present and a number
(C8 reports the values that are not numbers; C9 is about blanks). C5 is a
warning; every other breach is an error. No Django here: the importer of
existing reports uses these too.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Callable, Mapping

from motcua.reports.indicators import COUNT, FLAG, INDICATORS, PERCENT

ERROR = "error"
WARNING = "warning"

Values = Mapping[str, object]
Breach = dict


def number(value) -> Decimal | None:
    """Return a value as a Decimal, or None when it is blank or not a number."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, Decimal)):
        return Decimal(value)
    if isinstance(value, float):
        # Through str: 66.67 stays 66.67, not its binary expansion.
        return Decimal(str(value))
    if isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except InvalidOperation:
            return None
        return result if result.is_finite() else None
    return None


def show(value) -> str:
    """Format a value for a message: whole numbers as such, decimals with a decimal comma."""
    n = number(value)
    if n is None:
        return "trống" if value is None else f"“{value}”"
    if n == n.to_integral_value():
        return str(int(n))
    return format(n.normalize(), "f").replace(".", ",")


def _numbers(values: Values, codes) -> list[Decimal] | None:
    found = [number(values.get(code)) for code in codes]
    return None if any(n is None for n in found) else found


def breach(rule: str, rows: list[str], values: Values, message: str, severity: str = ERROR) -> Breach:
    """Return one breach record naming the rows, their values as given, and the explanation."""
    return {
        "rule": rule,
        "severity": severity,
        "rows": list(rows),
        "values": {code: values.get(code) for code in rows},
        "message": message,
    }


def _sum_equals(rule: str, total: str, parts: list[str], values: Values) -> list[Breach]:
    found = _numbers(values, [total, *parts])
    if found is None or found[0] == sum(found[1:]):
        return []
    letters = " + ".join([parts[0]] + [p.rsplit(".", 1)[1] for p in parts[1:]])
    message = f"{total} = {show(values[total])} nhưng {letters} = {show(sum(found[1:]))}"
    return [breach(rule, [total, *parts], values, message)]


def _at_most(rule: str, parts: list[str], limit: str, values: Values) -> list[Breach]:
    found = _numbers(values, [*parts, limit])
    if found is None or sum(found[:-1]) <= found[-1]:
        return []
    left = " + ".join(parts)
    message = f"{left} = {show(sum(found[:-1]))} vượt quá {limit} = {show(found[-1])}"
    return [breach(rule, [*parts, limit], values, message)]


def check_c1(values: Values) -> list[Breach]:
    """C1: 3.3.1 = 3.3.1.a + b + c + d."""
    return _sum_equals("C1", "3.3.1", [f"3.3.1.{x}" for x in "abcd"], values)


def check_c2(values: Values) -> list[Breach]:
    """C2: 3.3.2 = 3.3.2.a + b + c + d."""
    return _sum_equals("C2", "3.3.2", [f"3.3.2.{x}" for x in "abcd"], values)


def check_c3(values: Values) -> list[Breach]:
    """C3: 3.3.3 ≤ 3.3.2 and 3.3.4 ≤ 3.3.2."""
    return _at_most("C3", ["3.3.3"], "3.3.2", values) + _at_most("C3", ["3.3.4"], "3.3.2", values)


def check_c4(values: Values) -> list[Breach]:
    """C4: 3.4.3 ≤ 3.1.3 and 7.5.1 + 7.5.2 ≤ 3.1.3."""
    return _at_most("C4", ["3.4.3"], "3.1.3", values) + _at_most("C4", ["7.5.1", "7.5.2"], "3.1.3", values)


def check_c5(values: Values) -> list[Breach]:
    """C5 (warning): 3.2.1 + 3.2.2 + 3.2.3 = 3.1.3."""
    parts = ["3.2.1", "3.2.2", "3.2.3"]
    found = _numbers(values, [*parts, "3.1.3"])
    if found is None or sum(found[:3]) == found[3]:
        return []
    message = (
        f"3.2.1 + 3.2.2 + 3.2.3 = {show(sum(found[:3]))} nhưng 3.1.3 = {show(found[3])} "
        "(mỗi thủ tục thực hiện theo đúng một cơ chế)"
    )
    return [breach("C5", [*parts, "3.1.3"], values, message, WARNING)]


def check_c6(values: Values) -> list[Breach]:
    """C6: 7.2.3.a + 7.2.3.b ≤ 100."""
    found = _numbers(values, ["7.2.3.a", "7.2.3.b"])
    if found is None or sum(found) <= 100:
        return []
    message = f"7.2.3.a + 7.2.3.b = {show(sum(found))}% vượt quá 100%"
    return [breach("C6", ["7.2.3.a", "7.2.3.b"], values, message)]


def check_c7(values: Values) -> list[Breach]:
    """C7: 1.1.2 ≤ 1.1.1; 1.2.3 ≤ 1.2.2; 1.3.2 + 1.3.3 ≤ 1.3.1."""
    return (
        _at_most("C7", ["1.1.2"], "1.1.1", values)
        + _at_most("C7", ["1.2.3"], "1.2.2", values)
        + _at_most("C7", ["1.3.2", "1.3.3"], "1.3.1", values)
    )


def check_c8(values: Values) -> list[Breach]:
    """C8: every % in [0, 100], every count a whole number ≥ 0, every flag one of its listed values."""
    found = []
    for row in INDICATORS:
        value = values.get(row.code)
        if value is None or row.kind not in (COUNT, PERCENT, FLAG):
            continue
        n = number(value)
        if row.kind == COUNT and (n is None or n < 0 or n != n.to_integral_value()):
            message = f"{row.code} = {show(value)}: số lượng phải là số nguyên không âm"
        elif row.kind == PERCENT and (n is None or not 0 <= n <= 100):
            message = f"{row.code} = {show(value)}: tỷ lệ phải từ 0 đến 100%"
        elif row.kind == FLAG and (n is None or n != n.to_integral_value() or int(n) not in row.legend):
            message = f"{row.code} = {show(value)}: chỉ nhận {row.legend_text()}"
        else:
            continue
        found.append(breach("C8", [row.code], values, message))
    return found


def check_c9(values: Values) -> list[Breach]:
    """C9: 1.4.2 is blank exactly when 1.4.1 = 0."""
    responses, survey = number(values.get("1.4.1")), values.get("1.4.2")
    if responses is None:
        return []
    if responses == 0 and survey is not None:
        message = f"1.4.1 = 0 nhưng 1.4.2 = {show(survey)}: không có phiếu khảo sát thì để trống hình thức khảo sát"
    elif responses != 0 and survey is None:
        message = f"1.4.1 = {show(responses)} nhưng 1.4.2 để trống: phải ghi hình thức khảo sát"
    else:
        return []
    return [breach("C9", ["1.4.1", "1.4.2"], values, message)]


CHECKS: tuple[Callable[[Values], list[Breach]], ...] = (
    check_c1,
    check_c2,
    check_c3,
    check_c4,
    check_c5,
    check_c6,
    check_c7,
    check_c8,
    check_c9,
)


def run_checks(values: Values) -> list[Breach]:
    """Return every breach of C1–C9 in `values`, in rule order."""
    return [found for check in CHECKS for found in check(values)]
