"""The payment gateway of online fees: an interface and its one implementation, which talks HTTP.

The protocol (the province's gateway and `motcua payment-sim` speak it; README "Online payment"):

- `POST {base}/payments` with JSON `{"reference", "amount", "description", "return_url", "callback_url"}`
  → 201 `{"id", "pay_url"}`: the citizen's browser goes to `pay_url`;
- `GET {base}/payments/{id}` → `{"id", "reference", "amount", "status"}`, status `pending` | `paid` | `failed`;
- when the citizen has paid (or failed), the gateway POSTs the same JSON to `callback_url`
  and sends the browser back to `return_url`.

Every body is signed: header `X-Signature` = hex HMAC-SHA256 of the body with
MOTCUA_PAYMENT_GATEWAY_SECRET (both sides check it when a secret is set).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.conf import settings

from motcua.payments.error_codes import PaymentActionError, PaymentErrorCode as P

STATUSES = ("pending", "paid", "failed")
SIGNATURE_HEADER = "X-Signature"


def sign(body: bytes, secret: str) -> str:
    return hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def signature_ok(body: bytes, signature: str, secret: str) -> bool:
    """Tell whether `signature` signs `body` (always true without a secret: the local simulator)."""
    if not secret:
        return True
    return hmac.compare_digest(sign(body, secret), str(signature or ""))


@dataclass(frozen=True)
class Started:
    gateway_id: str
    pay_url: str


class PaymentGateway:
    """What motcua needs of a payment gateway."""

    def start(self, reference: str, amount: int, description: str, return_url: str, callback_url: str) -> Started:
        raise NotImplementedError

    def status(self, gateway_id: str) -> str:
        raise NotImplementedError


class HttpPaymentGateway(PaymentGateway):
    """A gateway reached over HTTP at `base_url` (the province's, or the local simulator)."""

    def __init__(self, base_url: str, secret: str = "", timeout: float = 10):
        self.base_url = base_url.rstrip("/")
        self.secret = secret
        self.timeout = timeout

    def start(self, reference, amount, description, return_url, callback_url) -> Started:
        body = {
            "reference": reference,
            "amount": int(amount),
            "description": description,
            "return_url": return_url,
            "callback_url": callback_url,
        }
        answer = self._call("POST", "/payments", body)
        gateway_id, pay_url = answer.get("id"), answer.get("pay_url")
        if not isinstance(gateway_id, str) or not isinstance(pay_url, str) or not pay_url.startswith(("http://", "https://")):
            raise PaymentActionError(P.GATEWAY_FAILED, "cổng thanh toán trả lời không đúng định dạng")
        return Started(gateway_id, pay_url)

    def status(self, gateway_id: str) -> str:
        answer = self._call("GET", f"/payments/{urllib.request.quote(gateway_id, safe='')}", None)
        status = answer.get("status")
        if status not in STATUSES:
            raise PaymentActionError(P.GATEWAY_FAILED, f"cổng thanh toán trả về trạng thái không rõ «{status}»")
        return status

    def _call(self, method: str, path: str, body) -> dict:
        data = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
        request = urllib.request.Request(self.base_url + path, data=data, method=method)
        request.add_header("Accept", "application/json")
        if data is not None:
            request.add_header("Content-Type", "application/json; charset=utf-8")
            if self.secret:
                request.add_header(SIGNATURE_HEADER, sign(data, self.secret))
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                payload = response.read()
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise PaymentActionError(P.GATEWAY_FAILED, f"không kết nối được cổng thanh toán: {error}") from None
        try:
            answer = json.loads(payload)
        except ValueError:
            answer = None
        if not isinstance(answer, dict):
            raise PaymentActionError(P.GATEWAY_FAILED, "cổng thanh toán trả lời không đúng định dạng")
        return answer


def configured_gateway() -> PaymentGateway:
    """The gateway of the settings; refused when MOTCUA_PAYMENT_GATEWAY_URL is empty."""
    if not settings.MOTCUA_PAYMENT_GATEWAY_URL:
        raise PaymentActionError(P.GATEWAY_NOT_CONFIGURED, "chưa cấu hình cổng thanh toán trực tuyến")
    return HttpPaymentGateway(
        settings.MOTCUA_PAYMENT_GATEWAY_URL, settings.MOTCUA_PAYMENT_GATEWAY_SECRET, settings.MOTCUA_PAYMENT_GATEWAY_TIMEOUT
    )
