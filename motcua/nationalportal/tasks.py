"""The django-tasks task that delivers the national portal's outbox; `motcua worker` runs it."""

from django_tasks import task

from motcua.nationalportal.delivery import deliver_due


@task()
def deliver_outbox() -> dict:
    """Send every due message of the outbox; return the counts (kept with the task's result)."""
    return deliver_due()
