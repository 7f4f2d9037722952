"""The tallies' refresh as a queued task: `motcua worker` queues it every MOTCUA_TALLIES_REFRESH_MINUTES.

Reading a month whose tally is missing or stale counts it on the records (a
province's year of a million dossiers: seconds instead of milliseconds); the
refresh stores those months ahead of the readers, so a report seldom pays it.
"""

from django_tasks import task

from motcua.tallies.tally import refresh


@task()
def refresh_tallies() -> dict:
    """Store a valid tally for every unit and month before the current one; return how many were stored."""
    return {"stored": refresh()}
