"""The body of POST /api/portal/dossiers: the national portal's dossier shape (national-portal.md).

Types only: what the values mean (a known unit, a known procedure, a time in
`yyyyMMddHHmmss`, status 1) is checked by motcua.dossiers.portal_filings, which
names every bad field at once.
"""

from __future__ import annotations

from typing import Any, Literal, Optional

from ninja import Field, Schema

from motcua.api.schemas import In, Text

Flag = Literal[0, 1]
# A time as the portal writes it (local yyyyMMddHHmmss); its format is checked with the filing.
NationalTime = Optional[Text(32)]


class IdentifierIn(In):
    LoaiDinhDanh: int = Field(1, description="1 số định danh cá nhân (CCCD), 2 mã số thuế / mã tổ chức")
    SoDinhDanh: Text(32, 1)


class PaperIn(In):
    TenTepDinhKem: Text(300, 1)
    DuocSoHoa: Flag = 0
    DuocTaiSuDung: Flag = 0
    DuocLayTuKhoDMQG: Flag = 0


class FeeIn(In):
    TenPhiLePhi: Text(300, 1)
    Gia: int = Field(0, ge=0)


class TrailIn(In):
    TrangThai: int
    ThoiDiem: Text(32)
    NguoiXuLy: Optional[Text(300)] = None


class PortalDossierIn(In):
    """A dossier filed on the national portal, TrangThaiHoSo 1."""

    MaHoSo: Text(64, 1) = Field(..., pattern=r"^[A-Za-z0-9.\-]+$", description="mã hồ sơ trên Cổng: khóa chống gửi trùng")
    MaTTHC: Text(32, 1)
    MaLinhVuc: Optional[Text(100)] = None
    DonViXuLy: Text(64, 1) = Field(..., description="mã định danh của đơn vị giải quyết, ví dụ H56.20.03")
    KenhThucHien: Optional[int] = Field(2, description="2: trực tuyến")
    TrangThaiHoSo: int = Field(..., description="1: mới nộp trực tuyến, chưa tiếp nhận")
    NgayNopHoSo: Text(32, 1) = Field(..., description="yyyyMMddHHmmss, giờ Việt Nam")
    NgayTiepNhan: NationalTime = None
    NgayHenTra: NationalTime = None
    NgayKetThucXuLy: NationalTime = None
    NgayTra: NationalTime = None
    NgayTuChoi: NationalTime = None
    ChuHoSo: Text(300, 1)
    LoaiDoiTuong: int = Field(1, description="1 công dân, 2 tổ chức")
    DinhDanhCHS: list[IdentifierIn] = Field(default_factory=list, max_length=10)
    TaiKhoanDuocXacThucVoiVNeID: Flag = 0
    DuocThanhToanTrucTuyen: Literal[0, 1, 2] = 0
    HoSoCoThanhPhanSoHoa: Flag = 0
    TaiLieuNop: list[PaperIn] = Field(..., min_length=1, max_length=100)
    DanhSachLePhi: list[FeeIn] = Field(default_factory=list, max_length=50)
    DanhSachHoSoBoSung: list[dict[str, Any]] = Field(default_factory=list, max_length=0)
    DanhSachGiayToKetQua: list[dict[str, Any]] = Field(default_factory=list, max_length=0)
    TienTrinh: list[TrailIn] = Field(default_factory=list, max_length=100)


class PortalFilingOut(Schema):
    MaHoSo: str
    TrangThaiHoSo: int = Field(..., description="1 chờ tiếp nhận, 2 đã tiếp nhận, 3 không tiếp nhận")
    MaHoSoMotCua: Optional[str] = Field(None, description="mã hồ sơ của một cửa, khi đã tiếp nhận")
    NgayTiepNhan: Optional[str] = None
    NgayHenTra: Optional[str] = None
    NgayTuChoi: Optional[str] = None
    LyDoTuChoi: list[str] = Field(default_factory=list)
