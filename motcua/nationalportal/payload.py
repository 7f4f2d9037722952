"""The message the national portal receives for a dossier's state (national-portal.md, "Outbound").

`build_payload` is a pure function of `Facts` (no database): the mapping of our
statuses and channels to the portal's codes, times as local `yyyyMMddHHmmss`,
the applicant, papers with their digitization flags, supplements, the electronic
result and the trail of statuses. `facts_of` reads those facts for one dossier.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from motcua.dossiers.models import ApplicantKind, Channel, Outcome, Status
from motcua.dossiers.timeliness import LOCAL_TZ

# TrangThaiHoSo. 1 (filed online, not yet accepted), 3 (not accepted at intake) and
# 6 (financial obligation requested) have no status of ours yet.
STATUS_CODES = {
    Status.RECEIVED: 2,
    Status.ASSIGNED: 4,
    Status.PROCESSING: 4,
    Status.TRANSFERRED: 4,
    Status.AWAITING_DECISION: 4,
    Status.AWAITING_SUPPLEMENT: 5,
    Status.WITHDRAWN: 7,
    Status.STOPPED: 8,
    Status.APPROVED: 9,
    # A refusal after handling is "handled" with NgayTuChoi set (national-portal.md, our rule).
    Status.REFUSED: 9,
    Status.RETURNED: 10,
    # Filed online with a fee, waiting for its payment (motcua.payments.online).
    Status.AWAITING_PAYMENT: 6,
}
# KenhThucHien: 1 counter, 2 online, 3 public postal service.
CHANNEL_CODES = {Channel.COUNTER: 1, Channel.ONLINE_PARTIAL: 2, Channel.ONLINE_FULL: 2, Channel.POSTAL: 3}
# LoaiDoiTuong and the LoaiDinhDanh of the applicant's number: 1 a citizen (personal id), 2 an organisation.
APPLICANT_CODES = {ApplicantKind.CITIZEN: 1, ApplicantKind.ORGANISATION: 2}
# NguoiXuLy of an act with no user (the online portal, a loader, a scheduled job).
SYSTEM_ACTOR = "Hệ thống"


@dataclass
class Step:
    """One status the dossier entered: TienTrinh's line."""

    status: str
    at: dt.datetime
    actor: str


@dataclass
class Facts:
    """What the payload says of a dossier, read beforehand (facts_of) so the mapping reads no database."""

    code: str
    procedure_code: str
    field_code: str
    unit_code: str
    channel: str
    status: str
    outcome: str
    received_at: dt.datetime
    due_at: dt.datetime
    resolved_at: dt.datetime | None
    returned_at: dt.datetime | None
    applicant_kind: str
    applicant_name: str
    applicant_id_number: str
    vneid_verified: bool | None
    digitized_components: bool | None
    # Dossier.components: {"name", "digitized", "reused", "from_data_store", "sha256", …}.
    components: list[dict] = field(default_factory=list)
    # (requested_at, received_at or None, reason), oldest first.
    supplements: list[tuple] = field(default_factory=list)
    # The electronic result: {"name", "sha256", "signed_at", "signed_by", "pushed_to_data_store"}, or None.
    result: dict | None = None
    trail: list[Step] = field(default_factory=list)
    # DanhSachLePhi lines {"TenPhiLePhi", "Gia"} and DuocThanhToanTrucTuyen (0, 1 portal, 2 province gateway).
    fees: list[dict] = field(default_factory=list)
    paid_online: int = 0


def portal_time(value: dt.datetime | None) -> str | None:
    """Return an instant as the portal writes it: local (Asia/Ho_Chi_Minh) yyyyMMddHHmmss."""
    return None if value is None else value.astimezone(LOCAL_TZ).strftime("%Y%m%d%H%M%S")


def status_code(status: str) -> int:
    return STATUS_CODES[status]


def _flag(value) -> int:
    return 1 if value else 0


def paper_line(paper: dict) -> dict:
    """TaiLieuNop's line for one received paper: digitized when it says so or carries its scan's hash."""
    return {
        "TenTepDinhKem": str(paper.get("name") or ""),
        "DuocSoHoa": _flag(paper.get("digitized") or paper.get("sha256")),
        "DuocTaiSuDung": _flag(paper.get("reused")),
        "DuocLayTuKhoDMQG": _flag(paper.get("from_data_store")),
    }


def build_payload(f: Facts) -> dict:
    """Return the JSON message of national-portal.md for a dossier in the state `f` describes."""
    papers = [paper_line(p) for p in f.components]
    kind = APPLICANT_CODES.get(f.applicant_kind, 1)
    results = []
    if f.result is not None:
        results.append(
            {
                "TenGiayTo": f.result["name"],
                "MaBamSHA256": f.result["sha256"],
                "NgayKy": portal_time(f.result["signed_at"]),
                "NguoiKy": f.result["signed_by"],
                "DuaVaoKhoDMQG": _flag(f.result["pushed_to_data_store"]),
            }
        )
    return {
        "MaHoSo": f.code,
        "MaTTHC": f.procedure_code,
        "MaLinhVuc": f.field_code,
        "DonViXuLy": f.unit_code,
        "KenhThucHien": CHANNEL_CODES[f.channel],
        "TrangThaiHoSo": status_code(f.status),
        "NgayNopHoSo": portal_time(f.received_at),
        "NgayTiepNhan": portal_time(f.received_at),
        "NgayHenTra": portal_time(f.due_at),
        "NgayKetThucXuLy": portal_time(f.resolved_at),
        "NgayTra": portal_time(f.returned_at),
        "NgayTuChoi": portal_time(f.resolved_at) if f.outcome == Outcome.REFUSED else None,
        "ChuHoSo": f.applicant_name,
        "LoaiDoiTuong": kind,
        "DinhDanhCHS": [{"LoaiDinhDanh": kind, "SoDinhDanh": f.applicant_id_number}] if f.applicant_id_number else [],
        "TaiKhoanDuocXacThucVoiVNeID": _flag(f.vneid_verified),
        "DuocThanhToanTrucTuyen": f.paid_online,
        "HoSoCoThanhPhanSoHoa": _flag(f.digitized_components or any(p["DuocSoHoa"] for p in papers)),
        "TaiLieuNop": papers,
        "DanhSachLePhi": list(f.fees),
        "DanhSachHoSoBoSung": [
            {"NgayYeuCau": portal_time(asked), "NgayBoSung": portal_time(got), "NoiDungYeuCau": reason}
            for asked, got, reason in f.supplements
        ],
        "DanhSachGiayToKetQua": results,
        "TienTrinh": [
            {"TrangThai": status_code(s.status), "ThoiDiem": portal_time(s.at), "NguoiXuLy": s.actor} for s in f.trail
        ],
    }


# ------------------------------------------------------------------ reading the facts


# DuocThanhToanTrucTuyen of a payment method: 1 paid on the national portal, 2 through the province's gateway.
ONLINE_PAYMENT_CODES = {"portal": 1, "province_gateway": 2}


def fees_and_payment(dossier) -> tuple[list[dict], int]:
    """Return (DanhSachLePhi, DuocThanhToanTrucTuyen) of a dossier, from motcua.payments.

    The fee lines quoted at intake [{"TenPhiLePhi": name, "Gia": amount due for the line in đồng}] (the
    procedure's lines when none was quoted), and 0 (not paid online), 1 (paid on the national portal)
    or 2 (through the province's gateway) from the dossier's payments.
    """
    from motcua.payments.models import DossierFee, Payment

    if not dossier.procedure.fees:
        # A procedure without fee lines: nothing was quoted or paid (and no query is spent on every message).
        return [], 0
    quote = DossierFee.objects.filter(dossier=dossier).first()
    if quote is not None:
        lines = [{"TenPhiLePhi": line["name"], "Gia": 0 if line.get("exempt") else line["total"]} for line in quote.lines]
    else:
        lines = [{"TenPhiLePhi": line["name"], "Gia": line["amount"]} for line in dossier.procedure.fees or []]
    methods = set(Payment.objects.filter(dossier=dossier, amount__gt=0).order_by().values_list("method", flat=True))
    paid = max((ONLINE_PAYMENT_CODES[m] for m in methods if m in ONLINE_PAYMENT_CODES), default=0)
    return lines, paid


def portal_code(dossier, event=None) -> str:
    """The dossier's MaHoSo on the national portal: the portal's own code for a filing accepted from it, else ours.

    The acceptance's receipt event names the filing (its link to the dossier is saved just after the event).
    """
    named = ((event.data or {}).get("portal") or {}).get("code") if event is not None else None
    if named:
        return named
    if dossier.channel not in (Channel.ONLINE_PARTIAL, Channel.ONLINE_FULL):
        return dossier.code  # only online filings come from the portal (and no query is spent on the others)
    filing = getattr(dossier, "portal_filing", None) if dossier.pk else None
    return filing.code if filing is not None else dossier.code


def _actor_name(user) -> str:
    if user is None:
        return SYSTEM_ACTOR
    return user.get_full_name() or user.username


def trail_of(events) -> list[Step]:
    """The statuses a dossier entered, from its events (oldest first): its receipt, then each change of status."""
    steps = []
    for event in events:
        if not event.to_status:
            continue
        if steps and event.to_status == event.from_status:
            continue
        steps.append(Step(event.to_status, event.at, _actor_name(event.actor)))
    return steps


def facts_of(dossier, event=None) -> Facts:
    """Read what the payload of `dossier` says, in its state in the current transaction, after `event` if given.

    Three queries (history, supplements, result) and the procedure's field if not loaded; none of
    them for a receipt, whose dossier was just created with nothing before it (the desk's hot path).
    """
    from motcua.dossiers.events import Verb
    from motcua.dossiers.models import ResultDocument

    if event is not None and event.verb == Verb.RECEIVE:
        events, supplements, document = [event], [], None
    else:
        events = list(dossier.events.select_related("actor").order_by("at", "id"))
        supplements = list(
            dossier.supplements.order_by("requested_at", "id").values_list("requested_at", "received_at", "reason")
        )
        document = ResultDocument.objects.filter(dossier=dossier, electronic=True).select_related("attachment").first()
    result = None
    if document is not None:
        result = {
            "name": (document.attachment.original_name if document.attachment else "") or f"{dossier.code}-ket-qua.pdf",
            "sha256": document.sha256,
            "signed_at": document.signed_at,
            "signed_by": document.signed_by,
            "pushed_to_data_store": document.pushed_to_data_store,
        }
    fees, paid_online = fees_and_payment(dossier)
    procedure = dossier.procedure
    return Facts(
        # A dossier filed on the national portal keeps the portal's code there (motcua.dossiers.portal_filings).
        code=portal_code(dossier, event),
        procedure_code=procedure.code,
        field_code=procedure.field.code if procedure.field_id else "",
        unit_code=dossier.unit.agency_id or dossier.unit.code,
        channel=dossier.channel,
        status=dossier.status,
        outcome=dossier.outcome,
        received_at=dossier.received_at,
        due_at=dossier.due_at,
        resolved_at=dossier.resolved_at,
        returned_at=dossier.returned_at,
        applicant_kind=dossier.applicant_kind,
        applicant_name=dossier.applicant_name,
        applicant_id_number=dossier.applicant_id_number,
        vneid_verified=dossier.applicant_vneid_verified,
        digitized_components=dossier.digitized_components,
        components=list(dossier.components or []),
        supplements=supplements,
        result=result,
        trail=trail_of(events),
        fees=fees,
        paid_online=paid_online,
    )
