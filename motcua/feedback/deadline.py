"""When a feedback item (phản ánh, kiến nghị) must be answered: 10 working days of its unit's calendar from receipt.

Our rule "feedback_due" of the QĐ 766 index (5.2; Nghị định 20/2008/NĐ-CP).
The deadline is fixed when the item is received and stored on it
(Feedback.due_at), like a dossier's due time, so that the index counts the
items due in a period with one query instead of working out each deadline.
"""

from __future__ import annotations

import datetime as dt

from motcua.workdays.service import due_for_unit

WORKING_DAYS = 10


def answer_due(unit, received_at: dt.datetime) -> dt.datetime:
    """Return the deadline of an item `unit` received at `received_at`."""
    return due_for_unit(unit, received_at, WORKING_DAYS, "working_day")


def fill_answer_due(items, unit_model) -> int:
    """Store the deadline of every item of `items` (a Feedback queryset) that has none; return how many.

    For the data migration that adds the column and for rows written by SQL (benchmarks/index766.py).
    `unit_model` is the Unit model whose rows the calendar reads (the live one).
    """
    missing = list(items.filter(due_at__isnull=True).only("pk", "unit_id", "created_at").order_by("pk"))
    units = unit_model.objects.in_bulk({item.unit_id for item in missing})
    for item in missing:
        item.due_at = answer_due(units[item.unit_id], item.created_at)
    items.model.objects.bulk_update(missing, ["due_at"], batch_size=1000)
    return len(missing)
