"""A per-IP request budget for the public pages, counted in Django's cache."""

from __future__ import annotations

import re
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.shortcuts import render

_SECONDS = {"s": 1, "sec": 1, "second": 1, "m": 60, "min": 60, "minute": 60, "h": 3600, "hour": 3600, "d": 86400, "day": 86400}
_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([a-z]+?)s?\s*$")


def parse_rate(text) -> tuple[int, int] | None:
    """Parse '30/minute', '100/hour', '5/10s' … into (requests, window seconds); None or '' means no limit."""
    if text is None or str(text).strip() == "":
        return None
    m = _RATE.match(str(text).lower())
    if not m or m[3] not in _SECONDS or int(m[1]) < 1:
        raise ImproperlyConfigured(f"MOTCUA_PUBLIC_RATE_LIMIT {text!r} không hợp lệ (ví dụ: 30/minute, 500/hour)")
    return int(m[1]), int(m[2] or 1) * _SECONDS[m[3]]


def client_ip(request) -> str:
    # REMOTE_ADDR only: X-Forwarded-For is whatever the client wrote unless a
    # trusted proxy rewrites REMOTE_ADDR (e.g. its real-IP module).
    return request.META.get("REMOTE_ADDR") or "unknown"


def take(request) -> int | None:
    """Count one request of the client; return the seconds to wait when over budget, else None."""
    rate = parse_rate(settings.MOTCUA_PUBLIC_RATE_LIMIT)
    if rate is None:
        return None
    limit, window = rate
    now = time.time()
    # Fixed windows: one counter per client per window, expiring with it.
    key = f"motcua:portal:rate:{window}:{int(now // window)}:{client_ip(request)}"
    if cache.add(key, 1, timeout=window + 1):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:
            # Expired between add() and incr().
            cache.add(key, 1, timeout=window + 1)
            count = 1
    if count <= limit:
        return None
    return max(1, int(window - now % window))


def rate_limited(view):
    """Answer 429 (in the visitor's language) once a client spends its budget of public requests."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        wait = take(request)
        if wait is not None:
            response = render(request, "portal/rate_limited.html", {"wait": wait}, status=429)
            response["Retry-After"] = str(wait)
            return response
        return view(request, *args, **kwargs)

    return wrapper


def check_attempts_left(subject: str) -> bool:
    """Tell whether the 4-digit check of `subject` (e.g. a dossier) may still be tried in this window."""
    rate = parse_rate(settings.MOTCUA_PUBLIC_CHECK_LIMIT)
    if rate is None:
        return True
    limit, window = rate
    return (cache.get(_check_key(subject, window)) or 0) < limit


def count_failed_check(subject: str) -> None:
    """Count one wrong answer to the 4-digit check of `subject`, whatever the address it came from."""
    # The per-address budget alone lets many addresses share out the 10,000
    # possible answers; this caps the wrong answers one dossier takes in all.
    rate = parse_rate(settings.MOTCUA_PUBLIC_CHECK_LIMIT)
    if rate is None:
        return
    _, window = rate
    key = _check_key(subject, window)
    if not cache.add(key, 1, timeout=window + 1):
        try:
            cache.incr(key)
        except ValueError:
            cache.add(key, 1, timeout=window + 1)


def _check_key(subject: str, window: int) -> str:
    return f"motcua:portal:check:{window}:{int(time.time() // window)}:{subject}"
