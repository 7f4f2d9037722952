"""The proof step of online submission: a 6-digit code sent to the applicant's phone or e-mail.

A code is stored only as a keyed hash, expires after MOTCUA_PROOF_MINUTES,
takes MAX_ATTEMPTS wrong tries, and once verified lets exactly one dossier
through (claimed atomically). The day's rows are the daily caps: codes per
client address and per phone or e-mail, counted in the database. Counting and
adding a row is one transaction holding the lock rows of the address and the
contact (ProofCapLock), so simultaneous requests are served one after another
and a burst cannot overshoot a cap (PostgreSQL: SELECT … FOR UPDATE; SQLite:
its IMMEDIATE transactions already take the write lock at BEGIN).
"""

from __future__ import annotations

import datetime as dt
import hmac
import re
import secrets
import zlib

from django.conf import settings
from django.core.validators import validate_email
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext, gettext_lazy as _

from motcua.portal.models import ContactKind, ContactProof, ProofCapLock
from motcua.portal.senders import send_email, send_sms

MAX_ATTEMPTS = 5
# How long a verified proof waits for its dossier.
VERIFIED_FOR = dt.timedelta(minutes=60)
# Lock rows shared out by hash: a fixed, small table; two addresses sharing a row only wait for each other.
CAP_LOCKS = 256
_PHONE = re.compile(r"^\+?[0-9 .\-]{8,20}$")

BAD_CONTACT = _("Xin ghi số điện thoại (8–20 chữ số) hoặc địa chỉ thư điện tử hợp lệ.")
TOO_MANY_FROM_IP = _("Hôm nay máy này đã yêu cầu quá nhiều mã xác minh. Xin thử lại vào ngày mai, hoặc nộp hồ sơ tại bộ phận một cửa.")
TOO_MANY_FOR_CONTACT = _("Số điện thoại hoặc thư điện tử này đã nhận quá nhiều mã xác minh hôm nay. Xin thử lại vào ngày mai.")
WRONG_CODE = _("Mã xác minh không đúng.")
EXPIRED = _("Mã xác minh đã hết hạn. Xin yêu cầu mã mới.")
NO_TRIES_LEFT = _("Đã nhập sai quá nhiều lần. Xin yêu cầu mã mới.")


class ProofError(Exception):
    """A refusal of the proof step; str() is the message for the citizen."""


def normalise(text: str) -> tuple[str, str]:
    """Return (kind, normalised contact) of what the citizen typed, or raise ProofError."""
    text = (text or "").strip()
    if "@" in text:
        try:
            validate_email(text)
        except ValidationError:
            raise ProofError(BAD_CONTACT) from None
        return ContactKind.EMAIL, text.lower()
    if not _PHONE.match(text):
        raise ProofError(BAD_CONTACT)
    digits = re.sub(r"\D", "", text)
    # +84 912 345 678 is 0912 345 678.
    return ContactKind.PHONE, "0" + digits[2:] if text.startswith("+84") else digits


def _hash(contact: str, code: str) -> str:
    return salted_hmac("motcua.portal.proof", f"{contact}:{code}").hexdigest()


def _day_start(now: dt.datetime) -> dt.datetime:
    return timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)


def _lock_caps(*keys: str) -> None:
    """Hold the lock rows of `keys` until the transaction ends, taken in ascending order so no two requests wait on each other in a circle."""
    buckets = sorted({zlib.crc32(key.encode()) % CAP_LOCKS for key in keys})
    ProofCapLock.objects.bulk_create([ProofCapLock(bucket=b) for b in buckets], ignore_conflicts=True)
    for bucket in buckets:
        list(ProofCapLock.objects.select_for_update().filter(bucket=bucket))


def request_code(text: str, ip: str, *, now: dt.datetime | None = None) -> ContactProof:
    """Send a new code to the phone or address `text`, within today's caps; return its proof row."""
    kind, contact = normalise(text)
    now = now or timezone.now()
    code = f"{secrets.randbelow(1_000_000):06d}"
    minutes = settings.MOTCUA_PROOF_MINUTES
    with transaction.atomic():
        _lock_caps(f"ip:{ip}", f"contact:{contact}")
        today = ContactProof.objects.filter(created_at__gte=_day_start(now))
        if today.filter(ip=ip).count() >= settings.MOTCUA_ONLINE_DAILY_PER_IP:
            raise ProofError(TOO_MANY_FROM_IP)
        if today.filter(contact=contact).count() >= settings.MOTCUA_ONLINE_DAILY_PER_CONTACT:
            raise ProofError(TOO_MANY_FOR_CONTACT)
        proof = ContactProof.objects.create(
            kind=kind, contact=contact, code_hash=_hash(contact, code), ip=ip, created_at=now, expires_at=now + dt.timedelta(minutes=minutes)
        )
    text = gettext("Mã xác minh nộp hồ sơ trực tuyến: %(code)s (dùng trong %(minutes)s phút). Không đưa mã này cho ai.") % {
        "code": code,
        "minutes": minutes,
    }
    if kind == ContactKind.PHONE:
        send_sms(contact, text)
    else:
        send_email(contact, gettext("Mã xác minh nộp hồ sơ trực tuyến"), text)
    return proof


def verify_code(proof_id, code: str, *, now: dt.datetime | None = None) -> ContactProof:
    """Check the code typed for a proof; return the proof, verified, or raise ProofError (a wrong try is counted)."""
    now = now or timezone.now()
    proof = ContactProof.objects.filter(pk=proof_id, used_at__isnull=True).first()
    if proof is None or now > proof.expires_at:
        raise ProofError(EXPIRED)
    if proof.attempts >= MAX_ATTEMPTS:
        raise ProofError(NO_TRIES_LEFT)
    code = (code or "").strip()
    if not hmac.compare_digest(proof.code_hash, _hash(proof.contact, code)):
        ContactProof.objects.filter(pk=proof.pk).update(attempts=F("attempts") + 1)
        raise ProofError(NO_TRIES_LEFT if proof.attempts + 1 >= MAX_ATTEMPTS else WRONG_CODE)
    if proof.verified_at is None:
        proof.verified_at = now
        proof.save(update_fields=["verified_at"])
    return proof


def verified_proof(proof_id, *, now: dt.datetime | None = None) -> ContactProof | None:
    """Return the proof if it was verified lately and let no dossier through yet, else None."""
    now = now or timezone.now()
    if proof_id is None:
        return None
    return ContactProof.objects.filter(
        pk=proof_id, verified_at__isnull=False, verified_at__gte=now - VERIFIED_FOR, used_at__isnull=True
    ).first()


def claim(proof: ContactProof, *, now: dt.datetime | None = None) -> bool:
    """Take the proof for one dossier; False if another request took it first."""
    return bool(ContactProof.objects.filter(pk=proof.pk, used_at__isnull=True).update(used_at=now or timezone.now()))


def release(proof: ContactProof) -> None:
    """Give the proof back when its dossier was refused."""
    ContactProof.objects.filter(pk=proof.pk).update(used_at=None)


def record_dossier(proof: ContactProof, code: str) -> None:
    ContactProof.objects.filter(pk=proof.pk).update(dossier_code=code)


def matches(proof: ContactProof, phone: str, email: str) -> bool:
    """Tell whether the form's phone or e-mail is the one proven."""
    try:
        given = normalise(email if proof.kind == ContactKind.EMAIL else phone)[1]
    except ProofError:
        return False
    return given == proof.contact
