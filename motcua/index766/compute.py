"""The QĐ 766 index of a unit over a period: every indicator's counts, rate and points, the groups and the total."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from motcua.index766 import measures
from motcua.index766.definitions import BY_CODE, GROUPS, INDICATORS
from motcua.index766.scoring import Score, group_points, rate_of, rounded, score
from motcua.lib.periods import Period
from motcua.units.models import Unit


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
    d = measures.dossier_counts(unit, period)
    p = measures.procedure_counts(unit, period)
    received = d["received"]
    sync = measures.sync_counts(unit, period)
    sync_rate = rate_of(sync.numerator, sync.denominator)
    fees = measures.fee_counts(unit, period)
    feedback = measures.feedback_counts(unit, period)
    counted = {
        "1.1": (p["announced"], p["applicable"]),
        "1.2": (p["updated"], p["applicable"]),
        "1.3": (p["complete"], p["applicable"]),
        "1.4": (sync.numerator, sync.denominator),
        "2.1": (d["on_time"], received),
        "3.1": (p["online"], p["applicable"]),
        "3.3": (d["online"], received),
        "3.5": (fees.payable_online, fees.procedures),
        "3.5b": (fees.paid_online_procedures, fees.procedures),
        "3.6": (fees.paid_online_dossiers, fees.fee_dossiers),
        "4.1": (d["electronic_result"], d["paper_result"]),
        "4.2": (d["digitized"], received),
        "4.2c": (d["certification_electronic"], d["certification"]),
        "4.3": (d["reused"], received),
        "4.4": (d["data_store"], received),
        "4.5b": (d["vneid"], received),
        "4.5a": (p["population"], p["applicable"]),
        "5.2": (feedback.numerator, feedback.denominator),
        "5.3": (0, 0),  # our rule "feedback_rating": no rating of feedback answers is recorded
        "5.4": (max(0, received - d["late"] - d["complained"]), received),
    }
    scores = {}
    for indicator in INDICATORS:
        numerator, denominator = counted[indicator.code]
        # 3.3: the online share counts only what reached the portal: its rate is multiplied by 1.4's.
        factor = (sync_rate if sync_rate is not None else Decimal(0)) if indicator.code == "3.3" else None
        scores[indicator.code] = score(indicator, numerator, denominator, factor)
    assert set(scores) == set(BY_CODE)
    return IndexResult(unit, period, scores)
