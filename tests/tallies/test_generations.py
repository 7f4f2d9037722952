"""A tally is used only as of the generation it was counted at: a change after that makes it invalid, never stale.

Commune A: dossier X received at the counter on 10 Apr 2023 09:00, decided in time on
12 Apr; dossier Y received by post on 3 May, not decided. A's April: received 1 (counter),
decided 1; May: received 1 (postal).
"""

import datetime as dt
import threading

import pytest
from django.db import connection, connections, transaction

from motcua.catalog.models import Field
from motcua.dossiers.models import Dossier, Rating
from motcua.lib.periods import Period
from motcua.tallies import tally
from motcua.tallies.models import GLOBAL_MONTH, GLOBAL_UNIT, Generation, Tally
from tests.desk.conftest import vn

pytestmark = pytest.mark.django_db

APRIL, MAY = dt.date(2023, 4, 1), dt.date(2023, 5, 1)
SPRING = Period("2023-04..05", APRIL, dt.date(2023, 5, 31))


@pytest.fixture
def dossiers(desk):
    x = Dossier.objects.create(code="X", unit=desk.unit, procedure=desk.procedure, channel="counter",
                               received_at=vn(2023, 4, 10, 9), due_at=vn(2023, 4, 13, 9),
                               resolved_at=vn(2023, 4, 12, 9), outcome="approved")
    y = Dossier.objects.create(code="Y", unit=desk.unit, procedure=desk.procedure, channel="postal",
                               received_at=vn(2023, 5, 3, 9), due_at=vn(2023, 5, 6, 9))
    return x, y


def generation(unit, month) -> int:
    return Generation.objects.filter(unit_id=getattr(unit, "pk", unit), month=month).values_list(
        "generation", flat=True).first() or 0


def test_a_slow_reader_stores_a_tally_that_is_invalid_at_once(desk, dossiers):
    x, _ = dossiers
    ids, months = [desk.unit.pk], [APRIL, MAY]
    # The reader reads the generations, then counts A's April and May …
    found, global_generation = tally.generations(ids, months)
    counted = tally.count_months(ids, months)
    assert (counted[(desk.unit.pk, APRIL)]["received_counter"], counted[(desk.unit.pk, MAY)]["received_postal"]) == (1, 1)
    # … a change commits meanwhile (X was received by post, not at the counter) …
    Dossier.objects.filter(pk=x.pk).update(channel="postal")
    # … and the reader stores what it counted before it.
    tally.store({pair: counted[pair] for pair in [(desk.unit.pk, APRIL), (desk.unit.pk, MAY)]}, found, global_generation)
    assert Tally.objects.get(unit_id=desk.unit.pk, month=APRIL).received_counter == 1
    # April's stored row is older than April's generation: counted again. May's is valid.
    assert tally._valid_pairs(ids, months) == {(desk.unit.pk, MAY)}
    figures = tally.totals(ids, SPRING, ["received", "received_counter", "received_postal", "decided", "in_time"])
    assert figures == {"received": 2, "received_counter": 0, "received_postal": 2, "decided": 1, "in_time": 1}
    # The reading stored April again, valid now, with the change.
    assert Tally.objects.get(unit_id=desk.unit.pk, month=APRIL).received_postal == 1
    assert tally._valid_pairs(ids, months) == {(desk.unit.pk, APRIL), (desk.unit.pk, MAY)}


def test_every_write_path_bumps_the_months_of_the_old_and_new_anchors(desk, dossiers):
    x, y = dossiers
    a, b = desk.unit, desk.unit_b
    before = {(unit, month): generation(unit, month) for unit in (a, b) for month in (APRIL, MAY)}
    assert min(before.values()) == 0 and before[(a, APRIL)] >= 1  # X's insertion bumped A's April

    def bumped():
        now = {key: generation(*key) for key in before}
        changed = {key for key in before if now[key] != before[key]}
        before.update(now)
        return changed

    # QuerySet.update: X decided on 2 May instead of 12 Apr — April (old) and May (new) of A.
    Dossier.objects.filter(pk=x.pk).update(resolved_at=vn(2023, 5, 2, 9))
    assert bumped() == {(a, APRIL), (a, MAY)}
    # A column no figure reads: nothing.
    Dossier.objects.filter(pk=x.pk).update(applicant_name="Trần Thị B")
    assert bumped() == set()
    # A rating given in May: A's May. Moving Y to commune B: A's and B's May, and the rating's month in both.
    Rating.objects.create(dossier=x, at=vn(2023, 5, 20, 9), value="satisfied", channel="paper")
    assert bumped() == {(a, MAY)}
    Dossier.objects.filter(pk=x.pk).update(unit=b)
    assert bumped() == {(a, APRIL), (a, MAY), (b, APRIL), (b, MAY)}
    # Raw SQL, deleting a dossier: its months.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE dossiers_dossier SET outcome = 'refused' WHERE id = %s", [x.pk])
    assert bumped() == {(b, APRIL), (b, MAY)}
    y.delete()
    assert bumped() == {(a, MAY)}
    # A field's kind: the global generation.
    global_before = generation(GLOBAL_UNIT, GLOBAL_MONTH)
    Field.objects.filter(pk=desk.procedure.field_id).update(kind="land")
    assert generation(GLOBAL_UNIT, GLOBAL_MONTH) == global_before + 1
    assert bumped() == set()


def test_a_field_kind_change_makes_every_tally_invalid(desk, dossiers):
    ids = [desk.unit.pk]
    assert tally.totals(ids, SPRING, ["in_time_land"]) == {"in_time_land": 0}
    assert tally._valid_pairs(ids, [APRIL, MAY]) == {(desk.unit.pk, APRIL), (desk.unit.pk, MAY)}
    Field.objects.filter(pk=desk.procedure.field_id).update(kind="land")
    assert tally._valid_pairs(ids, [APRIL, MAY]) == set()
    assert tally.totals(ids, SPRING, ["in_time_land"]) == {"in_time_land": 1}


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="two connections at once: PostgreSQL")
def test_a_change_committed_while_a_reader_counts_is_never_read_stale(desk, dossiers):
    x, _ = dossiers
    ids = [desk.unit.pk]
    changed, committed = threading.Event(), threading.Event()

    def writer():
        try:
            with transaction.atomic():
                Dossier.objects.filter(pk=x.pk).update(channel="online_full")
                changed.set()
                committed.wait(10)
        finally:
            connections.close_all()

    thread = threading.Thread(target=writer)
    thread.start()
    changed.wait(10)
    # The writer has not committed: the reader counts X at the counter and stores April as of generation g …
    assert tally.totals(ids, SPRING, ["received_counter"]) == {"received_counter": 1}
    committed.set()
    thread.join(10)
    # … the commit bumped April to g + 1: the stored row is not used.
    assert tally.totals(ids, SPRING, ["received_counter", "received_online_full"]) == {
        "received_counter": 0, "received_online_full": 1}
