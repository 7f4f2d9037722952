"""The queued task that sends one notice; `motcua worker` runs it (django-tasks-db)."""

from django_tasks import task

from motcua.notices.sending import deliver


@task()
def send_notice(notice_id: int) -> str:
    """Try to send notice `notice_id` once; a failed try queues the next one itself."""
    return deliver(notice_id)
