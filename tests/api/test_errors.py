"""The error shape: every action refusal has an HTTP status, and an unexpected failure is a logged JSON 500."""

import logging

import pytest

from motcua.api import serialize
from motcua.api.errors import ACTION_ERROR_STATUS, SERVER_ERROR_MESSAGE
from motcua.dossiers.error_codes import DossierErrorCode

pytestmark = pytest.mark.django_db


def test_every_action_error_code_has_a_status():
    assert {code.value for code in DossierErrorCode} <= set(ACTION_ERROR_STATUS)
    assert set(ACTION_ERROR_STATUS.values()) <= {400, 403, 404, 409, 422}


def test_unexpected_failure_is_logged_and_answered_in_the_error_shape(world, monkeypatch, caplog):
    def broken(user):
        raise RuntimeError("ổ đĩa đầy")

    monkeypatch.setattr(serialize, "me_out", broken)
    with caplog.at_level(logging.ERROR, logger="motcua.api"):
        response = world.client["officer"].get("/api/me")
    assert response.status_code == 500
    assert response.json() == {"code": "server_error", "message": SERVER_ERROR_MESSAGE, "details": {}}
    # The cause goes to the log, not to the caller.
    assert "ổ đĩa đầy" not in response.content.decode()
    assert any("GET /api/me" in r.getMessage() and r.exc_info for r in caplog.records)


def test_responses_are_readable_utf8(world):
    response = world.client["officer"].get("/api/me")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "Cán bộ một cửa".encode() in response.content
