"""Every text a notice says, in one place: the SMS (code and status only) and the e-mail (may greet by name).

An SMS may carry no personal data: the dossier's code, its status, the public
lookup address and, for an apology, the new date. Names, ID numbers, phone
numbers, addresses and reasons (which may name people) go only by e-mail.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse

from motcua.dossiers.models import ApplicantKind, ReturnChannel, Status
from motcua.dossiers.timeliness import LOCAL_TZ
from motcua.notices.models import NoticeKind

SMS = {
    NoticeKind.RECEIPT: "Hồ sơ {code} đã được tiếp nhận, trạng thái: {status}. Tra cứu: {url}",
    NoticeKind.SUPPLEMENT: (
        "Hồ sơ {code} cần bổ sung giấy tờ, trạng thái: {status}. Mời ông/bà liên hệ Bộ phận Một cửa. Tra cứu: {url}"
    ),
    NoticeKind.APOLOGY: (
        "Hồ sơ {code} không trả được kết quả đúng hẹn, thành thật xin lỗi ông/bà. Hẹn trả kết quả lại vào {new_due}. "
        "Tra cứu: {url}"
    ),
    NoticeKind.RESULT: "Hồ sơ {code} đã có kết quả, trạng thái: {status}. Mời ông/bà nhận kết quả. Tra cứu: {url}",
    NoticeKind.REFUSAL: "Hồ sơ {code} bị từ chối giải quyết, trạng thái: {status}. Tra cứu: {url}",
}

SUBJECTS = {
    NoticeKind.RECEIPT: "Hồ sơ {code} đã được tiếp nhận",
    NoticeKind.SUPPLEMENT: "Hồ sơ {code} cần bổ sung giấy tờ",
    NoticeKind.APOLOGY: "Hồ sơ {code}: thư xin lỗi và hẹn lại ngày trả kết quả",
    NoticeKind.RESULT: "Hồ sơ {code} đã có kết quả giải quyết",
    NoticeKind.REFUSAL: "Hồ sơ {code} bị từ chối giải quyết",
}

BODIES = {
    NoticeKind.RECEIPT: (
        "{unit} đã tiếp nhận hồ sơ {code} của {you} ({procedure}) lúc {received}.\n"
        "Hẹn trả kết quả: {due}."
    ),
    NoticeKind.SUPPLEMENT: (
        "{unit} đề nghị {you} bổ sung hồ sơ {code} ({procedure}):\n"
        "{reason}\n"
        "Thời gian giải quyết tạm dừng cho đến khi nhận đủ giấy tờ bổ sung."
    ),
    NoticeKind.APOLOGY: (
        "{unit} thành thật xin lỗi {you} vì hồ sơ {code} ({procedure}) không trả được kết quả đúng hẹn {due}.\n"
        "Lý do: {reason}\n"
        "Hẹn trả kết quả lại vào {new_due}."
    ),
    NoticeKind.RESULT: (
        "Hồ sơ {code} ({procedure}) của {you} đã có kết quả giải quyết.\n"
        "Mời {you} nhận kết quả {delivery}."
    ),
    NoticeKind.REFUSAL: (
        "{unit} từ chối giải quyết hồ sơ {code} ({procedure}) của {you}.\n"
        "Lý do: {reason}\n"
        "Mời {you} nhận văn bản trả lời {delivery}."
    ),
}

GREETING = {ApplicantKind.CITIZEN: "Kính gửi ông/bà {name},", ApplicantKind.ORGANISATION: "Kính gửi {name},"}
YOU = {ApplicantKind.CITIZEN: "ông/bà", ApplicantKind.ORGANISATION: "quý cơ quan, tổ chức"}
LOOKUP = "Tra cứu tình trạng hồ sơ tại {url} bằng mã hồ sơ và 4 số cuối của số điện thoại hoặc số định danh."
SIGNATURE = "Thư này được gửi tự động, xin đừng trả lời.\n{unit}"
DELIVERY = {
    ReturnChannel.COUNTER: "tại Bộ phận Một cửa của {unit}",
    ReturnChannel.POSTAL: "qua dịch vụ bưu chính công ích",
    ReturnChannel.ONLINE: "trực tuyến tại {url}",
}


def when(moment) -> str:
    """Write a time as the notices do: "16:30 ngày 12/03/2027" (local time)."""
    if isinstance(moment, str):
        moment = dt.datetime.fromisoformat(moment)
    return moment.astimezone(LOCAL_TZ).strftime("%H:%M ngày %d/%m/%Y")


def lookup_url(dossier) -> str:
    return settings.MOTCUA_PUBLIC_URL.rstrip("/") + reverse("portal:status", args=[dossier.code])


def _values(kind: str, dossier, event) -> dict:
    data = event.data if isinstance(event.data, dict) else {}
    # The due time as the event saw it (the receipt's, the apology's), not as it may have moved since.
    due = data.get("due_at") or (data.get("after") or {}).get("due_at") or dossier.due_at
    url = lookup_url(dossier)
    status = event.to_status or dossier.status
    applicant_kind = dossier.applicant_kind or ApplicantKind.CITIZEN
    return {
        "code": dossier.code,
        "status": Status(status).label if status in Status.values else status,
        "url": url,
        "new_due": when(data["new_due_at"]) if data.get("new_due_at") else "",
        "due": when(due),
        "received": when(dossier.received_at),
        "unit": dossier.unit.name,
        "procedure": dossier.procedure.name,
        "name": dossier.applicant_name,
        "you": YOU.get(applicant_kind, YOU[ApplicantKind.CITIZEN]),
        "reason": event.reason or "",
        "delivery": DELIVERY.get(dossier.result_delivery, DELIVERY[ReturnChannel.COUNTER]).format(unit=dossier.unit.name, url=url),
        "applicant_kind": applicant_kind,
    }


def sms_text(kind: str, dossier, event) -> str:
    """Return the SMS of a notice: code, status (and an apology's new date), nothing personal."""
    return SMS[kind].format(**_values(kind, dossier, event))


def email_text(kind: str, dossier, event) -> tuple[str, str]:
    """Return (subject, body) of a notice's e-mail, greeting the applicant by name."""
    values = _values(kind, dossier, event)
    greeting = GREETING.get(values["applicant_kind"], GREETING[ApplicantKind.CITIZEN]).format(**values)
    parts = [greeting, BODIES[kind].format(**values), LOOKUP.format(**values), SIGNATURE.format(**values)]
    return SUBJECTS[kind].format(**values), "\n\n".join(parts)
