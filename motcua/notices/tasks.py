"""The queued task that sends one notice; `motcua worker` runs it (django-tasks-db)."""

from django_tasks import task

from motcua.notices.sending import deliver, requeue_stalled


@task()
def send_notice(notice_id: int) -> str:
    """Try to send notice `notice_id` once; a failed try queues the next one itself."""
    return deliver(notice_id)


@task()
def requeue_stalled_notices() -> int:
    """Queue again the notices whose worker died mid-try; `motcua worker` queues this every MOTCUA_NOTICE_RESCUE_MINUTES."""
    return requeue_stalled()
