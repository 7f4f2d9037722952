"""Actions on one received paper of a dossier (TT 03/2025 Điều 5): record that it needs no scan.

A scan attaches to a paper through motcua.dossiers.actions.do_attach_file(paper=…).
"""

from __future__ import annotations

from django.db import transaction

from motcua.dossiers import actions as a
from motcua.dossiers.events import Verb, snapshot
from motcua.dossiers.models import Dossier
from motcua.dossiers.papers import PaperExemption, paper_at, record_exemption


def do_exempt_paper(actor, dossier, paper: int, exemption: str, *, at=None, expected_version=None) -> Dossier:
    """Record that the paper at position `paper` needs no scan, and why (a PaperExemption)."""
    with transaction.atomic():
        d, at = a._begin(actor, dossier, Verb.EXEMPT_PAPER, expected_version, at)
        name = paper_at(d, paper).get("name", "")
        before = snapshot(d, ["components"])
        record_exemption(d, paper, exemption)
        return a._finish(
            actor, d, Verb.EXEMPT_PAPER, at, before,
            reason=str(PaperExemption(exemption).label), data={"paper": paper, "name": name, "exemption": exemption},
        )
