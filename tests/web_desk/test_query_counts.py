"""The officers' pages read a bounded number of queries, whatever the number of dossiers (benchmarks/pages.py)."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.desk.home import leader_figures
from motcua.dossiers.models import Dossier, Status
from tests.web_desk.conftest import put, vn


def _queries(client, path):
    client.get(path)  # warm: the working-day calendar is cached after the first request
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200
    return ctx.captured_queries


def _add_history(world, count):
    """Add `count` dossiers returned long ago, and one more overdue: figures must not read them one by one."""
    for i in range(count):
        received = vn(2025, 1, 6, 8) + dt.timedelta(days=i)
        put(world.unit, f"H56.20.03-{received:%y%m%d}-{9000 + i:04d}", received, received + dt.timedelta(days=2),
            procedure=world.birth, status=Status.RETURNED, resolved_at=received + dt.timedelta(days=1),
            outcome="approved", returned_at=received + dt.timedelta(days=1))
    put(world.unit, "H56.20.03-260303-0001", vn(2026, 3, 3, 8), vn(2026, 3, 6, 8), procedure=world.birth,
        status=Status.AWAITING_DECISION)


def test_leader_home_queries_do_not_grow_with_dossiers(client, world):
    client.force_login(world.leader)
    before = _queries(client, "/can-bo/")
    _add_history(world, 30)
    after = _queries(client, "/can-bo/")
    assert len(after) == len(before) <= 8


def test_leader_figures_read_only_open_dossiers(world):
    # The aggregate filters the open statuses in its WHERE clause (the unit-and-status
    # index), so closed dossiers are never read; the counts are those of the open ones.
    _add_history(world, 5)
    with CaptureQueriesContext(connection) as ctx:
        counts = {f.key: f.count for f in leader_figures(world.leader)}
    (aggregate,) = [q["sql"] for q in ctx.captured_queries if "awaiting_decision" in q["sql"]]
    where = aggregate.split('FROM "dossiers_dossier" WHERE', 1)[1]
    assert '"dossiers_dossier"."status" IN' in where and Status.RETURNED not in where
    # Apologies due: the two overdue ones and a2, due today within one working day.
    assert counts == {"awaiting_decision": 1, "overdue": 2, "apologies": 3}
    assert Dossier.objects.filter(unit=world.unit, status=Status.RETURNED).count() == 6


def test_home_and_worklist_query_counts_stay_bounded(client, world):
    pages = [
        (world.officer, "/can-bo/", 8),
        (world.specialist, "/can-bo/", 9),
        (world.oversight, "/can-bo/", 9),
        (world.officer, "/can-bo/ho-so/", 12),
        (world.officer, "/can-bo/ho-so/?q=nguyen+van", 12),
        (world.oversight, "/can-bo/ho-so/?due=overdue", 12),
    ]
    before = {}
    for user, path, most in pages:
        client.force_login(user)
        before[user.username, path] = len(_queries(client, path))
        assert before[user.username, path] <= most, (user.username, path)
    _add_history(world, 30)
    for user, path, _most in pages:
        client.force_login(user)
        assert len(_queries(client, path)) == before[user.username, path], (user.username, path)
