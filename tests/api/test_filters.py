"""GET /api/dossiers filters: status, procedure, dates, due, overdue, assignee, and a search without diacritics."""

import pytest

from tests.api.conftest import intake_body, receive
from tests.desk.conftest import make_procedure

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossiers(world):
    make_procedure("2.000200", value=20)
    applicant = intake_body()["applicant"]
    made = {
        "an": receive(world, received_at="2023-06-05T08:00:00+07:00"),
        "binh": receive(
            world,
            received_at="2023-06-06T08:00:00+07:00",
            applicant={**applicant, "name": "Trần Thị Bình", "id_number": "038190004321"},
        ),
        # Due 20 working days later: not overdue before July 2023, and far in the past now.
        "long": receive(world, procedure="2.000200", received_at="2023-06-07T08:00:00+07:00"),
    }
    world.client["officer"].post_json(f"/api/dossiers/{made['binh']['code']}/actions/assign", {"assignee": "tuphap"})
    return {k: v["code"] for k, v in made.items()}


def codes(world, query, who="officer"):
    response = world.client[who].get(f"/api/dossiers?{query}")
    assert response.status_code == 200, response.content.decode()
    return sorted(d["code"] for d in response.json()["items"])


def test_status_filter_takes_several_values(world, dossiers):
    assert codes(world, "status=assigned") == [dossiers["binh"]]
    assert codes(world, "status=assigned&status=received") == sorted(dossiers.values())


def test_procedure_and_received_date_filters(world, dossiers):
    assert codes(world, "procedure=2.000200") == [dossiers["long"]]
    assert codes(world, "received_from=2023-06-06") == sorted([dossiers["binh"], dossiers["long"]])
    assert codes(world, "received_to=2023-06-06") == sorted([dossiers["an"], dossiers["binh"]])
    assert codes(world, "received_from=2023-06-06&received_to=2023-06-06") == [dossiers["binh"]]


def test_due_before_reads_times_without_offset_as_vietnam_time(world, dossiers):
    # "an" is due Thu 08/06 08:00 (+07:00), "binh" Fri 09/06 08:00.
    assert codes(world, "due_before=2023-06-08T08:00:01") == [dossiers["an"]]
    assert codes(world, "due_before=2023-06-08T08:00:00") == []
    assert codes(world, "due_before=2023-06-08T01:00:01Z") == [dossiers["an"]]


def test_overdue_counts_open_dossiers_past_due_except_while_waiting_for_papers(world, dossiers):
    # Received in 2023, all three are past due now.
    assert codes(world, "overdue=true") == sorted(dossiers.values())
    # Papers requested before the due time: the clock stopped, not overdue while waiting.
    world.client["officer"].post_json(
        f"/api/dossiers/{dossiers['long']}/actions/request-supplement",
        {"reason": "Thiếu tờ khai", "at": "2023-06-08T08:00:00+07:00"},
    )
    assert codes(world, "overdue=true") == sorted([dossiers["an"], dossiers["binh"]])
    assert codes(world, "overdue=false") == [dossiers["long"]]
    listed = {d["code"]: d["overdue"] for d in world.client["officer"].get("/api/dossiers").json()["items"]}
    assert listed == {dossiers["an"]: True, dossiers["binh"]: True, dossiers["long"]: False}
    detail = world.client["officer"].get(f"/api/dossiers/{dossiers['long']}").json()
    assert (detail["overdue"], detail["timeliness"]) == (False, "within")
    # Resolved dossiers are never overdue.
    world.client["officer"].post_json(f"/api/dossiers/{dossiers['an']}/actions/withdraw")
    assert codes(world, "overdue=true") == [dossiers["binh"]]


def test_assignee_me(world, dossiers):
    assert codes(world, "assignee=me", who="specialist") == [dossiers["binh"]]
    assert codes(world, "assignee=me", who="specialist2") == []
    assert codes(world, "assignee=tuphap") == [dossiers["binh"]]


@pytest.mark.parametrize("q", ["tran thi binh", "TRẦN THỊ BÌNH", "binh", "Bình Trần", "230606-0001", "h56.20.03-230606"])
def test_search_by_name_without_diacritics_or_code(world, dossiers, q):
    assert codes(world, f"q={q}") == [dossiers["binh"]]


def test_an_id_number_is_searched_in_a_post_body_not_in_the_url(world, dossiers):
    from motcua.privacy.models import AccessRecord

    # In a URL the number would stay in every access log: there it matches nothing.
    assert codes(world, "q=038190004321") == []
    response = world.client["officer"].post_json("/api/dossiers/search-by-id-number", {"id_number": "038190004321"})
    assert response.status_code == 200
    assert [d["code"] for d in response.json()["items"]] == [dossiers["binh"]] and response.json()["count"] == 1
    search = AccessRecord.objects.get(kind="search")
    assert (search.user.username, search.rows, search.unit_id, search.dossier_code) == ("motcua", 1, world.unit.pk, "")
    assert "038190004321" not in str(AccessRecord.objects.values().get(kind="search"))
    # Another unit's officer finds nothing of ours.
    other = world.client["officer_b"].post_json("/api/dossiers/search-by-id-number", {"id_number": "038190004321"})
    assert other.json()["count"] == 0


def test_search_by_name_needs_every_word(world, dossiers):
    assert codes(world, "q=nguyen van") == sorted([dossiers["an"], dossiers["long"]])
    assert codes(world, "q=nguyen binh") == []
