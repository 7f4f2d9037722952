import datetime as dt

import pytest

from motcua.lib.periods import CUTOFF, parse_period

D = dt.date


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("2023-Q1", D(2023, 1, 1), D(2023, 3, 31)),
        ("2023-Q2", D(2023, 4, 1), D(2023, 6, 30)),
        ("2023-Q3", D(2023, 7, 1), D(2023, 9, 30)),
        ("2023-Q4", D(2023, 10, 1), D(2023, 12, 31)),
        ("2023-H1", D(2023, 1, 1), D(2023, 6, 30)),
        ("2023-9M", D(2023, 1, 1), D(2023, 9, 30)),
        ("2023", D(2023, 1, 1), D(2023, 12, 31)),
        ("2023-04-01..2023-06-30", D(2023, 4, 1), D(2023, 6, 30)),
        ("2024-02-29..2024-02-29", D(2024, 2, 29), D(2024, 2, 29)),
        # Months (the QĐ 766 index is scored monthly): February of a leap year, December.
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29)),
        ("2023-02", D(2023, 2, 1), D(2023, 2, 28)),
        ("2026-12", D(2026, 12, 1), D(2026, 12, 31)),
    ],
)
def test_calendar_periods(text, start, end):
    period = parse_period(text)
    assert (period.label, period.start, period.end) == (text, start, end)


@pytest.mark.parametrize(
    "text, start, end",
    [
        # rules.md: Q1 15 Dec (previous year) – 14 Mar; half-year 15 Dec – 14 Jun;
        # Q3 15 Jun – 14 Sep; year 15 Dec – 14 Dec.
        ("2023-Q1", D(2022, 12, 15), D(2023, 3, 14)),
        ("2023-Q2", D(2023, 3, 15), D(2023, 6, 14)),
        ("2023-H1", D(2022, 12, 15), D(2023, 6, 14)),
        ("2023-Q3", D(2023, 6, 15), D(2023, 9, 14)),
        ("2023-9M", D(2022, 12, 15), D(2023, 9, 14)),
        ("2023", D(2022, 12, 15), D(2023, 12, 14)),
        # A month stays a calendar month: the national portal scores calendar months.
        ("2023-12", D(2023, 12, 1), D(2023, 12, 31)),
    ],
)
def test_cutoff_periods(text, start, end):
    period = parse_period(text, calendar=CUTOFF)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize(
    "text, title",
    [("2023-Q2", "quý II năm 2023"), ("2023-H1", "6 tháng đầu năm 2023"), ("2023-9M", "9 tháng năm 2023"), ("2023", "năm 2023"), ("2026-11", "tháng 11 năm 2026")],
)
def test_titles_are_vietnamese(text, title):
    assert parse_period(text).title == title


def test_membership_is_inclusive():
    q2 = parse_period("2023-Q2")
    assert D(2023, 4, 1) in q2 and D(2023, 6, 30) in q2
    assert D(2023, 3, 31) not in q2 and D(2023, 7, 1) not in q2


@pytest.mark.parametrize(
    "text, message",
    [
        ("2023-Q5", "kỳ báo cáo không hợp lệ"),
        ("2023-13", "kỳ báo cáo không hợp lệ"),
        ("2023-00", "kỳ báo cáo không hợp lệ"),
        ("2023-5", "kỳ báo cáo không hợp lệ"),
        ("Q2-2023", "kỳ báo cáo không hợp lệ"),
        ("", "kỳ báo cáo không hợp lệ"),
        ("2023-06-30..2023-04-01", "ngày kết thúc trước ngày bắt đầu"),
        ("2023-02-30..2023-03-01", "ngày không có thật"),
    ],
)
def test_bad_periods_are_named(text, message):
    with pytest.raises(ValueError, match=message):
        parse_period(text)


def test_unknown_calendar_is_refused():
    with pytest.raises(ValueError, match="lịch kỳ báo cáo"):
        parse_period("2023", calendar="lunar")
