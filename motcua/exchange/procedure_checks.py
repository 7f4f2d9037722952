"""The checks of one procedure line, shared by the procedures.jsonl loader and the catalog pages.

`check_procedure(obj, levels, unit_known)` is pure: what it needs of the
database (the level codes, whether a unit code names a unit) comes in as
arguments. The loader calls it for each line of a file; the catalog's edit
page builds the same line from what the administrator typed and calls it too,
so a bad code, duration, enumeration, paper or step gives the same message in
both (each message is a `schema.Reason` naming its field's path).
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from motcua.exchange import schema
from motcua.exchange.schema import Reason, at, show


def check_references(rec: dict, levels: Collection[str], unit_known: Callable[[str], bool]) -> list[Reason]:
    """Return the problems of a checked line's references: an unknown level, a unit not in the system."""
    errs: list[Reason] = []
    if rec["level"] and rec["level"] not in levels:
        errs.append(schema.bad_choice("level", rec["level"], list(levels)))
    for i, code in enumerate(rec["units"]):
        if not unit_known(code):
            errs.append(at(f"units[{i}]", f"tham chiếu đơn vị không có trong hệ thống {show(code)}"))
    return errs


def check_procedure(obj: dict, levels: Collection[str], unit_known: Callable[[str], bool]) -> tuple[dict, list[Reason]]:
    """Check one procedure object (docs/exchange.md): return (the record, its problems in Vietnamese).

    `levels` are the level codes in the system, in their order; `unit_known(code)`
    tells whether a unit code names a unit. References are checked on a line
    that is otherwise well formed.
    """
    rec, errs = schema.validate_procedure(obj)
    if not errs:
        errs = check_references(rec, levels, unit_known)
    return rec, errs


def duplicate_code(code: str, other: str) -> Reason:
    """Return the problem of a procedure code already used by `other` ("dòng 3", "thủ tục …")."""
    return Reason(f"mã thủ tục {show(code)} trùng với {other}", "code", f"{show(code)} trùng với {other}")
