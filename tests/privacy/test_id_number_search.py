"""The desk finds dossiers by an applicant's ID number only through a POST body, in the user's units, and logs each search."""

import html

import pytest
from django.test import Client

from motcua.privacy.models import AccessRecord
from tests.desk.conftest import desk, receive, vn  # noqa: F401
from tests.english import vietnamese_finder

pytestmark = pytest.mark.django_db
URL = "/can-bo/tim-theo-so-dinh-danh/"


def signed_in(user, **extra) -> Client:
    client = Client(**extra)
    client.force_login(user)
    return client


def test_the_number_is_posted_and_the_search_logged_without_it(desk):
    d = receive(desk, vn(2023, 6, 5, 8, 0))
    number = d.applicant_id_number
    client = signed_in(desk.officer, REMOTE_ADDR="10.9.8.7")
    # In the query string it is no search at all.
    page = client.get(URL, {"so_dinh_danh": number}).content.decode()
    assert d.code not in page and AccessRecord.objects.count() == 0
    response = client.post(URL, {"so_dinh_danh": number[:4] + " " + number[4:]})
    page = response.content.decode()
    assert d.code in page and f'href="/can-bo/ho-so/{d.code}/"' in page
    assert "no-store" in response["Cache-Control"]
    record = AccessRecord.objects.get()
    assert (record.kind, record.user, record.rows, record.unit, record.ip) == ("search", desk.officer, 1, desk.unit, "10.9.8.7")
    assert number not in str(AccessRecord.objects.values().get())


def test_other_units_dossiers_are_not_found(desk):
    d = receive(desk, vn(2023, 6, 5, 8, 0))
    page = signed_in(desk.officer_b).post(URL, {"so_dinh_danh": d.applicant_id_number}).content.decode()
    assert d.code not in page and "Không có hồ sơ nào của số định danh này" in page
    assert AccessRecord.objects.get().rows == 0


def test_a_malformed_number_is_refused_unlogged(desk):
    page = signed_in(desk.officer).post(URL, {"so_dinh_danh": "03819"}).content.decode()
    assert "Số định danh gồm 12 chữ số (CCCD) hoặc 9 chữ số (CMND)." in page and 'aria-invalid="true"' in page
    assert AccessRecord.objects.count() == 0


def test_the_worklist_links_to_it_and_it_needs_sign_in_and_csrf(desk):
    assert f'href="{URL}"' in signed_in(desk.officer).get("/can-bo/ho-so/").content.decode()
    assert Client().post(URL, {"so_dinh_danh": "038190004321"}).status_code == 302
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(desk.officer)
    assert strict.post(URL, {"so_dinh_danh": "038190004321"}).status_code == 403


def test_in_english(desk):
    d = receive(desk, vn(2023, 6, 5, 8, 0))
    client = signed_in(desk.officer)
    client.cookies["django_language"] = "en"
    response = client.post(URL, {"so_dinh_danh": d.applicant_id_number})
    page = html.unescape(response.content.decode())
    for english in ["Find dossiers by ID number", "Applicant's personal ID number (CCCD)", "Search", "Received"]:
        assert english in page, english
    data = [d.applicant_name, d.procedure.name, desk.unit.name, desk.officer.get_full_name()]
    assert vietnamese_finder(["Tiếng Việt"])(response, data) == []
