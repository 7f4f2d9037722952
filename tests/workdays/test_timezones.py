"""Aware inputs in any offset are converted to local time; results are +07:00."""

import datetime as dt

import pytest

from tests.workdays.conftest import at


def test_utc_input(cal):
    # 2023-04-27T02:00:00Z is 09:00 in Hà Nội: same as the spec example.
    received = dt.datetime.fromisoformat("2023-04-27T02:00:00Z")
    due = cal.due_for(received, 3, "working_day")
    assert due.isoformat() == "2023-05-05T09:00:00+07:00"


def test_utc_evening_is_next_local_morning(cal):
    # Mon 11 Mar 2024 23:30 UTC = Tue 12 Mar 06:30 local: clock starts 07:00.
    received = dt.datetime(2024, 3, 11, 23, 30, tzinfo=dt.UTC)
    assert cal.due(received, 60) == at("2024-03-12 08:00")


def test_result_is_in_local_time(cal):
    due = cal.due(dt.datetime(2024, 3, 12, 2, 0, tzinfo=dt.UTC), 0)
    assert due.utcoffset() == dt.timedelta(hours=7)
    assert due == at("2024-03-12 09:00")


def test_naive_input_is_rejected(cal):
    with pytest.raises(ValueError, match="no time zone"):
        cal.due(dt.datetime(2024, 3, 12, 9, 0), 60)
