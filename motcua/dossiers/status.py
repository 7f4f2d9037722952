"""Status of a dossier known only by its dates: for loaders and exports, pure code."""

from __future__ import annotations


def derive_status(resolved_at, outcome: str | None, returned_at, open_supplement: bool) -> str:
    """Return the workflow status (a motcua.dossiers.models.Status value) of a dossier with these facts."""
    if outcome in ("withdrawn", "stopped"):
        return outcome
    if returned_at is not None and outcome in ("approved", "refused", None, ""):
        return "returned"
    if outcome in ("approved", "refused"):
        return outcome
    if resolved_at is not None:
        # The exchange format allows a resolution without an outcome; a
        # resolved dossier is decided, and refusals always state their outcome.
        return "approved"
    if open_supplement:
        return "awaiting_supplement"
    # Internal progress unknown: back in the desk's queue, from where it can
    # be assigned and carried on with the ordinary actions.
    return "received"
