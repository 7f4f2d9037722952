"""Optimistic concurrency: ETag = version; a stale If-Match (or expected_version) is 409 and changes nothing."""

import pytest

from motcua.dossiers.actions import STALE_MESSAGE
from tests.api.conftest import receive, row_counts

pytestmark = pytest.mark.django_db


@pytest.fixture
def code(world):
    return receive(world)["code"]


def test_detail_carries_the_version_as_etag(world, code):
    response = world.client["officer"].get(f"/api/dossiers/{code}")
    assert response["ETag"] == '"1"'
    assert world.client["officer"].get(f"/api/dossiers/{code}", headers={"If-None-Match": '"1"'}).status_code == 304
    assert world.client["officer"].get(f"/api/dossiers/{code}", headers={"If-None-Match": '"7"'}).status_code == 200


def test_current_if_match_is_accepted(world, code):
    response = world.client["officer"].post_json(
        f"/api/dossiers/{code}/actions/assign", {"assignee": "tuphap"}, headers={"If-Match": '"1"'}
    )
    assert response.status_code == 200
    assert response["ETag"] == '"2"'


def test_stale_if_match_is_a_conflict_with_the_vietnamese_message(world, code):
    # Someone else assigned the dossier since the page was loaded at version 1.
    world.client["officer"].post_json(f"/api/dossiers/{code}/actions/assign", {"assignee": "tuphap"})
    before = row_counts()
    response = world.client["officer"].post_json(
        f"/api/dossiers/{code}/actions/assign", {"assignee": "diachinh"}, headers={"If-Match": '"1"'}
    )
    assert response.status_code == 409
    assert response.json() == {
        "code": "stale_version",
        "message": STALE_MESSAGE,
        "details": {"dossier": code, "action": "assign", "expected_version": 1, "current_version": 2},
    }
    assert STALE_MESSAGE == "hồ sơ đã được người khác thay đổi, vui lòng tải lại"
    assert row_counts() == before


def test_stale_expected_version_in_the_body_is_a_conflict_too(world, code):
    world.client["officer"].post_json(f"/api/dossiers/{code}/actions/assign", {"assignee": "tuphap"})
    response = world.client["officer"].post_json(
        f"/api/dossiers/{code}/actions/withdraw", {"reason": "Xin rút", "expected_version": 1}
    )
    assert response.status_code == 409 and response.json()["code"] == "stale_version"


def test_weak_and_unquoted_tags_are_read(world, code):
    response = world.client["officer"].post_json(
        f"/api/dossiers/{code}/actions/assign", {"assignee": "tuphap"}, headers={"If-Match": 'W/"1"'}
    )
    assert response.status_code == 200
    response = world.client["officer"].post_json(
        f"/api/dossiers/{code}/actions/withdraw", {"reason": "Xin rút"}, headers={"If-Match": "2"}
    )
    assert response.status_code == 200


@pytest.mark.parametrize("header", ['"abc"', '"1", "2"', "version-1", '"-1"'])
def test_unreadable_if_match_is_a_bad_request(world, code, header):
    before = row_counts()
    response = world.client["officer"].post_json(
        f"/api/dossiers/{code}/actions/assign", {"assignee": "tuphap"}, headers={"If-Match": header}
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_if_match"
    assert row_counts() == before


def test_header_and_body_naming_different_versions_is_a_bad_request(world, code):
    response = world.client["officer"].post_json(
        f"/api/dossiers/{code}/actions/assign",
        {"assignee": "tuphap", "expected_version": 2},
        headers={"If-Match": '"1"'},
    )
    assert response.status_code == 400
    assert response.json()["message"] == "If-Match (1) và expected_version (2) khác nhau"
