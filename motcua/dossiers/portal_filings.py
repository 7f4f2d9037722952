"""Dossiers filed on the national portal (national-portal.md, "Inbound"): read, keep, accept or refuse.

A filing arrives from the portal's connector account with TrangThaiHoSo 1. It
is read like a load line: every bad field is named, nothing is kept unless the
whole filing is good. It is idempotent on its MaHoSo: the same body again is a
replay (same answer, no second row), another body for a known code is refused.

At the desk an officer of the unit accepts it — the dossier is received then,
through the desk's own receipt (actions.do_receive_dossier: a motcua code, the
due time counted from the acceptance, the RECEIVE event with the portal's code
in its data) and the portal sees status 2 — or refuses it with reasons (status
3). Either decision is written once, in one transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from enum import Enum

from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.utils import timezone

from motcua.accounts.models import Role
from motcua.catalog.models import OnlineLevel, Procedure
from motcua.dossiers import actions as a
from motcua.dossiers.error_codes import DossierErrorCode as E
from motcua.dossiers.lifecycle import INTAKE_ROLES
from motcua.dossiers.models import ApplicantKind, Channel, PortalFiling, PortalFilingState, ReturnChannel
from motcua.dossiers.timeliness import LOCAL_TZ
from motcua.lib.cccd import validate_cccd
from motcua.units.models import Unit

# Sent inside the refusal's transaction (receivers may write rows that commit or roll back with it, as
# an outbox message must); an acceptance is the dossier's RECEIVE event, announced as every event.
portal_filing_refused = Signal()

NATIONAL_TIME_FORMAT = "%Y%m%d%H%M%S"
# TrangThaiHoSo of a filing as the portal sees it.
NATIONAL_STATUS = {PortalFilingState.FILED: 1, PortalFilingState.ACCEPTED: 2, PortalFilingState.REFUSED: 3}
# LoaiDoiTuong: 1 a citizen, 2 an organisation.
APPLICANT_KIND = {1: ApplicantKind.CITIZEN, 2: ApplicantKind.ORGANISATION}
CHANNEL_OF_LEVEL = {OnlineLevel.PARTIAL: Channel.ONLINE_PARTIAL, OnlineLevel.FULL: Channel.ONLINE_FULL}
# The flags of a paper: TaiLieuNop's name → ours (motcua.dossiers.papers.PAPER_FLAGS).
PAPER_FLAGS = {"DuocSoHoa": "digitized", "DuocTaiSuDung": "reused", "DuocLayTuKhoDMQG": "from_data_store"}


class FilingErrorCode(Enum):
    INVALID_FILING = "invalid_filing"
    FILING_CONFLICT = "filing_conflict"


class PortalFilingError(Exception):
    """A filing refused as a whole; `errors` names each bad field ({"field", "message"})."""

    def __init__(self, code: FilingErrorCode, message: str, errors: list[dict] | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.errors = errors or []


def digest_of(payload: dict) -> str:
    """Return the SHA-256 of a body's canonical JSON: key order and spacing do not make another body."""
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_national_time(text) -> dt.datetime | None:
    """Return the aware time of a `yyyyMMddHHmmss` local (Asia/Ho_Chi_Minh) text, or None if it is not one."""
    if not isinstance(text, str) or len(text) != 14 or not text.isdigit():
        return None
    try:
        naive = dt.datetime.strptime(text, NATIONAL_TIME_FORMAT)
    except ValueError:
        return None
    # Years near 1 overflow when converted to UTC; none of them is a filing's.
    return naive.replace(tzinfo=LOCAL_TZ) if naive.year >= 1900 else None


def national_time(value: dt.datetime | None) -> str | None:
    """Return a time as the portal writes it: local `yyyyMMddHHmmss`."""
    return value.astimezone(LOCAL_TZ).strftime(NATIONAL_TIME_FORMAT) if value else None


def _read(payload: dict, account) -> tuple[dict, list[dict]]:
    """Read a filing into PortalFiling fields; return (fields, errors naming each bad field)."""
    errors: list[dict] = []

    def bad(field: str, message: str):
        errors.append({"field": field, "message": f"«{field}»: {message}"})

    if payload.get("TrangThaiHoSo") != 1:
        bad("TrangThaiHoSo", f"hồ sơ nộp trên Cổng phải có trạng thái 1 (mới nộp, chưa tiếp nhận), không phải {payload.get('TrangThaiHoSo')!r}")
    if payload.get("KenhThucHien") not in (None, 2):
        bad("KenhThucHien", f"hồ sơ nộp trên Cổng phải có kênh 2 (trực tuyến), không phải {payload.get('KenhThucHien')!r}")
    for name in ("NgayTiepNhan", "NgayHenTra", "NgayKetThucXuLy", "NgayTra", "NgayTuChoi"):
        if payload.get(name) is not None:
            bad(name, "hồ sơ chưa được tiếp nhận nên trường này phải để trống (null)")

    filed_at = parse_national_time(payload.get("NgayNopHoSo"))
    if filed_at is None:
        bad("NgayNopHoSo", f"«{payload.get('NgayNopHoSo')}» không phải thời điểm dạng yyyyMMddHHmmss (giờ Việt Nam), ví dụ 20261205120800")
    elif filed_at > timezone.now() + dt.timedelta(minutes=5):
        bad("NgayNopHoSo", f"thời điểm nộp {payload['NgayNopHoSo']} ở tương lai")

    # DonViXuLy is the unit's agency identifier (mã định danh, e.g. H56.20.03), within the portal account's province.
    unit_code = payload.get("DonViXuLy") or ""
    unit = None
    if account.unit_id is not None:
        unit = (
            Unit.objects.filter(agency_id=unit_code, path__startswith=account.unit.path).order_by("-valid_from").first()
            if unit_code
            else None
        )
    if unit is None:
        bad("DonViXuLy", f"không có đơn vị mã định danh «{unit_code}» trong phạm vi của tài khoản kết nối")

    procedure = Procedure.objects.filter(code=payload.get("MaTTHC") or "").order_by().first()
    if procedure is None:
        bad("MaTTHC", f"không có thủ tục mã «{payload.get('MaTTHC')}» trong danh mục")
    elif procedure.online not in CHANNEL_OF_LEVEL:
        bad("MaTTHC", f"thủ tục {procedure.code} không được cung cấp trực tuyến")

    kind = APPLICANT_KIND.get(payload.get("LoaiDoiTuong", 1))
    if kind is None:
        bad("LoaiDoiTuong", f"phải là 1 (công dân) hoặc 2 (tổ chức), không phải {payload.get('LoaiDoiTuong')!r}")
    ids = payload.get("DinhDanhCHS") or []
    id_number = str(ids[0].get("SoDinhDanh") or "").strip() if ids else ""
    if kind == ApplicantKind.CITIZEN:
        problem = "cần số định danh cá nhân của công dân" if not id_number else validate_cccd(id_number, today=timezone.localdate())
        if problem:
            bad("DinhDanhCHS[0].SoDinhDanh", problem)

    components = []
    for n, paper in enumerate(payload.get("TaiLieuNop") or []):
        item = {"name": paper["TenTepDinhKem"].strip(), "form": "copy", "quantity": 1}
        item.update({ours: bool(paper.get(theirs)) for theirs, ours in PAPER_FLAGS.items()})
        if not item["name"]:
            bad(f"TaiLieuNop[{n}].TenTepDinhKem", "không được để trống")
        components.append(item)
    if not components:
        bad("TaiLieuNop", "cần ít nhất một thành phần hồ sơ")

    fields = {
        "unit": unit,
        "procedure": procedure,
        "filed_at": filed_at,
        "applicant_kind": kind or "",
        "applicant_name": payload.get("ChuHoSo", "").strip(),
        "applicant_id_number": id_number,
        "applicant_vneid_verified": payload.get("TaiKhoanDuocXacThucVoiVNeID") == 1,
        "components": components,
    }
    if not fields["applicant_name"]:
        bad("ChuHoSo", "cần ghi tên chủ hồ sơ")
    return fields, errors


def file_from_portal(account, payload: dict) -> tuple[PortalFiling, bool]:
    """Keep a dossier filed on the portal; return (the filing, whether it is new).

    `payload` is the body already checked for types (the API's schema), with
    every field of national-portal.md present. The same body for a known code
    returns the kept filing; another body raises FILING_CONFLICT.
    """
    if account.role != Role.NATIONAL_PORTAL or not account.is_active:
        a._fail(E.FORBIDDEN_ROLE, "chỉ tài khoản kết nối Cổng DVC quốc gia được gửi hồ sơ nộp trên Cổng")
    digest = digest_of(payload)
    code = payload["MaHoSo"]
    known = PortalFiling.objects.filter(code=code).first()
    if known is not None:
        return _replay(known, digest), False
    fields, errors = _read(payload, account)
    if errors:
        message = errors[0]["message"] + (f" (và {len(errors) - 1} lỗi khác)" if len(errors) > 1 else "")
        raise PortalFilingError(FilingErrorCode.INVALID_FILING, message, errors)
    try:
        with transaction.atomic():
            return PortalFiling.objects.create(code=code, digest=digest, payload=payload, **fields), True
    except IntegrityError:
        # Two deliveries of one code at once: the loser answers as a replay.
        known = PortalFiling.objects.filter(code=code).first()
        if known is None:
            raise
        return _replay(known, digest), False


def _replay(known: PortalFiling, digest: str) -> PortalFiling:
    if known.digest != digest:
        raise PortalFilingError(
            FilingErrorCode.FILING_CONFLICT,
            f"hồ sơ {known.code} đã được gửi với nội dung khác; mã hồ sơ không được dùng lại cho nội dung mới",
            [{"field": "MaHoSo", "message": f"«MaHoSo»: {known.code} đã có, nội dung gửi lần này khác lần trước"}],
        )
    return known


_DECIDED = {PortalFilingState.ACCEPTED: "đã được tiếp nhận", PortalFilingState.REFUSED: "đã bị từ chối tiếp nhận"}


def _lock_filing(actor, filing: PortalFiling, what: str) -> PortalFiling:
    """Lock a filing still waiting, after checking the actor may decide on it (a desk officer of its unit)."""
    locked = PortalFiling.objects.select_for_update(of=("self",)).select_related("unit", "procedure").get(pk=filing.pk)
    a._check_actor(actor, locked.unit, INTAKE_ROLES, what, intake=True)
    if locked.state != PortalFilingState.FILED:
        a._fail(E.INVALID_TRANSITION, f"hồ sơ {locked.code} {_DECIDED[locked.state]}, không thể quyết định lại")
    return locked


def do_accept_portal_filing(actor, filing: PortalFiling, *, at=None):
    """Accept a filing at the desk: receive its dossier (code, due time from now, RECEIVE event); return the dossier."""
    with transaction.atomic():
        f = _lock_filing(actor, filing, "tiếp nhận hồ sơ nộp trên Cổng")
        at = a._not_in_future(at, "thời điểm tiếp nhận")
        if at < f.filed_at:
            a._fail(E.INVALID_TIME, "thời điểm tiếp nhận không được trước thời điểm nộp trên Cổng")
        applicant = {"kind": f.applicant_kind, "name": f.applicant_name, "id_number": f.applicant_id_number}
        dossier = a.do_receive_dossier(
            actor,
            f.unit,
            f.procedure,
            CHANNEL_OF_LEVEL.get(f.procedure.online, Channel.ONLINE_FULL),
            at,
            applicant,
            f.components,
            ReturnChannel.ONLINE,
            extra_fields={
                "applicant_vneid_verified": f.applicant_vneid_verified,
                "digitized_components": f.payload.get("HoSoCoThanhPhanSoHoa") == 1,
            },
            event_data={"online": True, "portal": {"code": f.code, "filed_at": national_time(f.filed_at)}},
        )
        f.state, f.dossier, f.decided_by, f.decided_at = PortalFilingState.ACCEPTED, dossier, actor, at
        f.save(update_fields=["state", "dossier", "decided_by", "decided_at"])
    return dossier


def do_refuse_portal_filing(actor, filing: PortalFiling, reasons, *, at=None) -> PortalFiling:
    """Refuse a filing at the desk with its reasons (national status 3); no dossier is made."""
    with transaction.atomic():
        f = _lock_filing(actor, filing, "từ chối hồ sơ nộp trên Cổng")
        reasons = a._reasons(reasons, "cần ghi rõ lý do không tiếp nhận hồ sơ")
        at = a._not_in_future(at, "thời điểm từ chối")
        f.state, f.decided_by, f.decided_at, f.reasons = PortalFilingState.REFUSED, actor, at, reasons
        f.save(update_fields=["state", "decided_by", "decided_at", "reasons"])
        portal_filing_refused.send(sender=PortalFiling, filing=f)
    return f


def answer(filing: PortalFiling) -> dict:
    """Return what the portal is told about a filing: its national status, and once decided our code and due time, or the reasons."""
    dossier = filing.dossier
    return {
        "MaHoSo": filing.code,
        "TrangThaiHoSo": NATIONAL_STATUS[filing.state],
        "MaHoSoMotCua": dossier.code if dossier else None,
        "NgayTiepNhan": national_time(dossier.received_at) if dossier else None,
        "NgayHenTra": national_time(dossier.due_at) if dossier else None,
        "NgayTuChoi": national_time(filing.decided_at) if filing.state == PortalFilingState.REFUSED else None,
        "LyDoTuChoi": list(filing.reasons) if filing.state == PortalFilingState.REFUSED else [],
    }
