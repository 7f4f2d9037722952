"""Lunar New Year (Tết) days are not worked."""

import datetime as dt

from tests.workdays.conftest import at


def test_tet_2024_is_off_from_8_to_14_february(cal):
    # Tết Giáp Thìn: 29 Tết (Thu 8 Feb) to mùng năm (Wed 14 Feb); back on Thu 15.
    assert cal.is_working_day(dt.date(2024, 2, 7))
    for day in range(8, 15):
        assert not cal.is_working_day(dt.date(2024, 2, day)), day
    assert cal.is_working_day(dt.date(2024, 2, 15))


def test_one_day_received_just_before_tet_2024(cal):
    # Wed 7 Feb 2024 09:00 + 1 working day (8 h): Wed 09:00–11:30 (2.5 h) and
    # 13:30–17:00 (3.5 h) = 6 h; 8–14 Feb off; Thu 15 Feb 07:00 + 2 h = 09:00.
    assert cal.due_for(at("2024-02-07 09:00"), 1, "working_day") == at("2024-02-15 09:00")


def test_tet_2023(cal):
    # Tết Quý Mão: Fri 20 Jan – Thu 26 Jan 2023 off. Thu 19 Jan 16:00 + 2 h:
    # 1 h on Thursday, then Fri 27 Jan 07:00 + 1 h = 08:00.
    assert cal.due(at("2023-01-19 16:00"), 120) == at("2023-01-27 08:00")
