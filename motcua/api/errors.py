"""One error shape for every failure: {"code", "message" (Vietnamese), "details"}."""

from __future__ import annotations

import logging

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import Http404
from django.http.multipartparser import MultiPartParserError
from ninja.errors import AuthenticationError, HttpError, ValidationError

from motcua.dossiers.error_codes import DossierActionError, DossierErrorCode as E

logger = logging.getLogger("motcua.api")

SERVER_ERROR_MESSAGE = "lỗi hệ thống, vui lòng thử lại sau hoặc báo quản trị viên"
UNAUTHENTICATED_MESSAGE = "cần đăng nhập, hoặc gửi mã truy cập hợp lệ (Authorization: Bearer …)"

# HTTP status of each refusal of a dossier action, by DossierErrorCode value
# (values, not members: a code added to the desk must be added here, and the
# test comparing both lists says so). Out of scope is 404 like an unknown
# dossier, so that codes of other units do not leak.
ACTION_ERROR_STATUS: dict[str, int] = {
    # Who may act.
    "out_of_scope": 404,
    "forbidden_role": 403,
    "inactive_user": 403,
    "not_assignee": 403,
    # The dossier's state does not allow it.
    "stale_version": 409,
    "invalid_transition": 409,
    "no_next_step": 409,
    "not_interlinked": 409,
    "no_open_supplement": 409,
    "apology_not_due": 409,
    "nothing_to_publish": 409,
    "nothing_to_correct": 409,
    "result_not_ready": 409,
    "fee_unpaid": 409,
    "no_draft_result": 409,
    # What was sent is not acceptable.
    "invalid_assignee": 422,
    "invalid_time": 422,
    "unit_not_in_force": 422,
    "unit_without_agency_id": 422,
    "procedure_not_in_force": 422,
    "procedure_not_applicable": 422,
    "procedure_without_duration": 422,
    "invalid_channel": 422,
    "invalid_result_delivery": 422,
    "invalid_applicant": 422,
    "invalid_id_number": 422,
    "invalid_components": 422,
    "invalid_kind": 422,
    "invalid_data": 422,
    "invalid_notify": 422,
    "reason_required": 422,
    "agency_required": 422,
    "invalid_new_due": 422,
    "invalid_return_channel": 422,
    "invalid_rating": 422,
    "invalid_file": 422,
    "file_too_large": 422,
    # The leader's signing certificate cannot be used (server configuration).
    "signing_failed": 409,
}


class ApiError(Exception):
    """A refusal of the API itself (not of a dossier action), with its HTTP status."""

    def __init__(self, status: int, code: str, message: str, details: dict | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details or {}


def body(code: str, message: str, details: dict | None = None) -> dict:
    """Return the JSON body of an error."""
    return {"code": code, "message": message, "details": details or {}}


def install(api) -> None:
    """Register the error handlers on a NinjaAPI."""

    def respond(request, status, code, message, details=None, headers=None):
        response = api.create_response(request, body(code, message, details), status=status)
        for name, value in (headers or {}).items():
            response[name] = value
        return response

    @api.exception_handler(ApiError)
    def api_error(request, exc: ApiError):
        return respond(request, exc.status, exc.code, exc.message, exc.details)

    @api.exception_handler(DossierActionError)
    def action_error(request, exc: DossierActionError):
        status = ACTION_ERROR_STATUS.get(exc.code.value, 422)
        if exc.code == E.OUT_OF_SCOPE:
            return respond(request, 404, "not_found", "không tìm thấy hồ sơ")
        details = dict(getattr(exc, "api_details", None) or {})
        return respond(request, status, exc.code.value, exc.message, details)

    @api.exception_handler(ValidationError)
    def validation_error(request, exc: ValidationError):
        errors = [_field_error(e) for e in exc.errors]
        message = errors[0]["message"] if errors else "dữ liệu gửi lên không hợp lệ"
        if len(errors) > 1:
            message += f" (và {len(errors) - 1} lỗi khác)"
        return respond(request, 422, "validation_error", message, {"errors": errors})

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return respond(request, 401, "unauthenticated", UNAUTHENTICATED_MESSAGE, headers={"WWW-Authenticate": "Bearer"})

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        if exc.status_code == 400 and isinstance(exc.__cause__, ValueError):
            # ninja's body parser: json.loads failed (bad JSON or bad UTF-8).
            return respond(request, 400, "malformed_json", "nội dung yêu cầu không phải JSON hợp lệ")
        if exc.status_code == 403:
            return respond(request, 403, "forbidden", "không có quyền thực hiện yêu cầu này")
        return respond(request, exc.status_code, "http_error", str(exc))

    @api.exception_handler(MultiPartParserError)
    def malformed_multipart(request, exc):
        # Django's parser refuses a multipart body without a boundary, or a broken one.
        message = "nội dung multipart/form-data không hợp lệ (thiếu hoặc sai boundary)"
        return respond(request, 400, "malformed_multipart", message)

    @api.exception_handler(SuspiciousOperation)
    def suspicious(request, exc):
        if isinstance(exc, RequestDataTooBig):
            return respond(request, 413, "request_too_large", "nội dung yêu cầu vượt giới hạn cho phép")
        return respond(request, 400, "bad_request", "yêu cầu không hợp lệ")

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return respond(request, 404, "not_found", "không tìm thấy")

    @api.exception_handler(Exception)
    def server_error(request, exc):
        logger.exception("API %s %s failed", request.method, request.path)
        return respond(request, 500, "server_error", SERVER_ERROR_MESSAGE)


# ------------------------------------------------------------ validation


def _field_name(loc) -> str:
    """Return a readable field path: ("body", "payload", "components", 1, "name") → components[1].name."""
    parts = list(loc)
    if parts and parts[0] == "body":
        # ninja puts the body under the view's parameter name.
        parts = parts[2:]
    elif parts and parts[0] in ("query", "path", "header", "cookie"):
        parts = parts[1:]
        # Query schemas are flattened, but ninja leaves their parameter name on list items.
        if len(parts) > 1 and parts[0] == "filters":
            parts = parts[1:]
    name = ""
    for part in parts:
        if isinstance(part, int):
            name += f"[{part}]"
        else:
            name += f".{part}" if name else str(part)
    return name


def _field_error(error: dict) -> dict:
    field = _field_name(error.get("loc", ()))
    return {"field": field, "type": error.get("type", ""), "message": _message(field, error)}


def _message(field: str, error: dict) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    f = f"«{field}»"
    if not field:
        if kind == "missing":
            return "thiếu nội dung yêu cầu (JSON)"
        if kind in ("model_attributes_type", "model_type", "dict_type"):
            return "nội dung yêu cầu phải là một đối tượng JSON"
    if kind == "missing":
        return f"thiếu trường {f}"
    if kind == "extra_forbidden":
        return f"trường {f} không được chấp nhận"
    if kind == "string_too_short":
        if ctx.get("min_length") == 1:
            return f"{f} không được để trống"
        return f"{f} phải có ít nhất {ctx.get('min_length')} ký tự"
    if kind == "string_too_long":
        return f"{f} dài quá {ctx.get('max_length')} ký tự"
    if kind in ("string_type", "string_unicode"):
        return f"{f} phải là chuỗi ký tự"
    if kind.startswith("int_"):
        return f"{f} phải là số nguyên"
    if kind.startswith("bool_"):
        return f"{f} phải là true hoặc false"
    if kind == "greater_than_equal":
        return f"{f} phải lớn hơn hoặc bằng {ctx.get('ge')}"
    if kind == "less_than_equal":
        return f"{f} phải nhỏ hơn hoặc bằng {ctx.get('le')}"
    if kind in ("literal_error", "enum"):
        # pydantic lists them "'a', 'b' or 'c'".
        expected = str(ctx.get("expected", "")).replace(" or ", ", ")
        return f"{f} phải là một trong các giá trị: {expected}"
    if kind == "timezone_aware":
        return f"{f} phải ghi múi giờ, ví dụ 2024-08-23T08:00:00+07:00"
    if kind.startswith("datetime_"):
        return f"{f} phải là thời điểm dạng ISO 8601, ví dụ 2024-08-23T08:00:00+07:00"
    if kind.startswith("date_"):
        return f"{f} phải là ngày dạng YYYY-MM-DD"
    if kind == "list_type":
        return f"{f} phải là một danh sách"
    if kind == "too_short":
        return f"{f} phải có ít nhất {ctx.get('min_length')} phần tử"
    if kind == "too_long":
        return f"{f} có nhiều nhất {ctx.get('max_length')} phần tử"
    if kind in ("model_attributes_type", "model_type", "dict_type"):
        return f"{f} phải là một đối tượng JSON"
    if kind == "value_error" and ctx.get("error") is not None:
        return f"{f}: {ctx['error']}"
    return f"{f} không hợp lệ"
