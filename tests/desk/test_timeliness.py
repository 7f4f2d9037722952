"""Early, on time, late: judged on the local (UTC+7) calendar and clock."""

import datetime as dt

import pytest

from motcua.dossiers.timeliness import classify, classify_open
from tests.desk.conftest import vn

UTC = dt.timezone.utc
DUE = vn(2023, 6, 8, 8, 0)  # Thu 08/06/2023 08:00 local = 01:00 UTC


@pytest.mark.parametrize(
    "resolved, expected",
    [
        (vn(2023, 6, 8, 8, 0), "on_time"),  # exactly at the due time
        (vn(2023, 6, 8, 7, 59), "on_time"),  # earlier on the due day
        (vn(2023, 6, 8, 0, 0), "on_time"),  # first instant of the due day
        (vn(2023, 6, 7, 23, 59), "early"),  # the day before
        (vn(2023, 6, 5, 9, 0), "early"),
        (vn(2023, 6, 8, 8, 1), "late"),  # one minute after
        (vn(2023, 6, 8, 8, 0, 1), "late"),  # one second after
        (vn(2023, 6, 9, 7, 0), "late"),
    ],
)
def test_classify(resolved, expected):
    assert classify(resolved, DUE) == expected


def test_utc_times_are_judged_on_the_local_day():
    # 07/06 18:00 UTC is 08/06 01:00 in Việt Nam: the due day, not the day before.
    assert classify(dt.datetime(2023, 6, 7, 18, 0, tzinfo=UTC), dt.datetime(2023, 6, 8, 1, 0, tzinfo=UTC)) == "on_time"
    # 07/06 16:59 UTC is 07/06 23:59 local: the day before → early.
    assert classify(dt.datetime(2023, 6, 7, 16, 59, tzinfo=UTC), dt.datetime(2023, 6, 8, 1, 0, tzinfo=UTC)) == "early"
    # Due 17:00 local (10:00 UTC); resolved 16:30 local written in UTC → on time.
    assert classify(dt.datetime(2023, 6, 8, 9, 30, tzinfo=UTC), vn(2023, 6, 8, 17, 0)) == "on_time"
    assert classify(dt.datetime(2023, 6, 8, 10, 0, 1, tzinfo=UTC), vn(2023, 6, 8, 17, 0)) == "late"


def test_naive_times_are_refused():
    with pytest.raises(ValueError):
        classify(dt.datetime(2023, 6, 8, 8, 0), DUE)


def test_classify_open():
    assert classify_open(DUE, vn(2023, 6, 8, 8, 0)) == "within"
    assert classify_open(DUE, vn(2023, 6, 8, 8, 1)) == "overdue"
