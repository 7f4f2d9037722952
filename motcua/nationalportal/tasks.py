"""The django-tasks task that delivers the national portal's outbox; `motcua worker` runs it."""

from django_tasks import task

from motcua.nationalportal import delivery


@task()
def deliver_outbox() -> dict:
    """Send the due messages of the outbox for up to delivery.RUN_SECONDS; return the counts (kept with the task's result).

    A run that used its time with messages still due queues the next one (after the jobs queued meanwhile).
    """
    counts = delivery.deliver_due(seconds=delivery.RUN_SECONDS)
    if counts.get("more"):
        deliver_outbox.enqueue()
    return counts
