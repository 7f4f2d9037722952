"""Points from counts (index766.md): max × rate, thresholds, zero denominators, group sums.

Pure code on Decimals, so that a score is the same on every engine and in
every surface; rounding (two decimals, half up) happens once, on output.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from motcua.index766.definitions import GROUPS, INDICATORS, Indicator

ONE = Decimal(1)


@dataclass(frozen=True)
class Score:
    indicator: Indicator
    numerator: int
    denominator: int
    rate: Decimal | None  # 0–1; None: "N/A" (zero denominator)
    points: Decimal

    @property
    def applicable(self) -> bool:
        return self.rate is not None


def rate_of(numerator: int, denominator: int) -> Decimal | None:
    if denominator <= 0:
        return None
    return min(ONE, Decimal(numerator) / Decimal(denominator))


def points_for(indicator: Indicator, rate: Decimal | None) -> Decimal:
    """Return an indicator's points for a rate: max × rate, full from its threshold; a zero denominator per its rule."""
    if rate is None:
        return indicator.max if indicator.zero == "full" else Decimal(0)
    if indicator.threshold is not None:
        return indicator.max * min(ONE, rate / indicator.threshold)
    return indicator.max * rate


def score(indicator: Indicator, numerator: int, denominator: int, factor: Decimal | None = None) -> Score:
    """Score one indicator; `factor` multiplies the rate (3.3 is multiplied by the sync rate 1.4)."""
    rate = rate_of(numerator, denominator)
    if rate is not None and factor is not None:
        rate = rate * factor
    return Score(indicator, numerator, denominator, rate, points_for(indicator, rate))


def rounded(value: Decimal | None, places: str = "0.01") -> float | None:
    return None if value is None else float(value.quantize(Decimal(places), rounding=ROUND_HALF_UP))


def group_points(scores: dict[str, Score]) -> dict[str, Decimal]:
    return {g.key: sum((s.points for s in scores.values() if s.indicator.group == g.key), Decimal(0)) for g in GROUPS}


def check_definitions() -> None:
    """Refuse definitions whose indicators do not add up to their groups' maxima and 100 points in all."""
    for group in GROUPS:
        total = sum(i.max for i in INDICATORS if i.group == group.key)
        if total != group.max:
            raise ValueError(f"nhóm {group.number}: các chỉ số cộng {total} điểm, nhóm có {group.max}")
    if sum(g.max for g in GROUPS) != 100:
        raise ValueError("các nhóm không cộng đủ 100 điểm")
