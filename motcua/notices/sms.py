"""SMS providers: a class with `send(phone, text)` that raises on failure, chosen by MOTCUA_SMS_BACKEND.

- `motcua.portal.senders.ConsoleSmsSender` (the default, the demo and the tests): prints the
  message and keeps it in `ConsoleSmsSender.outbox`.
- `motcua.notices.sms.HttpSmsSender`: the province's SMS gateway over HTTP. It POSTs to
  MOTCUA_SMS_HTTP_URL the JSON object

      {"to": "0912345678", "text": "Hồ sơ … đã được tiếp nhận, …"}

  with `Authorization: Bearer <MOTCUA_SMS_HTTP_TOKEN>` (when set) and
  `Content-Type: application/json; charset=utf-8`; any 2xx answer is success, anything else
  (or no answer within MOTCUA_SMS_HTTP_TIMEOUT seconds) raises SmsError and the notice is retried.

The same setting chooses the sender of the online form's one-time codes (motcua.portal.senders).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request

from django.conf import settings
from django.utils.module_loading import import_string


class SmsError(Exception):
    """The provider did not take the message."""


class HttpSmsSender:
    def send(self, phone: str, text: str) -> None:
        url = settings.MOTCUA_SMS_HTTP_URL
        if not url:
            raise SmsError("chưa khai báo MOTCUA_SMS_HTTP_URL")
        body = json.dumps({"to": phone, "text": text}, ensure_ascii=False).encode("utf-8")
        headers = {"Content-Type": "application/json; charset=utf-8"}
        if settings.MOTCUA_SMS_HTTP_TOKEN:
            headers["Authorization"] = f"Bearer {settings.MOTCUA_SMS_HTTP_TOKEN}"
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=settings.MOTCUA_SMS_HTTP_TIMEOUT) as response:
                response.read()
        except urllib.error.HTTPError as error:
            raise SmsError(f"nhà cung cấp SMS trả lời HTTP {error.code}") from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise SmsError(f"không gửi được đến nhà cung cấp SMS: {reason}") from None


def send_sms(phone: str, text: str) -> None:
    """Send one SMS through the configured provider; raise on failure."""
    import_string(settings.MOTCUA_SMS_BACKEND)().send(phone, text)
