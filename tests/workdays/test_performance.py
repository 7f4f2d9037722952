"""Long durations step day by day, never minute by minute."""

import time

from tests.workdays.conftest import at


def test_five_hundred_working_days_are_fast(cal):
    start = time.perf_counter()
    for _ in range(100):
        due = cal.due_for(at("2022-03-01 09:13"), 500, "working_day")
        cal.working_time_between(at("2022-03-01 09:13"), due)
    # ~2 ms each on a laptop; a minute loop would take seconds per call.
    assert time.perf_counter() - start < 5
    assert cal.working_time_between(at("2022-03-01 09:13"), due).total_seconds() == 500 * 8 * 3600
