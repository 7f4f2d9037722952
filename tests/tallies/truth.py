"""The figures counted on the records with the conditions of motcua.dossiers.figures: what the tallies must give."""

from motcua.dossiers.figures import EVENTS, InPeriod, counts
from motcua.dossiers.models import Apology, Dossier, Rating


def raw_totals(unit_ids, period) -> dict[str, int]:
    """Return every EVENTS figure of the records of `unit_ids` over `period`, one query per model, no tally."""
    p = InPeriod(period)
    result = {}
    for model, rows in ((Dossier, Dossier.objects.filter(unit__in=unit_ids)),
                        (Rating, Rating.objects.filter(dossier__unit__in=unit_ids)),
                        (Apology, Apology.objects.filter(dossier__unit__in=unit_ids))):
        result |= counts(rows, {name: getattr(p, name) for name, event in EVENTS.items() if event.model is model})
    return result
