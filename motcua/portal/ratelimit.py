"""A per-IP request budget for the public pages, and the 4-digit check's budget of wrong answers.

Counted in Django's default cache, which settings make shared by every worker
process: the database cache (motcua/core/cache.py, atomic increments) or Redis.
A counter is created with `cache.add` and raised with `cache.incr`, both atomic
there, so two workers never lose a count.
"""

from __future__ import annotations

import re
from functools import wraps
from time import time as clock  # the windows' clock; tests move it

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


def _count(key: str, window: int) -> int:
    """Add one to the counter `key` of a window of `window` seconds; return its new value."""
    if cache.add(key, 1, timeout=window + 1):
        return 1
    try:
        return cache.incr(key)
    except ValueError:
        # Expired between add() and incr().
        cache.add(key, 1, timeout=window + 1)
        return 1


def _window_key(kind: str, window: int, subject: str, now: float) -> str:
    # Fixed windows: one counter per subject per window, expiring with it.
    return f"motcua:portal:{kind}:{window}:{int(now // window)}:{subject}"


def take(request) -> int | None:
    """Count one request of the client; return the seconds to wait when over budget, else None."""
    rate = parse_rate(settings.MOTCUA_PUBLIC_RATE_LIMIT)
    if rate is None:
        return None
    limit, window = rate
    now = clock()
    if _count(_window_key("rate", window, client_ip(request), now), window) <= limit:
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


def _check_budgets(request, subject: str) -> list[tuple[str, int, int]]:
    """Return (key, limit, window) of the budgets a wrong answer of this client about `subject` spends.

    Wrong answers are counted per client and dossier, and per client over every
    dossier; never per dossier alone, or a stranger's guesses would lock the
    owner out of their own dossier. Many addresses sharing out the 10,000 answers
    of one dossier need about a thousand of them an hour (10/hour each).
    """
    ip = client_ip(request)
    now = clock()
    budgets = []
    for kind, text, who in (
        ("check", settings.MOTCUA_PUBLIC_CHECK_LIMIT, f"{ip}:{subject}"),
        ("check-client", settings.MOTCUA_PUBLIC_CHECK_CLIENT_LIMIT, ip),
    ):
        rate = parse_rate(text)
        if rate is not None:
            limit, window = rate
            budgets.append((_window_key(kind, window, who, now), limit, window))
    return budgets


def check_attempts_left(request, subject: str) -> bool:
    """Tell whether this client may still try the 4-digit check of `subject` (e.g. a dossier) in this window."""
    return all((cache.get(key) or 0) < limit for key, limit, _ in _check_budgets(request, subject))


def count_failed_check(request, subject: str) -> None:
    """Count one wrong answer of this client to the 4-digit check of `subject`."""
    for key, _, window in _check_budgets(request, subject):
        _count(key, window)
