"""Online rating: only once the result exists, only with the 4-digit check, and only once."""

import pytest

from motcua.dossiers import actions as a
from motcua.dossiers.error_codes import DossierActionError
from motcua.dossiers.models import DossierEvent, Rating
from motcua.dossiers.online import do_rate_dossier_online
from tests.portal.conftest import receive, vn

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(desk):
    return receive(desk, vn(2023, 6, 5, 8, 0))


def resolve(desk, d):
    d = a.do_assign_dossier(desk.officer, d, desk.specialist, at=vn(2023, 6, 5, 8, 30))
    d = a.do_start_processing(desk.specialist, d, at=vn(2023, 6, 5, 9, 0))
    d = a.do_submit_for_decision(desk.specialist, d, at=vn(2023, 6, 6, 9, 0))
    return a.do_approve_dossier(desk.leader, d, at=vn(2023, 6, 6, 10, 0))


def test_no_rating_before_the_result(client, dossier):
    page = client.get(f"/danh-gia/{dossier.code}/").content.decode()
    assert "chưa có kết quả" in page and 'name="muc_do"' not in page
    page = client.post(f"/danh-gia/{dossier.code}/", {"so_cuoi": "5678", "muc_do": "satisfied"}).content.decode()
    assert "chưa có kết quả giải quyết" in page
    assert Rating.objects.count() == 0


def test_rating_after_the_result_once(client, desk, dossier):
    d = resolve(desk, dossier)
    assert "Đánh giá mức độ hài lòng" in client.get(f"/tra-cuu/{d.code}/").content.decode()
    wrong = client.post(f"/danh-gia/{d.code}/", {"so_cuoi": "0000", "muc_do": "satisfied"}).content.decode()
    assert "không khớp" in wrong and Rating.objects.count() == 0
    no_value = client.post(f"/danh-gia/{d.code}/", {"so_cuoi": "5678"}).content.decode()
    assert "Xin chọn một mức độ hài lòng" in no_value and Rating.objects.count() == 0
    forged = client.post(f"/danh-gia/{d.code}/", {"so_cuoi": "5678", "muc_do": "5-sao"}).content.decode()
    assert "Xin chọn một mức độ hài lòng" in forged and Rating.objects.count() == 0

    response = client.post(f"/danh-gia/{d.code}/", {"so_cuoi": "1234", "muc_do": "very_satisfied"})
    assert response.status_code == 302 and response["Location"] == f"/danh-gia/{d.code}/da-gui/"
    rating = Rating.objects.get()
    assert (rating.value, rating.channel) == ("very_satisfied", "online")
    event = DossierEvent.objects.filter(verb="record_rating").get()
    assert event.actor is None and event.data["value"] == "very_satisfied"

    again = client.post(f"/danh-gia/{d.code}/", {"so_cuoi": "1234", "muc_do": "unsatisfied"}).content.decode()
    assert "Mỗi hồ sơ chỉ được đánh giá một lần" in again
    assert Rating.objects.count() == 1
    assert "đã được đánh giá trực tuyến" in client.get(f"/danh-gia/{d.code}/").content.decode()


def test_the_action_checks_digits_and_state(desk, dossier):
    with pytest.raises(DossierActionError, match="chưa có kết quả"):
        do_rate_dossier_online(dossier, "5678", "satisfied")
    d = resolve(desk, dossier)
    with pytest.raises(DossierActionError, match="không khớp"):
        do_rate_dossier_online(d, "9999", "satisfied")
    do_rate_dossier_online(d, "5678", "satisfied")
    with pytest.raises(DossierActionError, match="một lần"):
        do_rate_dossier_online(d, "5678", "satisfied")
    assert Rating.objects.count() == 1


def test_unknown_code_is_404(client, dossier):
    assert client.get("/danh-gia/H56.20.03-230605-9999/").status_code == 404
