"""POST /dossiers/{code}/actions/{action}: one operation per action, each with its own small body."""

from dataclasses import dataclass
from typing import Callable, Optional

from django.http import HttpResponse
from ninja import Header, Router

from motcua.accounts.models import User
from motcua.api import serialize
from motcua.api.errors import ApiError
from motcua.api.routes.common import WRITE_ERRORS, get_dossier
from motcua.api.routes.dossiers import etag
from motcua.api.schemas import (
    ApologiseIn,
    AssignIn,
    DossierOut,
    HandOverIn,
    NoteIn,
    PublishIn,
    RateIn,
    ReasonIn,
    ReceiveBackIn,
    ReceiveSupplementIn,
    RefuseIn,
    RequestSupplementIn,
    ReturnResultIn,
    StartIn,
    Text,
    TransferIn,
    WithdrawIn,
)
from motcua.dossiers import actions as a, results
from motcua.dossiers.error_codes import DossierActionError, DossierErrorCode as E
from motcua.dossiers.models import Dossier
from motcua.forms import refusal_letter

router = Router(tags=["Thao tác trên hồ sơ"])


def colleague(dossier, username: str, field: str):
    """Return the active user `username` of the dossier's unit, or raise 422."""
    user = User.objects.filter(username=username, unit=dossier.unit, is_active=True).first()
    if user is None:
        raise ApiError(
            422,
            "unknown_user",
            f"không có người dùng «{username}» đang hoạt động tại {dossier.unit.name}",
            {"field": field},
        )
    return user


@dataclass(frozen=True)
class Action:
    slug: str
    body: type
    summary: str
    # (actor, dossier, body, common keyword arguments) → the updated dossier.
    run: Callable


ACTIONS = [
    Action(
        "assign",
        AssignIn,
        "Phân công xử lý",
        lambda u, d, b, kw: a.do_assign_dossier(u, d, colleague(d, b.assignee, "assignee"), note=b.note, **kw),
    ),
    Action("start", StartIn, "Bắt đầu xử lý", lambda u, d, b, kw: a.do_start_processing(u, d, **kw)),
    Action(
        "hand-over",
        HandOverIn,
        "Chuyển bước xử lý",
        lambda u, d, b, kw: a.do_hand_over_dossier(u, d, colleague(d, b.to_user, "to_user"), b.result, **kw),
    ),
    Action(
        "request-supplement",
        RequestSupplementIn,
        "Yêu cầu bổ sung hồ sơ",
        lambda u, d, b, kw: a.do_request_supplement(u, d, b.reason, **kw),
    ),
    Action(
        "receive-supplement",
        ReceiveSupplementIn,
        "Nhận hồ sơ bổ sung",
        lambda u, d, b, kw: a.do_receive_supplement(u, d, note=b.note, restart=b.restart, **kw),
    ),
    Action(
        "submit-for-decision",
        NoteIn,
        "Trình lãnh đạo",
        lambda u, d, b, kw: a.do_submit_for_decision(u, d, b.note, **kw),
    ),
    Action("send-back", ReasonIn, "Trả lại để xử lý tiếp", lambda u, d, b, kw: a.do_send_back_dossier(u, d, b.reason, **kw)),
    Action("approve", NoteIn, "Phê duyệt", lambda u, d, b, kw: results.do_approve_and_sign_result(u, d, b.note, **kw)),
    Action(
        "refuse",
        RefuseIn,
        "Từ chối giải quyết",
        lambda u, d, b, kw: results.do_refuse_and_sign_letter(u, d, b.reasons, refusal_letter, **kw),
    ),
    Action(
        "apologise",
        ApologiseIn,
        "Xin lỗi và hẹn lại",
        lambda u, d, b, kw: a.do_issue_apology(u, d, b.new_due_at, b.reason, **kw),
    ),
    Action("withdraw", WithdrawIn, "Rút hồ sơ", lambda u, d, b, kw: a.do_withdraw_dossier(u, d, b.reason, **kw)),
    Action(
        "transfer",
        TransferIn,
        "Chuyển liên thông",
        lambda u, d, b, kw: a.do_transfer_dossier(u, d, b.to_agency, b.note, **kw),
    ),
    Action(
        "receive-back",
        ReceiveBackIn,
        "Nhận lại hồ sơ liên thông",
        lambda u, d, b, kw: a.do_receive_back_dossier(u, d, b.result, b.from_agency, **kw),
    ),
    Action(
        "return-result",
        ReturnResultIn,
        "Trả kết quả",
        lambda u, d, b, kw: a.do_return_result(u, d, b.channel, **kw),
    ),
    Action(
        "publish",
        PublishIn,
        "Công khai kết quả",
        lambda u, d, b, kw: a.do_publish_result(u, d, b.portal, b.website, **kw),
    ),
    Action("rate", RateIn, "Ghi nhận đánh giá", lambda u, d, b, kw: a.do_record_rating(u, d, b.value, b.channel, **kw)),
]


def parse_if_match(value: str | None) -> int | None:
    """Return the version an If-Match header names ("3", W/"3", 3), None for none or "*"; raise 400 if unreadable."""
    if value is None or not value.strip() or value.strip() == "*":
        return None
    tag = value.strip()
    if tag.startswith("W/"):
        tag = tag[2:]
    tag = tag.strip('"')
    if not tag.isascii() or not tag.isdigit() or len(tag) > 9:
        raise ApiError(
            400, "invalid_if_match", 'tiêu đề If-Match phải là phiên bản hồ sơ trong ngoặc kép, ví dụ "3"', {"If-Match": value}
        )
    return int(tag)


def expected_version(if_match: str | None, in_body: int | None) -> int | None:
    """Return the version the caller expects, from the header or the body, refusing two different ones."""
    from_header = parse_if_match(if_match)
    if from_header is not None and in_body is not None and from_header != in_body:
        raise ApiError(
            400,
            "version_mismatch",
            f"If-Match ({from_header}) và expected_version ({in_body}) khác nhau",
            {"if_match": from_header, "expected_version": in_body},
        )
    return from_header if from_header is not None else in_body


def perform(request, code: str, action: Action, payload, if_match: str | None, response: HttpResponse) -> dict:
    """Run one action on the caller's dossier and return the updated dossier."""
    user = request.auth
    dossier = get_dossier(user, code)
    expected = expected_version(if_match, payload.expected_version)
    try:
        updated = action.run(user, dossier, payload, {"at": payload.at, "expected_version": expected})
    except DossierActionError as exc:
        exc.api_details = {"dossier": dossier.code, "action": action.slug}
        if exc.code == E.STALE_VERSION:
            current = Dossier.objects.filter(pk=dossier.pk).values_list("version", flat=True).first()
            exc.api_details.update(expected_version=expected, current_version=current)
        raise
    response["ETag"] = etag(updated)
    return serialize.dossier_detail(updated, user)


def _register(action: Action) -> None:
    body_type = action.body
    body_optional = not any(field.is_required() for field in body_type.model_fields.values())

    if body_optional:
        # Nothing to say (start, approve …): an empty POST is enough.
        def view(
            request,
            code: Text(64, 1),
            response: HttpResponse,
            payload: Optional[body_type] = None,
            if_match: Text(64) = Header(None, alias="If-Match"),
        ):
            return perform(request, code, action, payload or body_type(), if_match, response)

    else:

        def view(
            request,
            code: Text(64, 1),
            payload: body_type,
            response: HttpResponse,
            if_match: Text(64) = Header(None, alias="If-Match"),
        ):
            return perform(request, code, action, payload, if_match, response)

    view.__name__ = "action_" + action.slug.replace("-", "_")
    view.__doc__ = f"{action.summary}. If-Match: \"<version>\" (or expected_version) refuses a stale dossier with 409."
    router.post(
        f"/dossiers/{{code}}/actions/{action.slug}",
        response={200: DossierOut, **WRITE_ERRORS},
        summary=action.summary,
        operation_id=view.__name__,
    )(view)


for _action in ACTIONS:
    _register(_action)
