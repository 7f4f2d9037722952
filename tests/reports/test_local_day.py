"""LocalDate: the Việt Nam calendar day of a stored instant, the same on SQLite (native date()) and PostgreSQL."""

import datetime as dt
from zoneinfo import ZoneInfo

from motcua.dossiers.models import Dossier
from motcua.dossiers.figures import LocalDate, fixed_offset_minutes
from tests.reports.scenario import make_dossier, utc

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def test_vietnam_has_one_offset():
    assert fixed_offset_minutes(VN) == 420
    assert fixed_offset_minutes(ZoneInfo("Europe/Paris")) is None


def test_local_day_around_local_midnight(scenario):
    instants = ["2023-06-30T16:59:59Z", "2023-06-30T17:00:00Z", "2023-06-30T17:00:00.5Z", "2023-12-31T23:59:59Z",
                "2024-02-28T17:00:00Z", "2023-01-01T00:00:00Z"]
    p1, a = scenario.procedures.p1, scenario.units.a
    for i, text in enumerate(instants):
        at = utc(text)
        make_dossier(f"LD-{i}", a, p1, "counter", at, at + dt.timedelta(hours=1))
    got = dict(Dossier.objects.filter(code__startswith="LD-").annotate(day=LocalDate("received_at")).values_list("code", "day"))
    expected = {f"LD-{i}": utc(text).astimezone(VN).date() for i, text in enumerate(instants)}
    assert {code: dt.date.fromisoformat(str(day)) for code, day in got.items()} == expected
