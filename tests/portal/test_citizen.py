"""A citizen signed in through VNeID: their own dossiers only, no staff page, filings marked verified only for themselves.

The sign-in itself runs against a real provider in tests/browser/test_citizen_sign_in.py;
here the session holds what the callback keeps (motcua.accounts.oidc.CITIZEN_SESSION_KEY).
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from motcua.accounts.oidc import CITIZEN_SESSION_KEY, vneid_verified_for
from motcua.dossiers.online import do_submit_online_dossier
from tests.desk.conftest import APPLICANT, receive, vn
from tests.factories import make_user
from tests.portal.test_online_submission import PDF, media, online  # noqa: F401

pytestmark = pytest.mark.django_db

OTHER = "038195012345"
PROVIDER = {
    "OIDC_RP_CLIENT_ID": "motcua",
    "OIDC_RP_CLIENT_SECRET": "bí-mật",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "http://127.0.0.1:9/authorize",
    "OIDC_OP_TOKEN_ENDPOINT": "http://127.0.0.1:9/token",
    "OIDC_OP_USER_ENDPOINT": "http://127.0.0.1:9/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "http://127.0.0.1:9/jwks",
}


def sign_in_as(client, id_number, name="Nguyễn Văn An"):
    session = client.session
    session[CITIZEN_SESSION_KEY] = {"id_number": id_number, "name": name}
    session.save()


@pytest.fixture
def dossiers(desk):
    mine = [receive(desk, vn(2023, 6, 5, 8, n)) for n in range(2)]
    theirs = receive(desk, vn(2023, 6, 5, 9, 0), applicant={**APPLICANT, "name": "Lê Thị Mai", "id_number": OTHER})
    return mine, theirs


def test_without_configuration_there_is_no_sign_in(client):
    page = client.get("/cong-dan/dang-nhap/")
    assert "chưa được cấu hình" in page.content.decode()
    assert client.get("/oidc/dang-nhap/").status_code == 404
    assert client.get("/oidc/callback/?code=x&state=y").status_code == 404
    # Nobody signed in: the list sends to the sign-in page.
    assert client.get("/cong-dan/ho-so/")["Location"] == "/cong-dan/dang-nhap/"


def test_the_sign_in_button_goes_to_the_provider_with_state_nonce_and_pkce(client, settings):
    for name, value in PROVIDER.items():
        setattr(settings, name, value)
    assert 'id="dang-nhap-vneid"' in client.get("/cong-dan/dang-nhap/").content.decode()
    answer = client.get("/oidc/dang-nhap/")
    assert answer.status_code == 302
    location = answer["Location"]
    assert location.startswith("http://127.0.0.1:9/authorize?")
    for part in ("client_id=motcua", "state=", "nonce=", "code_challenge=", "redirect_uri=http%3A%2F%2Ftestserver%2Foidc%2Fcallback%2F"):
        assert part in location


def test_a_citizen_sees_only_their_own_dossiers(client, dossiers):
    mine, theirs = dossiers
    sign_in_as(client, APPLICANT["id_number"])
    listing = client.get("/cong-dan/ho-so/").content.decode()
    assert all(d.code in listing for d in mine) and theirs.code not in listing
    own = client.get(f"/cong-dan/ho-so/{mine[0].code}/")
    assert own.status_code == 200 and "Nguyễn V** A" in own.content.decode()
    assert client.get(f"/cong-dan/ho-so/{theirs.code}/").status_code == 404
    # The other citizen sees the other dossier only.
    sign_in_as(client, OTHER, "Lê Thị Mai")
    listing = client.get("/cong-dan/ho-so/").content.decode()
    assert theirs.code in listing and all(d.code not in listing for d in mine)


def test_a_citizen_reaches_no_staff_page_and_no_api(client, dossiers):
    sign_in_as(client, APPLICANT["id_number"])
    for path in ("/can-bo/", "/can-bo/ho-so/", "/can-bo/ho-so-cong-quoc-gia/", "/quan-tri/", "/bao-cao/"):
        answer = client.get(path)
        assert answer.status_code == 302 and answer["Location"].startswith("/dang-nhap/"), path
    assert client.get("/api/dossiers").status_code == 401
    assert client.get("/admin/").status_code == 302


def test_staff_password_sign_in_still_works_with_the_oidc_backend_installed(client, desk, settings):
    for name, value in PROVIDER.items():
        setattr(settings, name, value)
    answer = client.post("/dang-nhap/", {"username": desk.officer.username, "password": "x-test-pass"})
    assert answer.status_code == 302 and answer["Location"] == "/can-bo/"


def test_a_filing_is_marked_verified_only_for_the_signed_in_citizen(client, online):
    sign_in_as(client, "038190004321")
    request = RequestFactory().get("/")
    request.session = client.session
    assert vneid_verified_for(request, "038190004321") is True
    assert vneid_verified_for(request, OTHER) is False
    request.session = type(client.session)()
    assert vneid_verified_for(request, "038190004321") is False
    applicant = {"name": "Trần Thị Bích", "id_number": "038190004321", "phone": "0987654321"}
    dossier = do_submit_online_dossier(
        online.unit, online.procedure, applicant, [("Tờ khai", SimpleUploadedFile("a.pdf", PDF))], vneid_verified=True
    )
    assert dossier.applicant_vneid_verified is True
    assert dossier.events.get(verb="receive").data["after"]["applicant_vneid_verified"] is True


def test_the_citizen_pages_in_english(client, dossiers):
    from tests.english import vietnamese_finder

    left = vietnamese_finder(["Tiếng Việt", "Xã Hoằng Lưu", "Thủ tục đăng ký khai sinh", "Nguyễn Văn An", "Nguyễn V** A"])
    client.cookies["django_language"] = "en"
    assert left(client.get("/cong-dan/dang-nhap/")) == []
    sign_in_as(client, APPLICANT["id_number"])
    assert left(client.get("/cong-dan/ho-so/")) == []


def test_a_staff_session_of_the_provider_ends_when_the_account_is_deactivated(desk):
    from motcua.accounts.oidc import CitizenOIDCBackend

    backend = CitizenOIDCBackend()
    assert backend.get_user(desk.officer.pk) == desk.officer
    desk.officer.is_active = False
    desk.officer.save()
    assert backend.get_user(desk.officer.pk) is None
