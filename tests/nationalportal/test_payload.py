"""The portal's message (national-portal.md): the pure mapping worked by hand, then every lifecycle path through the actions."""

import datetime as dt

import pytest

from motcua.dossiers.actions import (
    do_approve_dossier,
    do_assign_dossier,
    do_receive_supplement,
    do_refuse_dossier,
    do_request_supplement,
    do_return_result,
    do_start_processing,
    do_submit_for_decision,
    do_withdraw_dossier,
)
from motcua.dossiers.models import Channel, Outcome, Status
from motcua.dossiers.stopping import do_stop_dossier
from motcua.nationalportal.models import OutboxMessage
from motcua.nationalportal.payload import CHANNEL_CODES, STATUS_CODES, Facts, Step, build_payload, portal_time
from tests.desk.conftest import desk, receive, vn  # noqa: F401  (desk: the fixture)

UTC = dt.timezone.utc


def test_a_full_payload_worked_by_hand():
    facts = Facts(
        code="H56.82-261205-0001",
        procedure_code="1.001193",
        field_code="ho_tich",
        unit_code="H56.82",
        channel=Channel.ONLINE_FULL,
        status=Status.RETURNED,
        outcome=Outcome.REFUSED,
        # 05:08 UTC is 12:08 in Hà Nội (+07:00).
        received_at=dt.datetime(2026, 12, 5, 5, 8, tzinfo=UTC),
        due_at=dt.datetime(2026, 12, 7, 10, 0, tzinfo=UTC),
        resolved_at=dt.datetime(2026, 12, 7, 2, 30, tzinfo=UTC),
        returned_at=vn(2026, 12, 8, 8, 15),
        applicant_kind="citizen",
        applicant_name="Lê Thị Mai",
        applicant_id_number="038195012345",
        vneid_verified=True,
        digitized_components=None,
        components=[
            {"name": "giay-chung-sinh.pdf", "form": "original", "sha256": "ab" * 32},
            {"name": "to-khai.pdf", "digitized": False, "reused": True},
            {"name": "cccd.pdf", "from_data_store": True},
        ],
        supplements=[(vn(2026, 12, 5, 14, 0), vn(2026, 12, 6, 9, 30), "Thiếu giấy chứng sinh bản chính")],
        result={
            "name": "quyet-dinh.pdf",
            "sha256": "cd" * 32,
            "signed_at": vn(2026, 12, 7, 9, 30),
            "signed_by": "Nguyễn Văn B",
            "pushed_to_data_store": None,
        },
        trail=[
            Step(Status.RECEIVED, vn(2026, 12, 5, 12, 8), "Nguyễn Thị Hoa"),
            Step(Status.AWAITING_SUPPLEMENT, vn(2026, 12, 5, 14, 0), "Trần Văn Hùng"),
            Step(Status.REFUSED, vn(2026, 12, 7, 9, 30), "Nguyễn Văn B"),
            Step(Status.RETURNED, vn(2026, 12, 8, 8, 15), "Hệ thống"),
        ],
        fees=[{"TenPhiLePhi": "Lệ phí", "Gia": 8000}],
        paid_online=1,
    )
    assert build_payload(facts) == {
        "MaHoSo": "H56.82-261205-0001",
        "MaTTHC": "1.001193",
        "MaLinhVuc": "ho_tich",
        "DonViXuLy": "H56.82",
        "KenhThucHien": 2,  # online (full)
        "TrangThaiHoSo": 10,  # returned
        "NgayNopHoSo": "20261205120800",
        "NgayTiepNhan": "20261205120800",
        "NgayHenTra": "20261207170000",  # 10:00 UTC
        "NgayKetThucXuLy": "20261207093000",  # 02:30 UTC
        "NgayTra": "20261208081500",
        "NgayTuChoi": "20261207093000",  # refused: its resolution time
        "ChuHoSo": "Lê Thị Mai",
        "LoaiDoiTuong": 1,
        "DinhDanhCHS": [{"LoaiDinhDanh": 1, "SoDinhDanh": "038195012345"}],
        "TaiKhoanDuocXacThucVoiVNeID": 1,
        "DuocThanhToanTrucTuyen": 1,
        # The first paper carries its scan's hash: digitized, so the dossier has a digitized component.
        "HoSoCoThanhPhanSoHoa": 1,
        "TaiLieuNop": [
            {"TenTepDinhKem": "giay-chung-sinh.pdf", "DuocSoHoa": 1, "DuocTaiSuDung": 0, "DuocLayTuKhoDMQG": 0},
            {"TenTepDinhKem": "to-khai.pdf", "DuocSoHoa": 0, "DuocTaiSuDung": 1, "DuocLayTuKhoDMQG": 0},
            {"TenTepDinhKem": "cccd.pdf", "DuocSoHoa": 0, "DuocTaiSuDung": 0, "DuocLayTuKhoDMQG": 1},
        ],
        "DanhSachLePhi": [{"TenPhiLePhi": "Lệ phí", "Gia": 8000}],
        "DanhSachHoSoBoSung": [
            {"NgayYeuCau": "20261205140000", "NgayBoSung": "20261206093000", "NoiDungYeuCau": "Thiếu giấy chứng sinh bản chính"}
        ],
        "DanhSachGiayToKetQua": [
            {
                "TenGiayTo": "quyet-dinh.pdf",
                "MaBamSHA256": "cd" * 32,
                "NgayKy": "20261207093000",
                "NguoiKy": "Nguyễn Văn B",
                "DuaVaoKhoDMQG": 0,
            }
        ],
        "TienTrinh": [
            {"TrangThai": 2, "ThoiDiem": "20261205120800", "NguoiXuLy": "Nguyễn Thị Hoa"},
            {"TrangThai": 5, "ThoiDiem": "20261205140000", "NguoiXuLy": "Trần Văn Hùng"},
            {"TrangThai": 9, "ThoiDiem": "20261207093000", "NguoiXuLy": "Nguyễn Văn B"},
            {"TrangThai": 10, "ThoiDiem": "20261208081500", "NguoiXuLy": "Hệ thống"},
        ],
    }


def test_every_status_and_channel_has_its_code():
    assert set(STATUS_CODES) == set(Status.values)
    assert set(CHANNEL_CODES) == set(Channel.values)
    assert {CHANNEL_CODES[c] for c in ("counter", "online_partial", "online_full", "postal")} == {1, 2, 3}
    # Midnight UTC is 07:00 local; the portal's format has no separators.
    assert portal_time(dt.datetime(2026, 1, 25, 0, 0, tzinfo=UTC)) == "20260125070000"
    assert portal_time(None) is None


def _sent(d):
    """(TrangThaiHoSo, NgayTuChoi set, KenhThucHien) of each message of a dossier, oldest first."""
    return [
        (m.payload["TrangThaiHoSo"], m.payload["NgayTuChoi"] is not None, m.payload["KenhThucHien"])
        for m in OutboxMessage.objects.filter(dossier=d).order_by("id")
    ]


@pytest.mark.django_db
def test_the_main_path_from_receipt_to_return(desk):
    d = receive(desk, vn(2023, 6, 5, 8, 0))
    d = do_assign_dossier(desk.officer, d, desk.specialist, at=vn(2023, 6, 5, 9, 0))
    d = do_start_processing(desk.specialist, d, at=vn(2023, 6, 5, 10, 0))
    d = do_request_supplement(desk.specialist, d, "Thiếu giấy chứng sinh", at=vn(2023, 6, 5, 11, 0))
    d = do_receive_supplement(desk.officer, d, at=vn(2023, 6, 6, 8, 0))
    d = do_submit_for_decision(desk.specialist, d, at=vn(2023, 6, 6, 9, 0))
    d = do_approve_dossier(desk.leader, d, at=vn(2023, 6, 6, 10, 0))
    d = do_return_result(desk.officer, d, at=vn(2023, 6, 6, 14, 0))
    # received 2 · assigned, processing 4 · supplement 5 · back to processing 4 · decision 4 · approved 9 · returned 10.
    assert _sent(d) == [(2, False, 1), (4, False, 1), (4, False, 1), (5, False, 1), (4, False, 1), (4, False, 1),
                        (9, False, 1), (10, False, 1)]
    last = OutboxMessage.objects.filter(dossier=d).latest("id").payload
    assert [s["TrangThai"] for s in last["TienTrinh"]] == [2, 4, 4, 5, 4, 4, 9, 10]
    assert last["TienTrinh"][0] == {"TrangThai": 2, "ThoiDiem": "20230605080000", "NguoiXuLy": "Lê Thị Lan"}
    assert last["DanhSachHoSoBoSung"] == [
        {"NgayYeuCau": "20230605110000", "NgayBoSung": "20230606080000", "NoiDungYeuCau": "Thiếu giấy chứng sinh"}
    ]
    assert (last["NgayKetThucXuLy"], last["NgayTra"], last["NgayTuChoi"]) == ("20230606100000", "20230606140000", None)
    # Every message has its own key; the event it reports is the one that wrote it.
    messages = list(OutboxMessage.objects.filter(dossier=d).order_by("id"))
    assert len({m.key for m in messages}) == 8
    assert [m.event.verb for m in messages][-2:] == ["approve", "return_result"]


@pytest.mark.django_db
def test_refusal_withdrawal_and_stop(desk):
    refused = do_assign_dossier(desk.officer, receive(desk, vn(2023, 6, 5, 8, 0), channel="postal"), desk.specialist,
                                at=vn(2023, 6, 5, 9, 0))
    refused = do_start_processing(desk.specialist, refused, at=vn(2023, 6, 5, 9, 30))
    refused = do_submit_for_decision(desk.specialist, refused, at=vn(2023, 6, 5, 10, 0))
    refused = do_refuse_dossier(desk.leader, refused, ["Không đủ điều kiện"], at=vn(2023, 6, 5, 11, 0))
    refused = do_return_result(desk.officer, refused, at=vn(2023, 6, 5, 15, 0))
    # A refusal after handling is 9 with NgayTuChoi, and stays refused once returned (10). Postal: 3.
    assert _sent(refused) == [(2, False, 3), (4, False, 3), (4, False, 3), (4, False, 3), (9, True, 3), (10, True, 3)]

    withdrawn = do_withdraw_dossier(desk.officer, receive(desk, vn(2023, 6, 5, 8, 30)), "Công dân rút",
                                    at=vn(2023, 6, 5, 9, 0))
    assert _sent(withdrawn) == [(2, False, 1), (7, False, 1)]
    stopped = do_stop_dossier(desk.officer, receive(desk, vn(2023, 6, 5, 8, 40)), "Dừng theo đề nghị", at=vn(2023, 6, 5, 9, 0))
    assert _sent(stopped) == [(2, False, 1), (8, False, 1)]
    assert stopped.status == Status.STOPPED and withdrawn.status == Status.WITHDRAWN


@pytest.mark.django_db
def test_a_refused_action_writes_no_message(desk):
    from motcua.dossiers.error_codes import DossierActionError

    d = receive(desk, vn(2023, 6, 5, 8, 0))
    with pytest.raises(DossierActionError):
        do_approve_dossier(desk.leader, d, at=vn(2023, 6, 5, 9, 0))  # not submitted for decision
    assert _sent(d) == [(2, False, 1)]
