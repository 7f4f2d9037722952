"""Staff downloads: login required, scoped to the user's units (another unit's dossier is 404)."""

import io

import pytest
from openpyxl import load_workbook

from motcua.dossiers import actions as a
from tests.forms.conftest import pdf_text, receive, vn

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(desk):
    return receive(desk, vn(2023, 6, 5, 8, 0))


def login(client, user):
    client.force_login(user)
    return client


def test_forms_need_a_login(client, dossier):
    response = client.get(f"/ho-so/{dossier.code}/bieu-mau/receipt.pdf")
    assert response.status_code == 302
    assert response["Location"].startswith("/dang-nhap/?next=")
    assert client.get("/so-theo-doi.xlsx?period=2023-Q2").status_code == 302


def test_desk_officer_prints_the_receipt_of_his_units_dossier(client, desk, dossier):
    response = login(client, desk.officer).get(f"/ho-so/{dossier.code}/bieu-mau/receipt.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert f'filename="{dossier.code}-receipt.pdf"' in response["Content-Disposition"]
    assert dossier.code in pdf_text(response.content)


def test_another_units_dossier_is_not_found(client, desk, dossier):
    assert login(client, desk.officer_b).get(f"/ho-so/{dossier.code}/bieu-mau/receipt.pdf").status_code == 404
    assert login(client, desk.leader_other).get(f"/ho-so/{dossier.code}/bieu-mau/control_sheet.pdf").status_code == 404


def test_oversight_of_the_district_may_print(client, desk, dossier):
    assert login(client, desk.oversight).get(f"/ho-so/{dossier.code}/bieu-mau/control_sheet.pdf").status_code == 200


def test_unknown_or_unavailable_form_is_not_found(client, desk, dossier):
    client = login(client, desk.officer)
    assert client.get(f"/ho-so/{dossier.code}/bieu-mau/apology.pdf").status_code == 404
    assert client.get(f"/ho-so/{dossier.code}/bieu-mau/nothing.pdf").status_code == 404
    assert client.get("/ho-so/H56.20.03-230605-9999/bieu-mau/receipt.pdf").status_code == 404


def test_counter_refusal_slip_is_scoped(client, desk):
    refusal = a.do_refuse_at_counter(
        desk.officer, desk.unit, desk.procedure, {"name": "Trần Thị B"}, ["Thiếu giấy tờ"], at=vn(2023, 6, 5, 9, 0)
    )
    response = login(client, desk.officer).get(f"/tu-choi-tiep-nhan/{refusal.pk}.pdf")
    assert response.status_code == 200
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in pdf_text(response.content)
    assert login(client, desk.officer_b).get(f"/tu-choi-tiep-nhan/{refusal.pk}.pdf").status_code == 404


def test_register_download(client, desk, dossier):
    response = login(client, desk.officer).get("/so-theo-doi.xlsx?unit=16003&period=2023-Q2")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    assert 'attachment; filename="so-theo-doi-16003-2023-Q2.xlsx"' == response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert dossier.code in [c for r in sheet.iter_rows(values_only=True) for c in r]
    # Without ?unit=, the user's own unit.
    assert login(client, desk.officer).get("/so-theo-doi.xlsx?period=2023-Q2").status_code == 200


def test_register_of_another_unit_is_not_found_and_bad_period_is_refused(client, desk, dossier):
    client = login(client, desk.officer_b)
    assert client.get("/so-theo-doi.xlsx?unit=16003&period=2023-Q2").status_code == 404
    assert client.get("/so-theo-doi.xlsx?unit=40&period=2023-Q2").status_code == 404
    response = client.get("/so-theo-doi.xlsx?unit=16004&period=2023-Q5")
    assert response.status_code == 400
    assert "kỳ báo cáo không hợp lệ" in response.content.decode()
    # A district's oversight may take a commune's register.
    assert login(client, desk.oversight).get("/so-theo-doi.xlsx?unit=16003&period=2023-Q2").status_code == 200
