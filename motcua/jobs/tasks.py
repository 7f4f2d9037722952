"""The django-tasks task that runs a motcua job; `motcua worker` (django-tasks-db) executes it."""

from django_tasks import task

from motcua.jobs.execution import execute


@task(takes_context=True)
def run_job(context, job_id: int) -> None:
    """Run job `job_id`; the worker's id (the last one to claim the task) marks the job as its own."""
    worker_ids = context.task_result.worker_ids
    execute(job_id, runner=worker_ids[-1] if worker_ids else "")
