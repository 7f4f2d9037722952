"""The dossier generator: deterministic, realistic, and accepted by the exchange loader."""

import collections
import datetime as dt
import json

import pytest

from motcua.demo import generate
from motcua.demo.generate import LOCAL_TZ, generate_dossiers

from .conftest import NOW, PERIODS

pytestmark = pytest.mark.django_db


def t(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


@pytest.fixture
def dossiers(demo_catalog):
    return list(generate_dossiers(demo_catalog, PERIODS, seed=7, now=NOW))


def test_same_seed_gives_the_same_dossiers(demo_catalog, dossiers):
    assert list(generate_dossiers(demo_catalog, PERIODS, seed=7, now=NOW)) == dossiers
    assert list(generate_dossiers(demo_catalog, PERIODS, seed=8, now=NOW)) != dossiers


def test_a_days_dossiers_do_not_depend_on_the_period(demo_catalog, dossiers):
    days = [(dt.date(2023, 4, 10), dt.date(2023, 4, 12))]
    part = list(generate_dossiers(demo_catalog, days, seed=7, now=NOW))
    assert part
    assert part == [d for d in dossiers if "2023-04-10" <= d["received_at"][:10] <= "2023-04-12"]


def test_loader_accepts_every_line_and_reloading_changes_nothing(dossiers):
    from motcua.dossiers.models import Dossier
    from motcua.exchange.loading import load_jsonl

    lines = [json.dumps(d, ensure_ascii=False) for d in dossiers]
    report = load_jsonl("dossiers", lines, today=NOW.date())
    assert report.error_lines() == []
    assert report.created == len(lines) == Dossier.objects.count()
    again = load_jsonl("dossiers", lines, today=NOW.date())
    assert again.error_lines() == [] and again.unchanged == len(lines) and again.created == 0


def test_codes_are_sequential_per_unit_per_local_day(demo_catalog, dossiers):
    from motcua.units.models import find_unit

    by_day = collections.defaultdict(list)
    for d in dossiers:
        day = t(d["received_at"]).astimezone(LOCAL_TZ).date()
        # A code names its holder on the day of receipt (15976: Hoằng Lưu, then the new Hoằng Châu).
        assert d["code"].startswith(f"{find_unit(d['unit'], day).agency_id}-{day:%y%m%d}-")
        by_day[(d["unit"], day)].append(d)
    for items in by_day.values():
        assert [int(d["code"].rsplit("-", 1)[1]) for d in items] == list(range(1, len(items) + 1))
        received = [t(d["received_at"]) for d in items]
        assert received == sorted(received)


def test_channels_follow_the_procedures_online_level(demo_catalog, dossiers):
    from motcua.catalog.models import Procedure

    online = dict(Procedure.objects.values_list("code", "online"))
    allowed = {
        "none": {"counter", "postal"},
        "partial": {"counter", "postal", "online_partial"},
        "full": {"counter", "postal", "online_full"},
    }
    for d in dossiers:
        assert d["channel"] in allowed[online[d["procedure"]]], d["code"]
    counts = collections.Counter(d["channel"] for d in dossiers)
    assert counts["counter"] > counts["postal"] > 0
    assert counts["online_partial"] > 0 and counts["online_full"] > 0


def test_received_on_working_days_in_working_hours(demo_catalog, dossiers):
    from motcua.workdays.service import calendar_for_unit

    units = {u.code: u for u in demo_catalog}
    for d in dossiers:
        calendar = calendar_for_unit(units[d["unit"]])
        received = t(d["received_at"]).astimezone(LOCAL_TZ)
        assert calendar.is_working_day(received.date()), d["code"]
        assert any(start <= received.time() < end for start, end in calendar.periods), d["code"]


def test_units_receive_only_while_valid_and_procedures_in_force(demo_catalog, dossiers):
    from motcua.catalog.models import Procedure

    from motcua.units.models import find_unit

    procedures = {p.code: p for p in Procedure.objects.prefetch_related("units")}
    for d in dossiers:
        day = t(d["received_at"]).date()
        unit = find_unit(d["unit"], day)
        assert unit.is_valid_on(day), d["code"]
        procedure = procedures[d["procedure"]]
        assert procedure.is_in_force_on(day) and unit in procedure.units.all(), d["code"]
    assert {d["unit"] for d in dossiers if d["received_at"] < "2025"} == {
        "15967", "15970", "15973", "15976", "15994", "15997", "16003"
    }
    # Since 1 Jul 2025: Hoằng Thanh, and Hoằng Châu under Hoằng Lưu's old code.
    assert {(d["unit"], d["code"][:6]) for d in dossiers if d["received_at"] > "2025"} == {("16000", "H56.82"), ("15976", "H56.83")}


def test_due_times_come_from_the_committed_duration_and_supplement_waits(demo_catalog, dossiers):
    from motcua.catalog.models import Procedure
    from motcua.workdays.service import due_for_unit, working_time_between_for_unit

    units = {u.code: u for u in demo_catalog}
    committed = {p.code: p.committed_duration for p in Procedure.objects.all()}
    for d in dossiers:
        unit = units[d["unit"]]
        value, duration_unit = committed[d["procedure"]]
        due = due_for_unit(unit, t(d["received_at"]), value, duration_unit)
        for s in d.get("supplements", []):
            if "received_at" in s:
                waited = working_time_between_for_unit(unit, t(s["requested_at"]), t(s["received_at"]))
                due = due_for_unit(unit, due, waited.total_seconds() / 3600, "working_hour")
        assert t(d["due_at"]) == due, d["code"]


def test_nothing_happens_after_now_and_recent_dossiers_stay_open(dossiers):
    for d in dossiers:
        stamps = [d["received_at"], d.get("resolved_at"), d.get("returned_at")]
        stamps += [r["at"] for r in d.get("ratings", [])] + [a["issued_at"] for a in d.get("apologies", [])]
        stamps += [s.get("received_at") for s in d.get("supplements", [])]
        assert all(t(s) <= NOW for s in stamps if s), d["code"]
    still_open = [d for d in dossiers if "resolved_at" not in d]
    assert still_open
    assert all(t(d["received_at"]) > NOW - dt.timedelta(days=60) for d in still_open)


def test_resolution_is_mostly_in_time_with_apologies_before_the_due_time(dossiers):
    resolved = [d for d in dossiers if d.get("outcome") in ("approved", "refused")]
    late = [d for d in resolved if t(d["resolved_at"]) > t(d["due_at"])]
    assert len(late) <= 0.06 * len(resolved)
    for d in dossiers:
        for apology in d.get("apologies", []):
            assert t(apology["issued_at"]) <= t(d["due_at"]) < t(apology["new_due_at"])
            assert apology["reason"]
        if d.get("returned_at"):
            assert t(d["returned_at"]) >= t(d["resolved_at"])


def test_applicants_look_real(dossiers):
    from motcua.lib.cccd import validate_cccd

    citizens = [d["applicant"] for d in dossiers if d["applicant"]["kind"] == "citizen"]
    assert len(citizens) > 0.9 * len(dossiers)
    for a in citizens:
        assert validate_cccd(a["id_number"], NOW.date()) is None
        assert len(a["name"].split()) >= 3
        assert len(a["phone"]) == 10 and a["phone"].startswith("0")
    assert sum(a["id_number"].startswith("038") for a in citizens) > 0.8 * len(citizens)


def test_a_quarter_has_realistic_volume_and_mix(demo_catalog):
    from motcua.catalog.models import Procedure

    luu = [u for u in demo_catalog if u.uid == "15976"]
    quarter = list(generate_dossiers(luu, [(dt.date(2023, 4, 1), dt.date(2023, 6, 30))], seed=2023, now=NOW))
    assert 150 <= len(quarter) <= 300
    field_of = dict(Procedure.objects.values_list("code", "field__code"))
    common = sum(field_of[d["procedure"]] in ("chung_thuc", "ho_tich") for d in quarter)
    assert common >= 0.75 * len(quarter)
    rated = sum(bool(d.get("ratings")) for d in quarter)
    assert 0.2 * len(quarter) <= rated <= 0.4 * len(quarter)


def test_demo_periods_cover_the_whole_years_and_the_last_twelve_months():
    today = dt.date(2026, 11, 25)
    assert generate.demo_periods(today, [2023]) == [
        (dt.date(2023, 1, 1), dt.date(2023, 12, 31)),
        (dt.date(2025, 11, 26), dt.date(2026, 11, 25)),
    ]
    # Overlapping ranges are merged so no dossier is generated twice.
    assert generate.demo_periods(today, [2026]) == [(dt.date(2025, 11, 26), dt.date(2026, 11, 25))]
    assert generate.last_twelve_months(dt.date(2028, 2, 29)) == (dt.date(2027, 3, 1), dt.date(2028, 2, 29))
