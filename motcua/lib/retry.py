"""How long to wait before trying again: the first wait, doubled after each failed try, up to a ceiling.

Shared by the citizens' notices (motcua.notices.sending) and the national portal's outbox
(motcua.nationalportal.delivery), each with its own settings.
"""

from __future__ import annotations

import datetime as dt


def doubling_wait(tries: int, first_seconds: float, max_seconds: float | None = None) -> dt.timedelta:
    """The wait after the `tries`-th failed try (1, 2, …): first, 2 × first, 4 × first, … capped at `max_seconds`."""
    seconds = first_seconds * 2 ** min(max(tries, 1) - 1, 40)
    return dt.timedelta(seconds=seconds if max_seconds is None else min(seconds, max_seconds))
