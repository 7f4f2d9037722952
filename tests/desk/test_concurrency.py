"""Concurrent intakes and decisions on PostgreSQL: row locks make codes gap-free and decisions single."""

import threading
from types import SimpleNamespace

import pytest
from django.db import connections

from motcua.accounts.models import Role
from motcua.dossiers import actions as a
from motcua.dossiers.error_codes import DossierActionError
from motcua.dossiers.error_codes import DossierErrorCode as E
from motcua.dossiers.models import DailySequence, Dossier, DossierEvent
from tests.desk.conftest import APPLICANT, BACKDATED, COMPONENTS, make_procedure, vn
from tests.factories import make_tree, make_user

# Transactional: the threads need committed rows. tests/conftest.py re-seeds the
# migrations' rows the flush after each transactional test removes.
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS, PER_THREAD = 8, 50
JOIN_TIMEOUT = 120  # seconds: a deadlock fails the test instead of hanging CI


def run_in_threads(count, target):
    """Run target(i) in `count` threads started together; return (results, errors) by index."""
    barrier = threading.Barrier(count)
    results, errors = [None] * count, [None] * count

    def work(i):
        try:
            barrier.wait(timeout=30)
            results[i] = target(i)
        except BaseException as exc:  # noqa: BLE001 — reported by the test
            errors[i] = exc
        finally:
            # Each thread opened its own connection: close it or the test database cannot be dropped.
            connections.close_all()

    threads = [threading.Thread(target=work, args=(i,), daemon=True) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(JOIN_TIMEOUT)
    assert not any(thread.is_alive() for thread in threads), "threads did not finish: deadlock?"
    return results, errors


@pytest.fixture
def world():
    province, district, commune, *_ = make_tree()
    return SimpleNamespace(
        unit=commune,
        procedure=make_procedure(),
        officers=[make_user(f"motcua{i}", commune, Role.DESK_OFFICER) for i in range(THREADS)],
        specialist=make_user("tuphap", commune, Role.SPECIALIST),
        leaders=[make_user("chutich", commune, Role.LEADER), make_user("phochutich", commune, Role.LEADER)],
    )


def test_concurrent_intakes_get_every_code_exactly_once(world):
    def intake(i):
        codes = []
        for n in range(PER_THREAD):
            # All on Mon 05/06/2023, local time.
            d = a.do_receive_dossier(
                world.officers[i],
                world.unit,
                world.procedure,
                "counter",
                vn(2023, 6, 5, 8, n, i),
                dict(APPLICANT),
                list(COMPONENTS),
                "counter",
                reason=BACKDATED,
            )
            codes.append(d.code)
        return codes

    results, errors = run_in_threads(THREADS, intake)
    assert errors == [None] * THREADS, errors
    issued = [code for codes in results for code in codes]
    expected = [f"H56.20.03-230605-{n:04d}" for n in range(1, THREADS * PER_THREAD + 1)]
    assert sorted(issued) == expected
    assert sorted(Dossier.objects.values_list("code", flat=True)) == expected
    assert DailySequence.objects.get(unit=world.unit).last == THREADS * PER_THREAD
    assert DossierEvent.objects.filter(verb="receive").count() == THREADS * PER_THREAD
    # Each thread's own codes increase: the lock serialises intakes in order.
    for codes in results:
        assert codes == sorted(codes)


@pytest.mark.parametrize("with_version", [True, False], ids=["expected_version", "no_version"])
def test_two_leaders_approving_at_once_one_wins(world, with_version):
    d = a.do_receive_dossier(
        world.officers[0], world.unit, world.procedure, "counter", vn(2023, 6, 5, 8, 0), dict(APPLICANT), [], "counter", reason=BACKDATED
    )
    d = a.do_assign_dossier(world.officers[0], d, world.specialist, at=vn(2023, 6, 5, 8, 30))
    d = a.do_start_processing(world.specialist, d, at=vn(2023, 6, 5, 9, 0))
    d = a.do_submit_for_decision(world.specialist, d, at=vn(2023, 6, 5, 10, 0))
    version = d.version if with_version else None

    def approve(i):
        return a.do_approve_dossier(world.leaders[i], d, f"Đồng ý ({i})", expected_version=version)

    results, errors = run_in_threads(2, approve)
    winners = [r for r in results if r is not None]
    losers = [e for e in errors if e is not None]
    assert len(winners) == 1 and len(losers) == 1, (results, errors)
    assert isinstance(losers[0], DossierActionError)
    if with_version:
        assert losers[0].code == E.STALE_VERSION
        assert losers[0].message == "hồ sơ đã được người khác thay đổi, vui lòng tải lại"
    else:
        assert losers[0].code == E.INVALID_TRANSITION
    assert DossierEvent.objects.filter(dossier=d, verb="approve").count() == 1
    final = Dossier.objects.get(pk=d.pk)
    assert (final.status, final.version) == ("approved", d.version + 1)
    assert final.events.get(verb="approve").actor == winners[0].events.get(verb="approve").actor
