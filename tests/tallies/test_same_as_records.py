"""The tallied figures equal the figures counted on the records, for any period, whatever changed the records.

Random dossiers, ratings and apologies over 2023 in two communes; the tallies of
2023 are filled; then random changes — through the desk's actions (receive,
assign, process, decide, rate, apologise) and through QuerySet.update() and
delete(), which no Python code of motcua sees, and a field's kind — and then
every figure over random periods (odd days, crossing months) is compared with
the records. A tally that a change did not invalidate would show here.
"""

import datetime as dt

import pytest
from django.db import transaction
from django.db.models import F
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua.catalog.models import Field, Procedure
from motcua.dossiers.actions import (
    do_approve_dossier,
    do_assign_dossier,
    do_issue_apology,
    do_record_rating,
    do_start_processing,
    do_submit_for_decision,
)
from motcua.dossiers.models import Apology, Dossier, Rating
from motcua.lib.periods import Period
from motcua.tallies import tally
from motcua.tallies.tally import FILL_ON_READ
from motcua.tallies.tally import split, totals, totals_by_unit
from tests.desk.conftest import receive, vn
from tests.tallies.truth import raw_totals

pytestmark = pytest.mark.django_db

START = dt.datetime(2023, 1, 1, tzinfo=vn(2023, 1, 1).tzinfo)
CHANNELS = ["counter", "postal", "online_partial", "online_full"]
OUTCOMES = ["", "approved", "refused", "withdrawn", "stopped"]

hours = st.integers(min_value=0, max_value=400 * 24)
dossier = st.fixed_dictionaries({
    "unit": st.integers(0, 1),
    "channel": st.sampled_from(CHANNELS),
    "received": hours,
    "due": st.integers(0, 30 * 24),
    "resolved": st.none() | st.integers(0, 60 * 24),
    "outcome": st.sampled_from(OUTCOMES),
    "kind": st.integers(0, 2),
    "portal": st.booleans(),
    "ratings": st.lists(st.tuples(st.integers(0, 60 * 24), st.sampled_from(["very_satisfied", "satisfied", "unsatisfied"]),
                                  st.sampled_from(["online", "paper", "kiosk", ""])), max_size=2,
                        unique_by=lambda rating: rating[2]),  # one rating per channel
    "apology": st.none() | st.integers(0, 40 * 24),
})
change = st.one_of(
    st.tuples(st.just("resolved"), st.integers(0, 20), st.none() | st.integers(0, 60 * 24)),
    st.tuples(st.just("received"), st.integers(0, 20), hours),
    st.tuples(st.just("due"), st.integers(0, 20), st.integers(0, 40 * 24)),
    st.tuples(st.just("channel"), st.integers(0, 20), st.sampled_from(CHANNELS)),
    st.tuples(st.just("unit"), st.integers(0, 20), st.integers(0, 1)),
    st.tuples(st.just("delete"), st.integers(0, 20), st.none()),
    st.tuples(st.just("rating_at"), st.integers(0, 20), st.integers(0, 400 * 24)),
    st.tuples(st.just("apology_at"), st.integers(0, 20), st.integers(0, 400 * 24)),
    st.tuples(st.just("field_kind"), st.integers(0, 2), st.sampled_from(["", "land", "construction"])),
    st.tuples(st.just("action"), st.integers(0, 300), st.integers(1, 60)),
)
period = st.tuples(st.integers(-20, 400), st.integers(0, 420)).map(
    lambda p: (dt.date(2023, 1, 1) + dt.timedelta(days=p[0]), p[1]))


def _at(hour: int) -> dt.datetime:
    return START + dt.timedelta(hours=hour)


def _build(desk, specs, procedures):
    units = [desk.unit, desk.unit_b]
    for i, spec in enumerate(specs):
        received = _at(spec["received"])
        resolved = None if spec["resolved"] is None or not spec["outcome"] else received + dt.timedelta(hours=spec["resolved"])
        d = Dossier.objects.create(
            code=f"T-{i}", unit=units[spec["unit"]], procedure=procedures[spec["kind"]], channel=spec["channel"],
            received_at=received, due_at=received + dt.timedelta(hours=spec["due"]), resolved_at=resolved,
            outcome=spec["outcome"] if resolved else "", published_portal=spec["portal"], published_website=not spec["portal"],
        )
        for hour, value, channel in spec["ratings"]:
            Rating.objects.create(dossier=d, at=received + dt.timedelta(hours=hour), value=value, channel=channel)
        if spec["apology"] is not None:
            Apology.objects.create(dossier=d, issued_at=received + dt.timedelta(hours=spec["apology"]), reason="")


def _act(desk, day: int, hours_taken: int) -> None:
    """Take a dossier through the desk's actions: received, assigned, processed, approved, rated, with an apology."""
    received = vn(2023, 1, 2, 8) + dt.timedelta(days=day)
    while received.weekday() >= 5:
        received += dt.timedelta(days=1)
    step = dt.timedelta(hours=hours_taken)
    d = receive(desk, received)
    d = do_assign_dossier(desk.officer, d, desk.specialist, at=received + step)
    d = do_start_processing(desk.specialist, d, at=received + 2 * step)
    # An apology is due once little time is left: issued an hour after the due time (the dossier is late).
    apologised = max(received + 3 * step, d.due_at + dt.timedelta(hours=1))
    d = do_issue_apology(desk.officer, d, apologised + dt.timedelta(days=2), "Chờ xác minh", at=apologised)
    d = do_submit_for_decision(desk.specialist, d, at=apologised + step)
    d = do_approve_dossier(desk.leader, d, at=apologised + 2 * step)
    do_record_rating(desk.officer, d, "satisfied", "paper", at=apologised + 3 * step)


def _apply(desk, changes) -> None:
    units = [desk.unit, desk.unit_b]
    ids = list(Dossier.objects.order_by("pk").values_list("pk", flat=True))
    for what, index, value in changes:
        if what == "field_kind":
            Field.objects.filter(code=f"tally-{index}").update(kind=value)
            continue
        if what == "action":
            _act(desk, index, value)
            continue
        if not ids:
            continue
        pk = ids[index % len(ids)]
        rows = Dossier.objects.filter(pk=pk)
        received = rows.values_list("received_at", flat=True).first()
        if received is None:
            continue
        if what == "resolved":
            rows.update(resolved_at=None if value is None else received + dt.timedelta(hours=value),
                        outcome="" if value is None else "approved")
        elif what == "received":  # the whole dossier moves in time (due and resolved after receipt)
            shift = _at(value) - received
            rows.update(received_at=F("received_at") + shift, due_at=F("due_at") + shift,
                        resolved_at=F("resolved_at") + shift)
        elif what == "due":
            rows.update(due_at=received + dt.timedelta(hours=value))
        elif what == "channel":
            rows.update(channel=value)
        elif what == "unit":
            rows.update(unit=units[value])
        elif what == "delete":
            Rating.objects.filter(dossier_id=pk).delete()
            Apology.objects.filter(dossier_id=pk).delete()
            if not rows.filter(events__isnull=False).exists():
                rows.delete()
        elif what == "rating_at":
            Rating.objects.filter(dossier_id=pk).update(at=_at(value))
        elif what == "apology_at":
            Apology.objects.filter(dossier_id=pk).update(issued_at=_at(value))


# fill_on_read 0: after the first fill, any missing month makes the reader count its units on their records
# (as a province's cold year does), next to the units whose tallies are all valid.
@pytest.mark.parametrize("fill_on_read", [FILL_ON_READ, 0])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(specs=st.lists(dossier, max_size=10), changes=st.lists(change, max_size=6), periods=st.lists(period, min_size=1, max_size=4))
def test_tallied_figures_equal_the_records(desk, specs, changes, periods, fill_on_read, monkeypatch):
    monkeypatch.setattr(tally, "FILL_ON_READ", FILL_ON_READ)  # each example fills its year first
    with transaction.atomic():
        fields = [Field.objects.create(code=f"tally-{i}", name=f"Lĩnh vực {i}", kind=kind)
                  for i, kind in enumerate(["", "land", "construction"])]
        procedures = [Procedure.objects.create(code=f"T{i}", name=f"Thủ tục {i}", field=field, level=desk.procedure.level,
                                               legal_duration_value=3, legal_duration_unit="working_day")
                      for i, field in enumerate(fields)]
        _build(desk, specs, procedures)
        year = Period("2023", dt.date(2023, 1, 1), dt.date(2023, 12, 31))
        commune_ids = [desk.unit.pk, desk.unit_b.pk]
        totals_by_unit(commune_ids, year)  # fills the twelve months of both communes
        monkeypatch.setattr(tally, "FILL_ON_READ", fill_on_read)
        _apply(desk, changes)
        for start, days in periods:
            p = Period("p", start, start + dt.timedelta(days=days))
            assert totals([desk.unit.pk], p) == raw_totals([desk.unit.pk], p), (p, split(p))
            assert totals(commune_ids, p) == raw_totals(commune_ids, p), (p, split(p))
            by_unit = totals_by_unit(commune_ids, p)
            assert by_unit[desk.unit_b.pk] == raw_totals([desk.unit_b.pk], p)
        transaction.set_rollback(True)


def test_a_period_is_split_into_whole_past_months_and_the_rest():
    def at(*day):
        return vn(*day)

    # 15 Jan – 3 Apr 2023: Feb and Mar whole; 15–31 Jan and 1–3 Apr counted on the records.
    months, rest = split(Period("p", dt.date(2023, 1, 15), dt.date(2023, 4, 3)), today=dt.date(2026, 12, 5))
    assert months == [dt.date(2023, 2, 1), dt.date(2023, 3, 1)]
    assert rest == [(at(2023, 1, 15), at(2023, 2, 1)), (at(2023, 4, 1), at(2023, 4, 4))]
    # A whole quarter: three months, nothing else.
    months, rest = split(Period("p", dt.date(2023, 4, 1), dt.date(2023, 6, 30)), today=dt.date(2026, 12, 5))
    assert (months, rest) == ([dt.date(2023, 4, 1), dt.date(2023, 5, 1), dt.date(2023, 6, 1)], [])
    # The current month (Dec 2026) is never read from a tally: Nov whole, 1–31 Dec counted.
    months, rest = split(Period("p", dt.date(2026, 11, 1), dt.date(2026, 12, 31)), today=dt.date(2026, 12, 5))
    assert (months, rest) == ([dt.date(2026, 11, 1)], [(at(2026, 12, 1), at(2027, 1, 1))])
    # Within one month: all counted on the records.
    months, rest = split(Period("p", dt.date(2023, 4, 12), dt.date(2023, 4, 12)), today=dt.date(2026, 12, 5))
    assert (months, rest) == ([], [(at(2023, 4, 12), at(2023, 4, 13))])
