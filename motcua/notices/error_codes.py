"""Why a notice action was refused: stable codes for callers and tests."""

from enum import Enum


class NoticeErrorCode(Enum):
    FORBIDDEN = "forbidden"
    OUT_OF_SCOPE = "out_of_scope"
    NOT_FAILED = "not_failed"


class NoticeActionError(Exception):
    """A refused notice action: nothing was changed."""

    def __init__(self, code: NoticeErrorCode, message: str):
        super().__init__(message)
        self.code = code
        self.message = message
