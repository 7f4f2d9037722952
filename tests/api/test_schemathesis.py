"""Property-based run of the whole OpenAPI schema (schemathesis): no input makes the API fail with a 5xx."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import positive_data_acceptance

from motcua.accounts.models import Role
from motcua.api.tokens import create_token
from motcua.catalog.models import OnlineLevel
from motcua.wsgi import application
from tests.factories import make_user
from tests.api.conftest import receive

pytestmark = pytest.mark.django_db

MAX_EXAMPLES = 15
# The dossiers the `dossiers` fixture creates (received Mon 05/06/2023) and the fixtures' procedure.
CODES = [f"H56.20.03-230605-{n:04d}" for n in range(1, 5)]
PROCEDURE = "1.001193"

def application_in_test_transaction(environ, start_response):
    """Run the Django WSGI application without closing the test's database connection."""
    # Django's request signals close the connection when a response ends,
    # which would break the test's transaction; the test client disconnects
    # them the same way, and reconnects them after each of its own requests.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        result = application(environ, start_response)
        try:
            body = b"".join(result)
        finally:
            result.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return [body]


# Loaded at import: the schema is public and its view needs no database.
# (schemathesis.pytest.from_fixture would load it in a fixture, but its lazy
# schemas set Node._nodeid, which pytest 9.2 no longer has.)
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application_in_test_transaction)


@schema.hook
def flatmap_path_parameters(context, path_parameters):
    # Half the time an existing dossier or procedure instead of a random code.
    if not path_parameters or "code" not in path_parameters:
        return st.just(path_parameters)
    limit, known = (32, [PROCEDURE]) if "/procedures/" in context.operation.path else (64, CODES)
    code = path_parameters["code"]
    if not isinstance(code, str) or len(code) > limit:
        # A negative case about the code itself: a valid code would make it positive.
        return st.just(path_parameters)
    return st.one_of(st.just(path_parameters), st.sampled_from(known).map(lambda code: {**path_parameters, "code": code}))


@pytest.fixture
def dossiers(world):
    """Put dossiers in several states, so that generated calls meet real ones."""
    codes = [receive(world, received_at=f"2023-06-05T08:0{n}:00+07:00")["code"] for n in range(4)]
    assert codes == CODES
    officer = world.client["officer"]
    officer.post_json(f"/api/dossiers/{codes[1]}/actions/assign", {"assignee": "tuphap"})
    world.client["specialist"].post_json(f"/api/dossiers/{codes[1]}/actions/start")
    officer.post_json(f"/api/dossiers/{codes[2]}/actions/request-supplement", {"reason": "Thiếu giấy chứng sinh"})
    return codes


@pytest.fixture
def portal_token(world):
    """The national portal's connector account, and the procedure offered online, so that filings meet real checks."""
    world.procedure.online = OnlineLevel.FULL
    world.procedure.save()
    return create_token(make_user("cong-dvc-qg", world.province, Role.NATIONAL_PORTAL), "tests")[1]


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_request_makes_the_api_fail(case, world, dossiers, portal_token):
    # A generated Authorization header is a negative case about authentication: keep it.
    generated = {name.lower() for name in (case.headers or {})}
    # The portal's filing endpoint takes the portal's token only; the rest, a desk officer's.
    token = portal_token if case.operation.path == "/api/portal/dossiers" else world.tokens["officer"]
    headers = {} if "authorization" in generated else {"Authorization": f"Bearer {token}"}
    # Schema-valid requests may still be refused (unknown procedure, wrong status): 409 and 422 are answers, not failures.
    case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])
