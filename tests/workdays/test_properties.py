"""Algebraic properties of WorkCalendar over the holidays package's 2022–2027 calendar."""

import datetime as dt

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from motcua.workdays.calendar import LOCAL_TZ
from tests.workdays.conftest import vn_calendar

CAL = vn_calendar()
DAY = 480
PROPERTY_SETTINGS = settings(max_examples=200, deadline=None)

# Boundaries matter most: period starts and ends, lunch, night, the 15:00 cut-off.
_EDGE_TIMES = [
    dt.time(h, m) for h, m in [(0, 0), (6, 59), (7, 0), (11, 30), (12, 0), (13, 30), (15, 0), (17, 0), (23, 59)]
]
_days = st.dates(min_value=dt.date(2022, 1, 1), max_value=dt.date(2026, 6, 30))
_any_instant = st.datetimes(
    min_value=dt.datetime(2022, 1, 1), max_value=dt.datetime(2026, 6, 30), timezones=st.sampled_from([LOCAL_TZ, dt.UTC])
)
_edge_instant = st.builds(lambda d, t: dt.datetime.combine(d, t, tzinfo=LOCAL_TZ), _days, st.sampled_from(_EDGE_TIMES))
instants = st.one_of(_any_instant, _edge_instant)
# Up to 60 working days, in minutes; keeps results inside the 2022–2027 data.
minutes = st.integers(min_value=0, max_value=60 * DAY)


@st.composite
def inside_periods(draw):
    """Draw an instant in a working period of a working day, its start excluded, its end included."""
    day = draw(_days.filter(CAL.is_working_day))
    start, end = (dt.datetime.combine(day, t, tzinfo=LOCAL_TZ) for t in draw(st.sampled_from(CAL.periods)))
    return start + dt.timedelta(seconds=draw(st.integers(1, int((end - start).total_seconds()))))


@PROPERTY_SETTINGS
@given(instants, minutes, minutes)
def test_due_composes(t, a, b):
    assert CAL.due(CAL.due(t, a), b) == CAL.due(t, a + b)


@PROPERTY_SETTINGS
@given(instants, minutes)
def test_due_is_always_working_time(t, a):
    due = CAL.due(t, a)
    assert CAL.is_working_day(due.date())
    assert CAL.is_working_time(due)
    assert due.utcoffset() == dt.timedelta(hours=7)


@PROPERTY_SETTINGS
@given(instants, minutes, minutes)
def test_due_is_monotonic(t, a, b):
    a, b = sorted((a, b))
    assert CAL.due(t, a) <= CAL.due(t, b)


@PROPERTY_SETTINGS
@given(instants, minutes)
def test_working_time_to_due_is_the_duration(t, a):
    assert CAL.working_time_between(t, CAL.due(t, a)) == dt.timedelta(minutes=a)


@PROPERTY_SETTINGS
@given(instants, inside_periods())
def test_due_inverts_working_time_between(a, b):
    # Exact for b strictly after a period start: at a period start, due picks
    # the previous period's end, which holds the same working time.
    assume(b > CAL.next_working_instant(a))
    assert CAL.due(a, CAL.working_time_between(a, b)) == b


@PROPERTY_SETTINGS
@given(instants, st.sampled_from(["working_hour", "working_day", "calendar_day", "same_day"]), st.integers(0, 30))
def test_every_unit_gives_working_time_not_before_receipt(t, unit, value):
    due = CAL.due_for(t, value, unit)
    assert CAL.is_working_time(due)
    assert due >= min(t, CAL.next_working_instant(t))


def _due_by_minutes(t, minutes):
    """Reference: walk minute by minute (whole-minute local instants only); slow but obviously right."""
    naive = t.astimezone(LOCAL_TZ).replace(tzinfo=None)

    def working_minute(m):  # the minute [m, m + 1) is worked
        return CAL.is_working_day(m.date()) and any(start <= m.time() < end for start, end in CAL.periods)

    in_period = any(start <= naive.time() <= end for start, end in CAL.periods)
    if minutes == 0 and in_period and CAL.is_working_day(naive.date()):
        return naive.replace(tzinfo=LOCAL_TZ)
    cursor, counted = naive, 0
    while not working_minute(cursor):
        cursor += dt.timedelta(minutes=1)
    start_of_work = cursor
    while counted < minutes:
        if working_minute(cursor):
            counted += 1
        cursor += dt.timedelta(minutes=1)
    return (cursor if minutes else start_of_work).replace(tzinfo=LOCAL_TZ)


@settings(max_examples=100, deadline=None)
@given(instants.map(lambda t: t.replace(second=0, microsecond=0)), st.integers(0, DAY))
def test_due_matches_minute_by_minute_reference(t, a):
    assert CAL.due(t, a) == _due_by_minutes(t, a)
