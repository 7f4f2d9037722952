"""POST /api/portal/dossiers: a dossier filed on the national portal, kept until the desk accepts or refuses it."""

import copy

import pytest
from django.utils import timezone

from motcua.accounts.models import Role
from motcua.api.tokens import create_token
from motcua.catalog.models import OnlineLevel
from motcua.dossiers.error_codes import DossierActionError
from motcua.dossiers.events import Verb
from motcua.dossiers.models import Dossier, DossierEvent, PortalFiling, PortalFilingState, Status
from motcua.dossiers.portal_filings import do_accept_portal_filing, do_refuse_portal_filing
from tests.api.conftest import ApiClient
from tests.factories import make_user

URL = "/api/portal/dossiers"

# national-portal.md's example, filed for Xã Hoằng Lưu (agency id H56.20.03) on Mon 05/06/2023 08:00.
FILING = {
    "MaHoSo": "G22.99-230605-0001",
    "MaTTHC": "1.001193",
    "MaLinhVuc": "ho_tich",
    "DonViXuLy": "H56.20.03",
    "KenhThucHien": 2,
    "TrangThaiHoSo": 1,
    "NgayNopHoSo": "20230605080000",
    "NgayTiepNhan": None,
    "NgayHenTra": None,
    "NgayKetThucXuLy": None,
    "NgayTra": None,
    "NgayTuChoi": None,
    "ChuHoSo": "Lê Thị Mai",
    "LoaiDoiTuong": 1,
    "DinhDanhCHS": [{"LoaiDinhDanh": 1, "SoDinhDanh": "038195012345"}],
    "TaiKhoanDuocXacThucVoiVNeID": 1,
    "DuocThanhToanTrucTuyen": 0,
    "HoSoCoThanhPhanSoHoa": 1,
    "TaiLieuNop": [
        {"TenTepDinhKem": "to-khai-khai-sinh.pdf", "DuocSoHoa": 1, "DuocTaiSuDung": 0, "DuocLayTuKhoDMQG": 0},
        {"TenTepDinhKem": "giay-chung-sinh.pdf", "DuocSoHoa": 1, "DuocTaiSuDung": 1, "DuocLayTuKhoDMQG": 0},
    ],
    "DanhSachLePhi": [{"TenPhiLePhi": "Lệ phí", "Gia": 0}],
    "DanhSachHoSoBoSung": [],
    "DanhSachGiayToKetQua": [],
    "TienTrinh": [],
}


def filing(**changes) -> dict:
    body = copy.deepcopy(FILING)
    body.update(changes)
    return body


@pytest.fixture
def portal(world):
    """The connector account of the national portal for Thanh Hóa, with its token; the procedure is offered online."""
    world.procedure.online = OnlineLevel.FULL
    world.procedure.save()
    account = make_user("cong-dvc-qg", world.province, Role.NATIONAL_PORTAL)
    world.portal_account = account
    world.portal = ApiClient(create_token(account, "cổng")[1])
    return world


def post(world, body):
    return world.portal.post_json(URL, body)


def test_a_filing_is_kept_waiting_and_no_dossier_is_made(portal):
    response = post(portal, FILING)
    assert response.status_code == 201, response.content.decode()
    assert response.json() == {
        "MaHoSo": "G22.99-230605-0001",
        "TrangThaiHoSo": 1,
        "MaHoSoMotCua": None,
        "NgayTiepNhan": None,
        "NgayHenTra": None,
        "NgayTuChoi": None,
        "LyDoTuChoi": [],
    }
    kept = PortalFiling.objects.get()
    assert (kept.unit, kept.procedure, kept.state) == (portal.unit, portal.procedure, PortalFilingState.FILED)
    # 20230605080000 is 08:00 in Việt Nam = 01:00 UTC.
    assert kept.filed_at.isoformat() == "2023-06-05T01:00:00+00:00"
    assert kept.applicant_vneid_verified is True and kept.applicant_id_number == "038195012345"
    assert kept.components[1] == {
        "name": "giay-chung-sinh.pdf", "form": "copy", "quantity": 1, "digitized": True, "reused": True, "from_data_store": False,
    }
    assert Dossier.objects.count() == 0


def test_the_same_body_again_is_a_replay_and_another_body_is_a_conflict(portal):
    assert post(portal, FILING).status_code == 201
    # Same content, keys in another order: the same filing.
    again = post(portal, dict(reversed(list(FILING.items()))))
    assert again.status_code == 200 and again["Idempotent-Replayed"] == "true"
    assert again.json()["TrangThaiHoSo"] == 1
    other = post(portal, filing(ChuHoSo="Lê Thị Mai Anh"))
    assert other.status_code == 409
    assert other.json()["code"] == "filing_conflict"
    assert other.json()["details"]["errors"][0]["field"] == "MaHoSo"
    assert PortalFiling.objects.count() == 1
    assert PortalFiling.objects.get().applicant_name == "Lê Thị Mai"


# (changes to the good body, the field named, a piece of its message)
BAD = [
    ({"DonViXuLy": "H99.99"}, "DonViXuLy", "không có đơn vị mã định danh «H99.99»"),
    # Nghệ An's commune: outside the connector account's province.
    ({"DonViXuLy": "H40.01"}, "DonViXuLy", "trong phạm vi của tài khoản kết nối"),
    ({"MaTTHC": "9.999999"}, "MaTTHC", "không có thủ tục mã «9.999999»"),
    ({"NgayNopHoSo": "2023-06-05 08:00"}, "NgayNopHoSo", "yyyyMMddHHmmss"),
    # Month 13.
    ({"NgayNopHoSo": "20231305080000"}, "NgayNopHoSo", "yyyyMMddHHmmss"),
    ({"NgayNopHoSo": "20990101080000"}, "NgayNopHoSo", "ở tương lai"),
    # A year near 1 would overflow once in UTC.
    ({"NgayNopHoSo": "00010101000000"}, "NgayNopHoSo", "yyyyMMddHHmmss"),
    ({"TrangThaiHoSo": 2}, "TrangThaiHoSo", "phải có trạng thái 1"),
    ({"KenhThucHien": 1}, "KenhThucHien", "kênh 2"),
    ({"NgayHenTra": "20230607170000"}, "NgayHenTra", "phải để trống"),
    ({"LoaiDoiTuong": 7}, "LoaiDoiTuong", "1 (công dân) hoặc 2 (tổ chức)"),
    # 12 digits, but 999 is no province's code.
    ({"DinhDanhCHS": [{"LoaiDinhDanh": 1, "SoDinhDanh": "999195012345"}]}, "DinhDanhCHS[0].SoDinhDanh", ""),
    ({"DinhDanhCHS": []}, "DinhDanhCHS[0].SoDinhDanh", "cần số định danh"),
    # Caught by the schema: types and required fields.
    ({"TaiLieuNop": []}, "TaiLieuNop", "ít nhất 1 phần tử"),
    ({"TaiKhoanDuocXacThucVoiVNeID": 5}, "TaiKhoanDuocXacThucVoiVNeID", "0, 1"),
    ({"TrangThaiHoSo": "một"}, "TrangThaiHoSo", "số nguyên"),
    ({"ChuHoSo": ""}, "ChuHoSo", "không được để trống"),
    ({"MaHoSo": "G22 / 1"}, "MaHoSo", ""),
    ({"SoLuong": 1}, "SoLuong", "không được chấp nhận"),
]


@pytest.mark.parametrize("changes, field, fragment", BAD, ids=[f"{b[1]}-{n}" for n, b in enumerate(BAD)])
def test_a_bad_filing_names_the_bad_field_and_keeps_nothing(portal, changes, field, fragment):
    response = post(portal, filing(**changes))
    assert response.status_code == 422, response.content.decode()
    body = response.json()
    assert body["code"] in ("invalid_filing", "validation_error")
    named = {e["field"]: e["message"] for e in body["details"]["errors"]}
    assert field in named, named
    assert fragment in named[field]
    assert PortalFiling.objects.count() == 0


def test_every_bad_field_is_listed_at_once(portal):
    response = post(portal, filing(DonViXuLy="H99.99", MaTTHC="9.999999", NgayNopHoSo="hôm qua", TrangThaiHoSo=4))
    assert response.status_code == 422
    fields = [e["field"] for e in response.json()["details"]["errors"]]
    assert sorted(fields) == ["DonViXuLy", "MaTTHC", "NgayNopHoSo", "TrangThaiHoSo"]
    assert "(và 3 lỗi khác)" in response.json()["message"]


def test_only_the_portal_token_may_file(portal, anonymous, client):
    assert anonymous.post_json(URL, FILING).status_code == 401
    assert ApiClient("motcua_khong-phai-ma-that").post_json(URL, FILING).status_code == 401
    # A desk officer's valid token is not the portal's.
    refused = portal.client["officer"].post_json(URL, FILING)
    assert refused.status_code == 403 and refused.json()["code"] == "forbidden_role"
    # The portal account's session is no way in either: the bearer token only.
    client.force_login(portal.portal_account)
    assert client.post(URL, FILING, content_type="application/json").status_code == 401
    assert PortalFiling.objects.count() == 0
    # The portal's token opens nothing but its own route.
    assert portal.portal.get("/api/dossiers").status_code == 401
    assert portal.portal.get("/api/me").status_code == 401


def test_accepting_receives_the_dossier_with_the_portal_code_in_its_receipt_event(portal):
    post(portal, FILING)
    kept = PortalFiling.objects.get()
    dossier = do_accept_portal_filing(portal.officer, kept)
    assert dossier.status == Status.RECEIVED
    assert dossier.channel == "online_full" and dossier.result_delivery == "online"
    assert dossier.applicant_vneid_verified is True and dossier.digitized_components is True
    assert [p["name"] for p in dossier.components] == ["to-khai-khai-sinh.pdf", "giay-chung-sinh.pdf"]
    # Our own code from the unit's sequence; the due time counted from the acceptance (now), not from the filing.
    assert dossier.code.startswith("H56.20.03-") and dossier.due_at > dossier.received_at > kept.filed_at
    event = DossierEvent.objects.get(dossier=dossier)
    assert (event.verb, event.actor, event.to_status) == (Verb.RECEIVE, portal.officer, Status.RECEIVED)
    assert event.data["portal"] == {"code": "G22.99-230605-0001", "filed_at": "20230605080000"}
    assert event.data["after"]["applicant_vneid_verified"] is True
    kept.refresh_from_db()
    assert (kept.state, kept.dossier, kept.decided_by) == (PortalFilingState.ACCEPTED, dossier, portal.officer)
    # The portal asking again learns status 2, our code and the due time.
    again = post(portal, FILING).json()
    assert again["TrangThaiHoSo"] == 2 and again["MaHoSoMotCua"] == dossier.code
    assert again["NgayHenTra"] == timezone.localtime(dossier.due_at).strftime("%Y%m%d%H%M%S")
    # Decided once.
    with pytest.raises(DossierActionError) as refused:
        do_refuse_portal_filing(portal.officer, kept, ["Thiếu giấy tờ"])
    assert refused.value.code.value == "invalid_transition"


def test_refusing_needs_reasons_and_makes_no_dossier(portal):
    post(portal, FILING)
    kept = PortalFiling.objects.get()
    with pytest.raises(DossierActionError) as empty:
        do_refuse_portal_filing(portal.officer, kept, ["  "])
    assert empty.value.code.value == "reason_required"
    kept.refresh_from_db()
    assert kept.state == PortalFilingState.FILED
    do_refuse_portal_filing(portal.officer, kept, ["Giấy chứng sinh không đọc được", "Sai thủ tục"])
    kept.refresh_from_db()
    assert kept.state == PortalFilingState.REFUSED and kept.dossier is None
    answer = post(portal, FILING).json()
    assert answer["TrangThaiHoSo"] == 3
    assert answer["LyDoTuChoi"] == ["Giấy chứng sinh không đọc được", "Sai thủ tục"]
    assert answer["NgayTuChoi"] == timezone.localtime(kept.decided_at).strftime("%Y%m%d%H%M%S")
    assert Dossier.objects.count() == 0


def test_only_a_desk_officer_of_the_unit_decides(portal):
    post(portal, FILING)
    kept = PortalFiling.objects.get()
    for user, code in [(portal.officer_b, "out_of_scope"), (portal.specialist, "forbidden_role"), (portal.portal_account, "out_of_scope")]:
        with pytest.raises(DossierActionError) as refused:
            do_accept_portal_filing(user, kept)
        assert refused.value.code.value == code, user
    assert Dossier.objects.count() == 0


def test_an_accepted_filing_flows_back_to_the_portal_under_its_own_code(portal):
    # The acceptance is an ordinary receipt event: the outbox writes its message in the same
    # transaction, under the portal's code, with status 2, our due time and the VNeID flag.
    from motcua.nationalportal.models import OutboxMessage

    post(portal, FILING)
    dossier = do_accept_portal_filing(portal.officer, PortalFiling.objects.get())
    message = OutboxMessage.objects.get(dossier=dossier)
    body = message.payload
    assert (body["MaHoSo"], body["TrangThaiHoSo"], body["TaiKhoanDuocXacThucVoiVNeID"]) == ("G22.99-230605-0001", 2, 1)
    assert body["NgayHenTra"] == timezone.localtime(dossier.due_at).strftime("%Y%m%d%H%M%S")
    # Later changes of the dossier keep the portal's code.
    from motcua.dossiers.actions import do_assign_dossier

    do_assign_dossier(portal.officer, dossier, portal.specialist)
    assert [m.payload["MaHoSo"] for m in OutboxMessage.objects.filter(dossier=dossier).order_by("pk")] == ["G22.99-230605-0001"] * 2
