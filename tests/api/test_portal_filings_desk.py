"""The desk's pages for dossiers filed on the national portal: list, accept, refuse, within the unit."""

from motcua.dossiers.events import Verb
from motcua.dossiers.models import Dossier, PortalFiling, PortalFilingState
from tests.api.test_portal_filings import FILING, filing, portal, post  # noqa: F401

LIST = "/can-bo/ho-so-cong-quoc-gia/"


def filed(portal, **changes) -> PortalFiling:
    assert post(portal, filing(**changes)).status_code == 201
    return PortalFiling.objects.get(code=changes.get("MaHoSo", FILING["MaHoSo"]))


def test_the_officer_sees_the_units_filings_and_accepts_one(client, portal):
    f = filed(portal)
    client.force_login(portal.officer)
    listing = client.get(LIST).content.decode()
    assert f.code in listing and "Lê Thị Mai" in listing and "Đã xác thực" in listing
    page = client.get(f"{LIST}{f.pk}/").content.decode()
    assert 'id="tiep-nhan"' in page and "giay-chung-sinh.pdf" in page
    answer = client.post(f"{LIST}{f.pk}/tiep-nhan/")
    dossier = Dossier.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"/can-bo/ho-so/{dossier.code}/"
    assert dossier.events.get().verb == Verb.RECEIVE
    # Accepted once: a second click (another tab) changes nothing and says why.
    again = client.post(f"{LIST}{f.pk}/tiep-nhan/")
    assert again.status_code == 409
    assert "Hồ sơ G22.99-230605-0001 đã được tiếp nhận, không thể quyết định lại." in again.content.decode()
    assert Dossier.objects.count() == 1


def test_refusing_needs_a_reason_then_records_it(client, portal):
    f = filed(portal)
    client.force_login(portal.officer)
    empty = client.post(f"{LIST}{f.pk}/tu-choi/", {"reasons": "   "})
    assert empty.status_code == 422 and "Cần ghi rõ lý do không tiếp nhận hồ sơ." in empty.content.decode()
    f.refresh_from_db()
    assert f.state == PortalFilingState.FILED
    done = client.post(f"{LIST}{f.pk}/tu-choi/", {"reasons": "Giấy chứng sinh không đọc được\nSai thủ tục"})
    assert done.status_code == 302
    f.refresh_from_db()
    assert (f.state, f.reasons, f.decided_by) == (PortalFilingState.REFUSED, ["Giấy chứng sinh không đọc được", "Sai thủ tục"], portal.officer)
    assert 'id="tu-choi"' not in client.get(f"{LIST}{f.pk}/").content.decode()
    assert Dossier.objects.count() == 0


def test_another_units_officer_and_a_specialist_cannot_decide(client, portal):
    f = filed(portal)
    client.force_login(portal.officer_b)
    assert f.code not in client.get(LIST).content.decode()
    assert client.get(f"{LIST}{f.pk}/").status_code == 404
    assert client.post(f"{LIST}{f.pk}/tiep-nhan/").status_code == 404
    client.force_login(portal.specialist)
    assert 'id="tiep-nhan"' not in client.get(f"{LIST}{f.pk}/").content.decode()
    assert client.post(f"{LIST}{f.pk}/tu-choi/", {"reasons": "Không"}).status_code == 403
    assert client.post(f"{LIST}{f.pk}/tiep-nhan/").status_code == 409
    f.refresh_from_db()
    assert f.state == PortalFilingState.FILED and Dossier.objects.count() == 0


def test_the_pages_in_english(client, portal):
    from tests.english import vietnamese_finder

    f = filed(portal)
    client.cookies["django_language"] = "en"
    client.force_login(portal.officer)
    # The data: the unit, the procedure, the applicant, the user's name and the unit's in the menu.
    left = vietnamese_finder(["Tiếng Việt", "Xã Hoằng Lưu", "Thủ tục đăng ký khai sinh", "Lê Thị Mai", "Lê Thị Lan"])
    assert left(client.get(LIST)) == []
    assert left(client.get(f"{LIST}{f.pk}/")) == []
