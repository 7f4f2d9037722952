"""The applicant asks online to stop handling (Mẫu 05): through the public pages, after the 4-digit check."""

import pytest

from motcua.dossiers.models import DossierEvent, Status
from motcua.forms import available_forms
from tests.portal.conftest import receive, vn

pytestmark = pytest.mark.django_db


def test_stop_request_through_the_public_pages(client, desk):
    d = receive(desk, vn(2025, 8, 4, 8, 0))
    status_page = client.get(f"/tra-cuu/{d.code}/").content.decode()
    assert f'href="/dung-xu-ly/{d.code}/"' in status_page

    page = client.get(f"/dung-xu-ly/{d.code}/").content.decode()
    assert 'name="so_cuoi"' in page and 'name="ly_do"' in page

    # Wrong digits, then not digits: nothing changes.
    wrong = client.post(f"/dung-xu-ly/{d.code}/", {"so_cuoi": "0000", "ly_do": "Không cần nữa"}).content.decode()
    assert "không khớp" in wrong
    letters = client.post(f"/dung-xu-ly/{d.code}/", {"so_cuoi": "12ab"}).content.decode()
    assert "Xin nhập đúng 4 chữ số (0–9)." in letters
    control = client.post(f"/dung-xu-ly/{d.code}/", {"so_cuoi": "5678", "ly_do": "Dừng\u202eđi"}).content.decode()
    assert "ký tự điều khiển hướng chữ" in control
    d.refresh_from_db()
    assert d.status == Status.RECEIVED and not DossierEvent.objects.filter(verb="stop").exists()

    done = client.post(f"/dung-xu-ly/{d.code}/", {"so_cuoi": "5678", "ly_do": "Không cần nữa"}).content.decode()
    assert 'data-testid="stopped"' in done and "Đã dừng xử lý" in done
    d.refresh_from_db()
    assert (d.status, d.outcome) == (Status.STOPPED, "stopped")
    event = DossierEvent.objects.get(verb="stop")
    assert (event.actor, event.reason, event.data["requested"]) == (None, "Không cần nữa", "online")
    assert "stop_notice" in available_forms(d)

    # The status page tells the step and offers no second request.
    status_page = client.get(f"/tra-cuu/{d.code}/").content.decode()
    assert "Dừng xử lý hồ sơ" in status_page and "/dung-xu-ly/" not in status_page
    again = client.post(f"/dung-xu-ly/{d.code}/", {"so_cuoi": "5678"}).content.decode()
    assert "không thể đề nghị dừng xử lý" in again
    assert DossierEvent.objects.filter(verb="stop").count() == 1


def test_unknown_code_is_404(client, desk):
    assert client.get("/dung-xu-ly/H56.20.03-250804-9999/").status_code == 404
