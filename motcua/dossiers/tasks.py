"""The due-soon/overdue sweep as a queued task: `motcua worker` queues it every MOTCUA_SWEEP_MINUTES."""

from django_tasks import task

from motcua.dossiers.sweep import sweep


@task()
def sweep_due() -> dict:
    """Run the sweep now; return its counts (stored with the task's result)."""
    result = sweep()
    return {
        "due": len(result.items),
        "notices_sent": result.notices_sent,
        "emails_sent": result.emails_sent,
        "failures": len(result.failures),
    }
