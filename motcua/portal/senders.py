"""How a one-time code reaches the citizen: an SMS sender (chosen by MOTCUA_SMS_BACKEND), or Django's e-mail.

An SMS sender is a class with `send(phone, text)`. The console one writes the
message to standard output and keeps it in `outbox` (the demo and tests read
the code there, as Django's locmem backend keeps mail.outbox); the real
provider's HTTP sender plugs in here later.
"""

from __future__ import annotations

import sys
import threading

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string


class ConsoleSmsSender:
    outbox: list[tuple[str, str]] = []
    _lock = threading.Lock()

    def send(self, phone: str, text: str) -> None:
        with self._lock:
            type(self).outbox.append((phone, text))
        sys.stdout.write(f"[SMS đến {phone}] {text}\n")
        sys.stdout.flush()


def send_sms(phone: str, text: str) -> None:
    import_string(settings.MOTCUA_SMS_BACKEND)().send(phone, text)


def send_email(address: str, subject: str, text: str) -> None:
    send_mail(subject, text, None, [address])
