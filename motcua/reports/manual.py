"""Entering register and manual rows of appendix 01b, and reading them back with their rollup.

Rollup of entered values (a district or province report):
- the report unit's own value wins;
- otherwise, for count rows only, the values of the units below it are summed,
  each unit's own value standing for everything it covers: a unit is skipped
  when a unit covering it (its parent, or the unit it merged into, up to the
  report unit) has a value of its own. So a district with its own figure is
  not added to its communes', and a merged commune's own figure for a past
  period is not added to its predecessors';
- percents, flags and text of the units below are never combined: without an
  own value they are null.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import transaction
from django.db.models import QuerySet

from motcua.lib.periods import Period
from motcua.reports.indicators import BY_CODE, COUNT, FLAG, PERCENT, TEXT, Indicator
from motcua.reports.models import ManualValue
from motcua.units.models import Unit, subtree_with_predecessors

_CENT = Decimal("0.01")
# ManualValue.number holds 12 digits before the decimal point.
_MAX_DIGITS = 12


class ManualValueError(ValueError):
    """One or more CODE=VALUE pairs were refused; `problems` lists one message per pair."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


def parse_value(row: Indicator, raw: str):
    """Return `raw` converted to the row's kind, or raise ValueError explaining why not."""
    text = raw.strip()
    if row.kind == TEXT:
        return text
    if row.kind == COUNT:
        if not (text.isascii() and text.isdigit()):
            raise ValueError(f"{row.code} phải là số nguyên không âm, không phải “{raw}”")
        if len(text.lstrip("0")) > _MAX_DIGITS:
            raise ValueError(f"{row.code} = {text}: số quá lớn")
        return int(text)
    if row.kind == PERCENT:
        try:
            # Vietnamese writes a decimal comma: "66,67".
            number = Decimal(text.replace(",", "."))
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            raise ValueError(f"{row.code} phải là tỷ lệ phần trăm (số từ 0 đến 100), không phải “{raw}”")
        if not 0 <= number <= 100:
            raise ValueError(f"{row.code} = {text}: tỷ lệ phần trăm phải từ 0 đến 100")
        return number.quantize(_CENT, ROUND_HALF_UP)
    if row.kind == FLAG:
        if text.isascii() and text.isdigit() and int(text) in row.legend:
            return int(text)
        for value, label in row.legend.items():
            if text.casefold() == label.casefold():
                return value
        raise ValueError(f"{row.code} chỉ nhận {row.legend_text()}, không phải “{raw}”")
    raise ValueError(f"{row.code} là đề mục, không có số liệu")


def parse_assignment(pair: str) -> tuple[Indicator, str]:
    """Split `CODE=VALUE` and return the row it names with the raw value, or raise ValueError."""
    code, sep, raw = pair.partition("=")
    code = code.strip()
    if not sep or not code:
        raise ValueError(f"“{pair}” không đúng dạng CHỈ_TIÊU=GIÁ_TRỊ")
    row = BY_CODE.get(code)
    if row is None:
        raise ValueError(f"không có chỉ tiêu {code} trong phụ lục 01b")
    if not row.has_value:
        raise ValueError(f"{code} là đề mục, không có số liệu")
    if row.computed:
        raise ValueError(f"{code} được tính tự động (nguồn: {row.source}), không nhập tay")
    return row, raw


def set_manual_values(unit: Unit, period: Period, pairs: list[str]) -> dict[str, object]:
    """Save `CODE=VALUE` pairs all or nothing; return {code: value, or None if cleared}."""
    # Every pair is checked before anything is written, so one bad pair saves
    # nothing and ManualValueError lists them all; an empty VALUE clears the row.
    parsed, problems = {}, []
    for pair in pairs:
        try:
            row, raw = parse_assignment(pair)
            if row.code in parsed:
                raise ValueError(f"{row.code} được nhập hai lần")
            parsed[row.code] = None if raw.strip() == "" else parse_value(row, raw)
        except ValueError as error:
            problems.append(str(error))
    if not problems:
        # Once a register is kept for the year its rows are computed from it and never typed by hand.
        from motcua.reform.figures import kept_codes

        kept = kept_codes(subtree_with_predecessors(unit), period) & set(parsed)
        problems = [f"{code} được tính từ sổ theo dõi cải cách hành chính của đơn vị, không nhập tay" for code in sorted(kept)]
    if problems:
        raise ManualValueError(problems)
    key = {"unit": unit, "period_start": period.start, "period_end": period.end}
    with transaction.atomic():
        for code, value in parsed.items():
            if value is None:
                ManualValue.objects.filter(code=code, **key).delete()
                continue
            is_text = BY_CODE[code].kind == TEXT
            ManualValue.objects.update_or_create(
                code=code,
                **key,
                defaults={
                    "period_label": period.label,
                    "number": None if is_text else Decimal(value),
                    "text": value if is_text else "",
                },
            )
    return parsed


def _typed(row: Indicator, entry: ManualValue):
    if row.kind == TEXT:
        return entry.text
    if row.kind == PERCENT:
        return float(entry.number)
    return int(entry.number)


def manual_values(unit: Unit, period: Period, units: QuerySet | None = None) -> dict[str, object]:
    """Return the entered values of the report for `unit` over `period`, rolled up as the module says."""
    # `units` lets compute_appendix pass the covered units it already has.
    if units is None:
        units = subtree_with_predecessors(unit)
    covered = dict(units.values_list("pk", "parent_id"))
    # A subquery rather than the ids: a province covers hundreds of units.
    entries = ManualValue.objects.filter(unit__in=units, period_start=period.start, period_end=period.end)
    by_code: dict[str, dict[int, object]] = defaultdict(dict)
    for entry in entries:
        row = BY_CODE.get(entry.code)
        if row is not None and row.entered:
            by_code[entry.code][entry.unit_id] = _typed(row, entry)

    result, covering = {}, None
    for code, by_unit in by_code.items():
        if unit.pk in by_unit:
            result[code] = by_unit[unit.pk]
        elif BY_CODE[code].kind == COUNT:
            if covering is None:
                covering = _covering_units(units, covered)
            result[code] = sum(v for u, v in by_unit.items() if not _is_covered(u, by_unit, covering, unit.pk))
    return result


def _covering_units(units: QuerySet, covered: dict[int, int | None]) -> dict[int, list[int]]:
    """Map each covered unit to the covered units that report for it: its parent and its successors."""
    edges: dict[int, list[int]] = defaultdict(list)
    for pk, parent in covered.items():
        if parent in covered:
            edges[pk].append(parent)
    through = Unit.successors.through.objects.filter(from_unit__in=units, to_unit__in=units)
    for predecessor, successor in through.values_list("from_unit_id", "to_unit_id"):
        edges[predecessor].append(successor)
    return edges


def _is_covered(pk: int, by_unit: dict[int, object], covering: dict[int, list[int]], top: int) -> bool:
    """Tell whether a unit between `pk` and the report unit `top` has its own value for the row."""
    seen, frontier = {pk}, list(covering.get(pk, ()))
    while frontier:
        current = frontier.pop()
        if current in seen or current == top:
            continue
        if current in by_unit:
            return True
        seen.add(current)
        frontier.extend(covering.get(current, ()))
    return False
