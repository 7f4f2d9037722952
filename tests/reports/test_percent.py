"""Percentages: two decimals rounded half up, and no value when the denominator is 0."""

import pytest

from motcua.reports.compute import percent


@pytest.mark.parametrize(
    "numerator, denominator, expected",
    [
        (3, 4, 75.0),
        (2, 3, 66.67),
        (1, 3, 33.33),
        (1, 6, 16.67),
        (1, 800, 0.13),  # 0.125 rounds half up, not to even
        (1, 1600, 0.06),  # 0.0625
        (5, 5, 100.0),
        (0, 7, 0.0),
        (0, 0, None),
        (3, 0, None),
    ],
)
def test_percent(numerator, denominator, expected):
    result = percent(numerator, denominator)
    assert result == expected
    if expected is not None:
        assert isinstance(result, float)
