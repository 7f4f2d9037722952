"""The QĐ 766 index of a unit over a period: every indicator's counts, rate and points, the groups and the total."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from motcua.index766 import measures
from motcua.index766.definitions import GROUPS, INDICATORS
from motcua.index766.scoring import Score, group_points, rate_of, rounded, score
from motcua.lib.periods import Period
from motcua.units.models import Unit, covered_unit_ids


@dataclass(frozen=True)
class IndexResult:
    unit: Unit
    period: Period
    scores: dict[str, Score]

    @property
    def groups(self) -> dict[str, Decimal]:
        return group_points(self.scores)

    @property
    def total(self) -> Decimal:
        return sum(self.groups.values(), Decimal(0))

    def as_json(self) -> dict:
        """The shape of exchange.md ("Service index"): points and rates (%) with two decimals; N/A rates are null."""
        groups = self.groups
        return {
            "unit": {"code": self.unit.code, "name": self.unit.name},
            "period": {"label": self.period.label, "start": self.period.start.isoformat(), "end": self.period.end.isoformat()},
            "total": rounded(self.total),
            "max": 100,
            "groups": {g.key: {"score": rounded(groups[g.key]), "max": int(g.max)} for g in GROUPS},
            "indicators": {
                code: {
                    "numerator": s.numerator,
                    "denominator": s.denominator,
                    "rate": rounded(None if s.rate is None else s.rate * 100),
                    "score": rounded(s.points),
                    "max": int(s.indicator.max) if s.indicator.max == int(s.indicator.max) else float(s.indicator.max),
                }
                for code, s in self.scores.items()
            },
        }


def compute_index(unit: Unit, period: Period) -> IndexResult:
    """Compute every indicator of index766.md for `unit` (its covered units) over `period`."""
    return index_from_counts(
        unit, period, measures.dossier_counts(unit, period), measures.procedure_counts(unit, period),
        measures.feedback_counts(unit, period),
    )


def index_by_month(unit: Unit, months: list[Period]) -> list[IndexResult]:
    """compute_index(unit, month) for consecutive calendar months: the dossiers in one query grouped by month."""
    dossiers = measures.dossier_counts_by_month(unit, months)
    feedback = measures.feedback_counts_by_month(unit, months)
    return [
        index_from_counts(unit, month, d, measures.procedure_counts(unit, month), f)
        for month, d, f in zip(months, dossiers, feedback, strict=True)
    ]


def index_by_unit(units: list[Unit], period: Period) -> dict[int, IndexResult]:
    """{unit id: compute_index(unit, period)} for many units: the dossiers in one query grouped by unit."""
    covered = covered_unit_ids(units)
    dossiers = measures.dossier_counts_by_unit(covered, period)
    feedback = measures.feedback_counts_by_unit(covered, period)
    return {
        unit.pk: index_from_counts(
            unit, period, dossiers[unit.pk], measures.procedure_counts(unit, period), feedback[unit.pk],
        )
        for unit in units
    }


def index_from_counts(unit: Unit, period: Period, d: dict[str, int], p: dict[str, int],
                      f: dict[str, int]) -> IndexResult:
    """Score every indicator from the counts of measures (dossiers, procedures, feedback)."""
    counted = {code: (d[top], d[bottom]) for code, (top, bottom) in measures.DOSSIER_RATES.items()}
    counted |= {code: (p[top], p[bottom]) for code, (top, bottom) in measures.PROCEDURE_RATES.items()}
    counted |= {
        "5.2": (f["answered"], f["due"]),
        "5.3": (0, 0),  # our rule "feedback_rating": no rating of feedback answers is recorded
        "5.4": (max(0, d["received"] - d["late"] - d["complained"]), d["received"]),
    }
    # 3.3: the online share counts only what reached the portal: its rate is multiplied by 1.4's.
    sync_rate = rate_of(d["synced"], d["received"]) or Decimal(0)
    scores = {
        i.code: score(i, *counted[i.code], factor=sync_rate if i.code == "3.3" else None) for i in INDICATORS
    }
    return IndexResult(unit, period, scores)
