"""Shares as the report's appendix writes them, pure code."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

_CENT = Decimal("0.01")


def percent(numerator: int, denominator: int) -> float | None:
    """Return numerator ÷ denominator in percent, rounded half up to two decimals; None when the denominator is 0."""
    if not denominator:
        return None
    return float((Decimal(numerator) * 100 / Decimal(denominator)).quantize(_CENT, ROUND_HALF_UP))
