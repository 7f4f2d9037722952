"""The doubling wait between tries, worked by hand."""

import datetime as dt

from motcua.lib.retry import doubling_wait


def test_the_wait_doubles_after_each_failed_try_up_to_the_ceiling():
    # First wait 5 s, ceiling 6 h = 21,600 s: 5, 10, 20, 40, … 5 × 2^12 = 20,480, then 21,600 from the 14th try.
    waits = [doubling_wait(n, 5, 21600).total_seconds() for n in (1, 2, 3, 4, 13, 14, 60)]
    assert waits == [5, 10, 20, 40, 20480, 21600, 21600]


def test_without_a_ceiling_the_wait_keeps_doubling():
    assert doubling_wait(3, 60) == dt.timedelta(minutes=4)
    # A try count below 1 is read as the first try.
    assert doubling_wait(0, 60) == dt.timedelta(minutes=1)
