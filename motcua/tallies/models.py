"""The monthly tallies and the generations that tell which of them are still valid (motcua.tallies.tally)."""

import datetime as dt

from django.db import models

# The key of the one generation that every tally depends on: procedures' fields and fields' kinds.
GLOBAL_UNIT, GLOBAL_MONTH = 0, dt.date(1, 1, 1)


class Generation(models.Model):
    """How many committed changes touched a unit's records of one local month (kept by database triggers).

    unit_id = 0 and month = 0001-01-01 is the global generation (GLOBAL_UNIT, GLOBAL_MONTH).
    """

    unit_id = models.BigIntegerField()
    month = models.DateField()
    generation = models.BigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit_id", "month"], name="tallies_generation_key")]


class Tally(models.Model):
    """Every EVENTS figure of one unit's own records over one local month, as of a generation.

    Valid only while `generation` equals the unit-month's Generation (0 when
    it has none), `global_generation` the global one, and `definitions` the
    fingerprint of EVENTS (motcua.tallies.tally.definitions).
    """

    unit_id = models.BigIntegerField()
    month = models.DateField()
    generation = models.BigIntegerField()
    global_generation = models.BigIntegerField()
    definitions = models.CharField(max_length=16)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit_id", "month"], name="tallies_tally_key")]


def add_figure_columns() -> None:
    """Give Tally one integer column per EVENTS figure, named as the figure (TalliesConfig.ready).

    EVENTS' conditions are built from querysets, which only exist once every
    model is loaded; a new figure then needs a migration (makemigrations).
    """
    from motcua.dossiers.figures import EVENTS

    for name in EVENTS:
        if not hasattr(Tally, name):
            Tally.add_to_class(name, models.IntegerField(default=0))
