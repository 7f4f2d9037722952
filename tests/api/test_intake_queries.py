"""POST /api/dossiers is the desk's hot path: its queries are counted so that none creeps back in."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import intake_body, receive

pytestmark = pytest.mark.django_db

# Token, procedure, its first step with whether it applies at the unit; take the number
# (UPDATE … RETURNING) and check it is free; insert the dossier and its event. The response
# reuses the receipt event and knows the officer's own unit without asking. Plus the
# transaction's two statements (savepoints inside the test's transaction). The national
# portal's outbox message of the receipt, in the same transaction: the procedure's field
# code and the insert (motcua.nationalportal.outbox).
MAX_QUERIES = 7 + 2 + 2


def _intake_queries(world, received_at) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        response = world.client["officer"].post_json("/api/dossiers", intake_body(received_at=received_at))
        assert response.status_code == 201, response.content.decode()
    return [q["sql"] for q in ctx.captured_queries]


def test_intake_query_count_is_bounded(world):
    # The day's first intake creates the sequence row; the count is for every later one.
    receive(world, received_at="2023-06-05T08:00:00+07:00")
    for received_at in ("2023-06-05T09:00:00+07:00", "2023-06-05T10:00:00+07:00"):
        queries = _intake_queries(world, received_at)
        assert len(queries) <= MAX_QUERIES, "\n".join(queries)
        # No scan of the day's codes once the sequence exists.
        assert not any(" LIKE " in sql for sql in queries), "\n".join(queries)


def test_intake_query_count_with_a_procedure_listing_units(world):
    world.procedure.units.set([world.unit_b, world.unit])
    receive(world, received_at="2023-06-05T08:00:00+07:00")
    queries = _intake_queries(world, "2023-06-05T09:00:00+07:00")
    assert len(queries) <= MAX_QUERIES, "\n".join(queries)
