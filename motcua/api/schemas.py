"""Request and response shapes of the API; field names follow the glossary, enumerations the models."""

import datetime as dt
import re
import unicodedata
from typing import Annotated, Any, Literal, Optional, Union

from django.utils import timezone
from ninja import Field, Schema
from pydantic import AfterValidator, AwareDatetime, BeforeValidator, ConfigDict, StrictBool, StrictInt, StringConstraints

from motcua.catalog.models import DurationUnit, Mechanism, OnlineLevel
from motcua.dossiers.events import Verb
from motcua.dossiers.models import (
    ApplicantKind,
    Channel,
    ComponentForm,
    CounterRefusalKind,
    NotifyChannel,
    RatingChannel,
    RatingValue,
    ReturnChannel,
    Status,
)
from motcua.dossiers.timeliness import LOCAL_TZ
from motcua.lib.cleaning import UnsafeText, clean_text

# Earliest and latest instants the API accepts: older or later ones are typing
# mistakes, and years near 1 or 9999 overflow when converted between time zones.
EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2200, 12, 31)


def _choices(choices) -> Any:
    # Literal over the model's values keeps the OpenAPI enumerations in step with the models.
    return Literal[tuple(choices.values)]


ChannelValue = _choices(Channel)
ReturnChannelValue = _choices(ReturnChannel)
ApplicantKindValue = _choices(ApplicantKind)
ComponentFormValue = _choices(ComponentForm)
CounterRefusalKindValue = _choices(CounterRefusalKind)
RatingValueValue = _choices(RatingValue)
RatingChannelValue = _choices(RatingChannel)
StatusValue = _choices(Status)
VerbValue = _choices(Verb)
DurationUnitValue = _choices(DurationUnit)
MechanismValue = _choices(Mechanism)
OnlineLevelValue = _choices(OnlineLevel)
NotifyChannelValue = _choices(NotifyChannel)


def _clean_text(value: str, multiline: bool = False) -> str:
    # PostgreSQL refuses NUL in text, and lone surrogates (valid in JSON
    # escapes) cannot be encoded: refuse both as input errors, not server errors.
    if "\x00" in value:
        raise ValueError("không được chứa ký tự NUL")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("chứa ký tự Unicode không hợp lệ") from None
    # Zero-width characters dropped; controls and bidi overrides refused (motcua.lib.cleaning).
    try:
        value = clean_text(value, multiline)
    except UnsafeText as error:
        raise ValueError(str(error)) from None
    # Precomposed letters: accent-insensitive search patterns match those only.
    return unicodedata.normalize("NFC", value)


def _clean_note(value: str) -> str:
    return _clean_text(value, multiline=True)


def Text(max_length: int, min_length: int = 0) -> Any:
    """Return a one-line string type with length limits that refuses NUL, controls and lone surrogates."""
    return Annotated[str, StringConstraints(min_length=min_length, max_length=max_length), AfterValidator(_clean_text)]


def Note(max_length: int, min_length: int = 0) -> Any:
    """Return a multi-line string type: as `Text`, with tab and line breaks allowed."""
    return Annotated[str, StringConstraints(min_length=min_length, max_length=max_length), AfterValidator(_clean_note)]


def _in_range(value: dt.datetime) -> dt.datetime:
    if not EARLIEST <= value.date() <= LATEST:
        raise ValueError(f"phải trong khoảng năm {EARLIEST.year}–{LATEST.year}")
    return value


def _as_local(value: dt.datetime) -> dt.datetime:
    # In a query string "+07:00" arrives as " 07:00" unless encoded: a time
    # without offset is Việt Nam time.
    if timezone.is_naive(value):
        value = value.replace(tzinfo=LOCAL_TZ)
    return _in_range(value)


def _day_in_range(value: dt.date) -> dt.date:
    if not EARLIEST <= value <= LATEST:
        raise ValueError(f"phải trong khoảng năm {EARLIEST.year}–{LATEST.year}")
    return value


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_text(value: Any) -> Any:
    # pydantic also reads numbers ("0", 1700000000) as Unix timestamps: dates here are written out.
    if isinstance(value, (dt.date, dt.datetime)):
        return value
    if not isinstance(value, str) or not _ISO_DAY.match(value):
        raise ValueError("phải viết theo ISO 8601, ví dụ 2024-08-23 hoặc 2024-08-23T08:00:00+07:00")
    return value


Instant = Annotated[AwareDatetime, BeforeValidator(_iso_text), AfterValidator(_in_range)]
LocalInstant = Annotated[dt.datetime, BeforeValidator(_iso_text), AfterValidator(_as_local)]
Day = Annotated[dt.date, BeforeValidator(_iso_text), AfterValidator(_day_in_range)]


class In(Schema):
    """Base of request bodies: unknown fields are errors, not silently dropped."""

    model_config = ConfigDict(extra="forbid")


# ----------------------------------------------------------------- errors


class ErrorOut(Schema):
    code: str = Field(..., description="mã lỗi ổn định, ví dụ invalid_transition")
    message: str = Field(..., description="thông báo tiếng Việt cho người dùng")
    details: dict[str, Any] = Field(default_factory=dict)


# ------------------------------------------------------- units and users


class UnitRef(Schema):
    code: str
    name: str
    agency_id: str


class UnitOut(UnitRef):
    level: str
    level_name: str
    parent: Optional[str]
    valid_from: Optional[dt.date]
    valid_to: Optional[dt.date]


class UserRef(Schema):
    username: str
    full_name: str


class MeOut(UserRef):
    email: str
    role: str
    role_label: str
    unit: Optional[UnitRef]



# -------------------------------------------------------------- catalog


class Duration(Schema):
    value: Optional[int]
    unit: str
    label: str


class FieldRef(Schema):
    code: str
    name: str


class ProcedureRef(Schema):
    code: str
    name: str


class PaperOut(Schema):
    """One paper the procedure requires, as the catalog lists it; intake's `components` take the same shape."""

    name: str
    form: str = Field(description="original, copy hoặc certified_copy")
    form_label: str
    quantity: int


class DataFieldChoiceOut(Schema):
    value: str
    label: str


class DataFieldOut(Schema):
    """One of the procedure's own data fields (motcua.catalog.data_fields); intake's `data` carries their values."""

    key: str
    label: str
    type: str = Field(description="text, date, integer, choice hoặc boolean")
    required: bool
    choices: list[DataFieldChoiceOut] = Field(default_factory=list)
    min: Optional[Union[int, str]] = None
    max: Optional[Union[int, str]] = None
    help: str = ""


class ProcedureOut(ProcedureRef):
    field: FieldRef
    level: str
    legal_duration: Duration
    reduced_duration: Optional[Duration]
    committed_duration: Duration
    mechanism: str
    mechanism_label: str
    online: str
    online_label: str
    in_force: bool
    components: list[PaperOut] = Field(description="thành phần hồ sơ, theo thứ tự công bố")
    data_fields: list[DataFieldOut] = Field(default_factory=list, description="thông tin riêng của thủ tục, theo thứ tự nhập")


class StepOut(Schema):
    position: int
    name: str
    role: str
    working_hours: float


class ProcedureDetailOut(ProcedureOut):
    online_payment: bool
    boundary_free: bool
    announced_on: Optional[dt.date]
    abolished_on: Optional[dt.date]
    applies_to_every_unit: bool
    steps: list[StepOut]


class ProcedurePage(Schema):
    items: list[ProcedureOut]
    count: int
    page: int
    page_size: int


# ------------------------------------------------------------- dossiers


class ApplicantIn(In):
    kind: ApplicantKindValue = "citizen"
    name: Text(300, 1)
    id_number: Text(32) = ""
    phone: Text(32) = ""
    email: Text(254) = ""
    address: Text(500) = ""


class ApplicantOut(Schema):
    kind: str
    name: str
    id_number: str
    phone: str
    email: str
    address: str


class ComponentIn(In):
    name: Text(300, 1)
    form: ComponentFormValue = "original"
    quantity: int = Field(1, ge=1, le=1000)


class ComponentOut(Schema):
    name: str
    form: str
    quantity: int


class IntakeIn(In):
    unit: Optional[Text(16, 1)] = Field(None, description="mã đơn vị tiếp nhận; bỏ trống nếu người dùng chỉ có một đơn vị")
    procedure: Text(32, 1) = Field(..., description="mã thủ tục hành chính, ví dụ 1.001193")
    channel: ChannelValue
    applicant: ApplicantIn
    components: list[ComponentIn] = Field(default_factory=list, max_length=100)
    result_delivery: ReturnChannelValue
    received_at: Optional[Instant] = Field(None, description="mặc định: bây giờ")
    data: dict[Text(40, 1), Union[StrictBool, StrictInt, Text(2000)]] = Field(
        default_factory=dict,
        max_length=30,
        description="thông tin riêng của thủ tục {mã mục: giá trị} theo `data_fields` của thủ tục; ngày dạng YYYY-MM-DD",
    )
    notify: list[NotifyChannelValue] = Field(
        default_factory=list,
        max_length=2,
        description="người nộp nhận thông báo qua: sms (cần số điện thoại), email (cần thư điện tử); trống: không nhận",
    )
    reason: Optional[Text(500)] = Field(
        None, description="lý do tiếp nhận lùi thời gian: bắt buộc khi received_at sớm hơn hiện tại quá 10 phút"
    )


class StepRef(Schema):
    position: int
    name: str
    role: str


class DossierSummaryOut(Schema):
    code: str
    unit: UnitRef
    procedure: ProcedureRef
    status: str
    status_label: str
    channel: str
    applicant_name: str
    received_at: dt.datetime
    due_at: dt.datetime
    resolved_at: Optional[dt.datetime]
    assignee: Optional[UserRef]
    version: int
    overdue: bool = Field(..., description="đang giải quyết và đã quá hạn (không tính thời gian chờ bổ sung)")


class EventOut(Schema):
    id: int
    at: dt.datetime
    recorded_at: dt.datetime
    verb: str
    verb_label: str
    actor: Optional[UserRef]
    from_status: str
    to_status: str
    reason: str
    data: dict[str, Any]


class SupplementOut(Schema):
    requested_at: dt.datetime
    received_at: Optional[dt.datetime]
    reason: str


class ApologyOut(Schema):
    issued_at: dt.datetime
    new_due_at: Optional[dt.datetime]
    reason: str


class HandoverOut(Schema):
    at: dt.datetime
    step_name: str
    to_step_name: str
    from_user: Optional[UserRef]
    to_user: Optional[UserRef]
    from_agency: str
    to_agency: str
    result: str


class RatingOut(Schema):
    at: Optional[dt.datetime]
    value: str
    value_label: str
    channel: str


class DossierOut(DossierSummaryOut):
    applicant: ApplicantOut
    components: list[ComponentOut]
    data: dict[str, Any] = Field(default_factory=dict, description="thông tin riêng của thủ tục {mã mục: giá trị}")
    result_delivery: str
    notify: list[str] = Field(..., description="kênh người nộp nhận thông báo: sms, email")
    outcome: str
    returned_at: Optional[dt.datetime]
    return_channel: str
    published_portal: Optional[bool]
    published_website: Optional[bool]
    current_step: Optional[StepRef]
    paused_since: Optional[dt.datetime]
    timeliness: Optional[str] = Field(..., description="early, on_time, late (đã giải quyết) hoặc within, overdue")
    new_due_at: Optional[dt.datetime] = Field(..., description="ngày hẹn lại của phiếu xin lỗi gần nhất")
    allowed_actions: list[str] = Field(..., description="các thao tác người gọi được làm bây giờ")
    events: list[EventOut]
    supplements: list[SupplementOut]
    apologies: list[ApologyOut]
    handovers: list[HandoverOut]
    ratings: list[RatingOut]


class DossierPage(Schema):
    items: list[DossierSummaryOut]
    count: int
    page: int
    page_size: int


ORDERINGS = ("received_at", "-received_at", "due_at", "-due_at", "code", "-code")


class IdNumberSearchIn(Schema):
    """A personal ID number is personal data: sent in the body, never in a URL that logs keep."""

    id_number: Text(32, 1) = Field(description="số định danh cá nhân (CCCD) hoặc số giấy tờ của người nộp")


class DossierQuery(Schema):
    status: Optional[list[StatusValue]] = Field(None, description="lặp lại để lọc nhiều trạng thái")
    unit: Optional[Text(16)] = Field(None, description="mã đơn vị (gồm cả các đơn vị cấp dưới)")
    procedure: Optional[Text(32)] = None
    received_from: Optional[Day] = None
    received_to: Optional[Day] = None
    due_before: Optional[LocalInstant] = Field(None, description="không ghi múi giờ: giờ Việt Nam")
    overdue: Optional[bool] = None
    assignee: Optional[Text(150)] = Field(None, description="«me» hoặc tên đăng nhập")
    q: Optional[Text(200)] = Field(
        None, description="mã hồ sơ hoặc tên người nộp (không cần dấu); tìm theo số định danh: POST /dossiers/search-by-id-number"
    )
    ordering: Literal[ORDERINGS] = "-received_at"
    page: int = Field(1, ge=1, le=100_000)
    page_size: int = Field(20, ge=1, le=100)


class ProcedureQuery(Schema):
    q: Optional[Text(200)] = Field(None, description="mã hoặc tên thủ tục, không cần dấu: «dang ky khai sinh»")
    field: Optional[Text(64)] = Field(None, description="mã lĩnh vực")
    in_force: Optional[bool] = None
    page: int = Field(1, ge=1, le=100_000)
    page_size: int = Field(20, ge=1, le=100)


# -------------------------------------------------------------- actions


class ActionIn(In):
    at: Optional[Instant] = Field(None, description="thời điểm thao tác; mặc định: bây giờ")
    expected_version: Optional[int] = Field(
        None, ge=1, description="phiên bản hồ sơ đã đọc (thay cho tiêu đề If-Match)"
    )


class AssignIn(ActionIn):
    assignee: Text(150, 1) = Field(..., description="tên đăng nhập của chuyên viên")
    note: Note(2000) = ""


class StartIn(ActionIn):
    pass


class HandOverIn(ActionIn):
    to_user: Text(150, 1) = Field(..., description="tên đăng nhập người thực hiện bước tiếp theo")
    result: Note(2000) = ""


class RequestSupplementIn(ActionIn):
    reason: Note(2000, 1) = Field(..., description="giấy tờ, nội dung cần bổ sung")


class ReceiveSupplementIn(ActionIn):
    note: Note(2000) = ""
    restart: bool = Field(False, description="tính lại toàn bộ thời hạn từ khi nhận bổ sung")


class NoteIn(ActionIn):
    note: Note(2000) = ""


class ReasonIn(ActionIn):
    reason: Note(2000, 1)


class RefuseIn(ActionIn):
    reasons: list[Note(2000, 1)] = Field(..., min_length=1, max_length=50)


class ApologiseIn(ActionIn):
    new_due_at: Instant = Field(..., description="ngày hẹn trả kết quả mới")
    reason: Note(2000, 1)


class WithdrawIn(ActionIn):
    reason: Note(2000) = ""


class TransferIn(ActionIn):
    to_agency: Text(300, 1)
    note: Note(2000) = ""


class ReceiveBackIn(ActionIn):
    result: Note(2000) = ""
    from_agency: Optional[Text(300)] = None


class ReturnResultIn(ActionIn):
    channel: Optional[ReturnChannelValue] = Field(None, description="mặc định: hình thức chọn khi tiếp nhận")


class PublishIn(ActionIn):
    portal: Optional[bool] = None
    website: Optional[bool] = None


class RateIn(ActionIn):
    value: RatingValueValue
    channel: RatingChannelValue


# ------------------------------------------------------ counter refusals


class CounterApplicantIn(In):
    name: Text(300, 1)
    id_number: Text(32) = ""


class CounterRefusalIn(In):
    unit: Optional[Text(16, 1)] = None
    procedure: Optional[Text(32, 1)] = None
    kind: CounterRefusalKindValue = "refused"
    applicant: CounterApplicantIn
    reasons: list[Note(2000, 1)] = Field(..., min_length=1, max_length=50)
    at: Optional[Instant] = None


class CounterRefusalOut(Schema):
    id: int
    unit: UnitRef
    kind: str
    kind_label: str
    at: dt.datetime
    applicant_name: str
    applicant_id_number: str
    procedure: Optional[ProcedureRef]
    reasons: list[str]
    actor: UserRef
