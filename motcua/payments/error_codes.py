"""Why a payment action was refused: stable codes for callers, tests and the API."""

from enum import Enum

from motcua.dossiers.error_codes import DossierActionError


class PaymentErrorCode(Enum):
    INVALID_AMOUNT = "invalid_amount"
    INVALID_METHOD = "invalid_method"
    RECEIPT_REQUIRED = "receipt_required"
    REASON_REQUIRED = "reason_required"
    NO_FEE = "no_fee"
    NOTHING_TO_REFUND = "nothing_to_refund"
    ALREADY_SETTLED = "already_settled"
    INVALID_QUOTE = "invalid_quote"
    GATEWAY_NOT_CONFIGURED = "gateway_not_configured"
    GATEWAY_FAILED = "gateway_failed"
    UNKNOWN_PAYMENT = "unknown_payment"
    NOT_AWAITING_PAYMENT = "not_awaiting_payment"


class PaymentActionError(DossierActionError):
    """A refused payment action: nothing was changed. A DossierActionError, so the desk's handlers show it."""

    def __init__(self, code: PaymentErrorCode, message: str):
        super().__init__(code, message)
