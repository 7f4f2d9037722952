"""Why a dossier action was refused: stable codes for callers, tests and the API."""

from enum import Enum


class DossierErrorCode(Enum):
    # Who may act.
    OUT_OF_SCOPE = "out_of_scope"
    FORBIDDEN_ROLE = "forbidden_role"
    INACTIVE_USER = "inactive_user"
    NOT_ASSIGNEE = "not_assignee"
    INVALID_ASSIGNEE = "invalid_assignee"
    # State.
    STALE_VERSION = "stale_version"
    INVALID_TRANSITION = "invalid_transition"
    INVALID_TIME = "invalid_time"
    # Intake.
    UNIT_NOT_IN_FORCE = "unit_not_in_force"
    UNIT_WITHOUT_AGENCY_ID = "unit_without_agency_id"
    PROCEDURE_NOT_IN_FORCE = "procedure_not_in_force"
    PROCEDURE_NOT_APPLICABLE = "procedure_not_applicable"
    PROCEDURE_WITHOUT_DURATION = "procedure_without_duration"
    INVALID_CHANNEL = "invalid_channel"
    INVALID_RESULT_DELIVERY = "invalid_result_delivery"
    INVALID_APPLICANT = "invalid_applicant"
    INVALID_ID_NUMBER = "invalid_id_number"
    INVALID_COMPONENTS = "invalid_components"
    INVALID_KIND = "invalid_kind"
    # The values of the procedure's own data fields (motcua.dossiers.data).
    INVALID_DATA = "invalid_data"
    INVALID_NOTIFY = "invalid_notify"
    # Processing.
    REASON_REQUIRED = "reason_required"
    NO_NEXT_STEP = "no_next_step"
    NOT_INTERLINKED = "not_interlinked"
    AGENCY_REQUIRED = "agency_required"
    NO_OPEN_SUPPLEMENT = "no_open_supplement"
    APOLOGY_NOT_DUE = "apology_not_due"
    INVALID_NEW_DUE = "invalid_new_due"
    INVALID_RETURN_CHANNEL = "invalid_return_channel"
    NOTHING_TO_PUBLISH = "nothing_to_publish"
    INVALID_RATING = "invalid_rating"
    NOTHING_TO_CORRECT = "nothing_to_correct"
    FEE_UNPAID = "fee_unpaid"
    # Digitization.
    INVALID_FILE = "invalid_file"
    FILE_TOO_LARGE = "file_too_large"
    RESULT_NOT_READY = "result_not_ready"
    # Signed results (motcua.dossiers.results).
    NO_DRAFT_RESULT = "no_draft_result"
    SIGNING_FAILED = "signing_failed"


class DossierActionError(Exception):
    """A refused dossier action: nothing was changed."""

    def __init__(self, code: DossierErrorCode, message: str):
        super().__init__(message)
        self.code = code
        self.message = message

    def __repr__(self):
        return f"DossierActionError({self.code.name}, {self.message!r})"
