"""What each number of the index page lists: the rows behind an indicator's numerator, denominator or cost.

"cost" is the rows of the denominator not in the numerator — the dossiers or
procedures that cost the unit points ("what would raise this"). For 5.4 the
costs are the late dossiers and those complained about.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from motcua.index766 import measures
from motcua.lib.periods import Period
from motcua.units.models import Unit

PARTS = ("numerator", "denominator", "cost", "late", "complained")


@dataclass(frozen=True)
class Drill:
    lists: str  # "dossiers", "procedures" or "feedback"
    rows: QuerySet


def drill(unit: Unit, period: Period, code: str, part: str) -> Drill | None:
    """Return the rows behind one number of indicator `code`, or None when the page offers no list for it."""
    if code in measures.DOSSIER_RATES:
        top, bottom = measures.DOSSIER_RATES[code]
        p, rows = measures.received_dossiers(unit, period)
        conditions = measures.dossier_conditions(p)
        chosen = {"numerator": conditions[top], "denominator": conditions[bottom], "cost": conditions[bottom] & ~conditions[top]}
        if part not in chosen:
            return None
        return Drill("dossiers", rows.filter(chosen[part]).select_related("procedure", "unit").order_by("received_at", "code"))
    if code == "5.4" and part in ("denominator", *measures.SATISFACTION_COSTS):
        name = "received" if part == "denominator" else part
        rows = measures.dossier_set(unit, period, name)
        return Drill("dossiers", rows.select_related("procedure", "unit").order_by("received_at", "code"))
    if code in measures.PROCEDURE_RATES:
        top, bottom = measures.PROCEDURE_RATES[code]
        conditions = measures.procedure_conditions()
        chosen = {"numerator": conditions[top], "denominator": conditions[bottom], "cost": conditions[bottom] & ~conditions[top]}
        if part not in chosen:
            return None
        return Drill("procedures", measures.applicable_procedures(unit, period).filter(chosen[part]).order_by("code"))
    if code == "5.2" and part in ("numerator", "denominator", "cost"):
        name = {"numerator": "answered", "denominator": "due"}.get(part, part)
        return Drill("feedback", measures.feedback_set(unit, period, name).order_by("due_at", "pk"))
    return None


def drill_parts(code: str) -> tuple[str, ...]:
    """The parts of an indicator the page links to a list."""
    if code in measures.DOSSIER_RATES or code in measures.PROCEDURE_RATES or code == "5.2":
        return ("numerator", "denominator", "cost")
    if code == "5.4":
        return ("denominator", *measures.SATISFACTION_COSTS)
    return ()
