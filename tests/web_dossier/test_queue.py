"""The leader's decision queue: what it lists, in which order, and deciding from it."""

import re

import pytest

from motcua.desk.dossier_actions import STALE
from motcua.dossiers import actions as a
from motcua.dossiers.models import Dossier
from tests.web_dossier.conftest import client_for, receive, snapshot, vn

pytestmark = pytest.mark.django_db


def submitted(desk, received_at, unit_people=None):
    """Receive a dossier at `received_at` and bring it to the leader (actions at the clock's now)."""
    officer, specialist = unit_people or (desk.officer, desk.specialist)
    d = receive(desk, received_at, actor=officer, unit=officer.unit)
    d = a.do_assign_dossier(officer, d, specialist)
    d = a.do_start_processing(specialist, d)
    return a.do_submit_for_decision(specialist, d, "Đủ điều kiện")


def listed(html) -> list[str]:
    return re.findall(r'data-code="([^"]+)"', html)


def test_queue_lists_the_units_dossiers_awaiting_decision_oldest_due_first(desk, clock):
    clock.at = vn(2023, 6, 7, 9, 0)
    later = submitted(desk, vn(2023, 6, 6, 8, 0))  # due Fri 09/06 08:00
    earlier = submitted(desk, vn(2023, 6, 5, 14, 0))  # due Thu 08/06 14:00
    receive(desk, vn(2023, 6, 5, 9, 0))  # still at the desk: not listed
    elsewhere = submitted(desk, vn(2023, 6, 5, 8, 0), (desk.officer_b, desk.specialist_b))
    response = client_for(desk.leader).get("/can-bo/phe-duyet/")
    assert response.status_code == 200
    html = response.content.decode()
    assert listed(html) == [earlier.code, later.code]
    assert elsewhere.code not in html
    row = html.split(f'data-code="{earlier.code}"', 1)[1].split("</tr>", 1)[0]
    # Who submitted, when; a link to the dossier page.
    assert "Trần Văn Hùng" in row and "09:00 07/06/2023" in row
    assert f'href="/can-bo/ho-so/{earlier.code}/"' in row


def test_only_leaders_have_a_queue(desk, clock):
    assert client_for(desk.specialist).get("/can-bo/phe-duyet/").status_code == 403
    assert client_for(desk.officer).get("/can-bo/phe-duyet/").status_code == 403


def test_empty_queue_says_so(desk, clock):
    html = client_for(desk.leader).get("/can-bo/phe-duyet/").content.decode()
    assert "Không có hồ sơ nào chờ phê duyệt." in html


def test_approve_from_the_queue_with_htmx_returns_the_decided_row(desk, clock):
    d = submitted(desk, vn(2023, 6, 5, 8, 0))
    response = client_for(desk.leader).post(
        f"/can-bo/phe-duyet/{d.code}/approve/", {"expected_version": d.version}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(f'<tr id="queue-row-{d.pk}"')
    assert "queue-row-done" in html and "Đã phê duyệt: hồ sơ" in html
    assert "<form" not in html
    d.refresh_from_db()
    assert (d.status, d.outcome) == ("approved", "approved")
    assert d.events.latest("id").actor == desk.leader


def test_refuse_from_the_queue_needs_reasons_shown_next_to_the_field(desk, clock):
    d = submitted(desk, vn(2023, 6, 5, 8, 0))
    before = snapshot(d)
    url = f"/can-bo/phe-duyet/{d.code}/refuse/"
    response = client_for(desk.leader).post(url, {"expected_version": d.version, "reasons": ""}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert f'id="id_reasons_refuse_q{d.pk}-error">Từ chối giải quyết phải nêu rõ lý do.' in html
    assert snapshot(d) == before
    response = client_for(desk.leader).post(url, {"expected_version": d.version, "reasons": "Hồ sơ giả mạo\nSai thẩm quyền"})
    assert response.status_code == 302 and response["Location"] == "/can-bo/phe-duyet/"
    d.refresh_from_db()
    assert d.status == "refused"
    assert d.events.latest("id").data["reasons"] == ["Hồ sơ giả mạo", "Sai thẩm quyền"]


def test_stale_decision_from_the_queue_is_refused(desk, clock):
    d = submitted(desk, vn(2023, 6, 5, 8, 0))
    stale = d.version
    a.do_send_back_dossier(desk.leader, d, "Xem lại")
    d = a.do_submit_for_decision(desk.specialist, Dossier.objects.get(pk=d.pk))
    before = snapshot(d)
    response = client_for(desk.leader).post(f"/can-bo/phe-duyet/{d.code}/approve/", {"expected_version": stale})
    assert response.status_code == 409
    assert STALE in response.content.decode()
    assert snapshot(d) == before


def test_queue_only_takes_approve_and_refuse(desk, clock):
    d = submitted(desk, vn(2023, 6, 5, 8, 0))
    before = snapshot(d)
    response = client_for(desk.leader).post(f"/can-bo/phe-duyet/{d.code}/send-back/", {"expected_version": d.version, "reason": "x"})
    assert response.status_code == 400
    assert "Không có thao tác «send-back» trong danh sách chờ phê duyệt." in response.content.decode()
    assert snapshot(d) == before


def test_another_units_dossier_is_404_from_the_queue(desk, clock):
    d = submitted(desk, vn(2023, 6, 5, 8, 0), (desk.officer_b, desk.specialist_b))
    before = snapshot(d)
    response = client_for(desk.leader).post(f"/can-bo/phe-duyet/{d.code}/approve/", {"expected_version": d.version})
    assert response.status_code == 404
    assert snapshot(d) == before
