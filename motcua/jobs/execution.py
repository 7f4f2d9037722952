"""Create jobs, queue them for `motcua worker`, and run one to its end inside the worker.

See the package docstring (motcua/jobs/__init__.py) for the API.
"""

from __future__ import annotations

import json
import logging

from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string

from motcua.jobs.models import Job, Status

logger = logging.getLogger("motcua.jobs")

UNEXPECTED_MESSAGE = "Tác vụ gặp lỗi không lường trước ({name}); quản trị viên xem chi tiết trong nhật ký máy chủ."


class JobError(Exception):
    """Raise from a job function to fail the job with this Vietnamese message."""


def create_job(kind: str, owner, func_path: str, *, label: str = "", result_url_name: str | None = None, **kwargs) -> Job:
    """Create a queued job for `owner` that will call `func_path(job, **kwargs)`; queue it with job.start()."""
    import_string(func_path)  # a typo fails here, in the request, not later in the worker
    json.dumps(kwargs, cls=DjangoJSONEncoder)  # the arguments must survive a round trip through the database
    job = Job.objects.create(kind=kind, owner=owner, func_path=func_path, kwargs=kwargs, label=label[:200])
    if result_url_name:
        job.result_url = reverse(result_url_name, args=[job.pk])
        job.save(update_fields=["result_url"])
    return job


def start_job(kind: str, owner, func_path: str, *, label: str = "", result_url_name: str | None = None, **kwargs) -> Job:
    """Create the job and queue it at once; return it (already finished under the immediate backend)."""
    job = create_job(kind, owner, func_path, label=label, result_url_name=result_url_name, **kwargs)
    return job.start()


def enqueue(job: Job) -> Job:
    """Queue the task that runs `job`, in the caller's transaction: the job and its task commit together.

    Under django-tasks' ImmediateBackend (tests) the task runs here, before this returns.
    """
    from motcua.jobs.tasks import run_job

    # The id is known only once the task row exists; a worker may already be running it by then.
    result = run_job.enqueue(job_id=job.pk)
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id))
    job.refresh_from_db()
    return job


def execute(job_id: int, runner: str) -> None:
    """Run one queued job to its end in worker `runner`, recording success or failure.

    Never raises for the job's own errors. A job already taken (or failed as stale) is left alone,
    so a task delivered twice still runs its job once.
    """
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, status=Status.QUEUED).update(
        status=Status.RUNNING, runner=runner[:80], started=now, heartbeat=now
    )
    if not claimed:
        logger.info("job %s: not queued any more, not run again", job_id)
        return
    job = Job.objects.get(pk=job_id)
    try:
        func = import_string(job.func_path)
        result = func(job, **job.kwargs)
        result = json.loads(json.dumps(result, cls=DjangoJSONEncoder)) if result is not None else None
    except JobError as error:
        logger.info("job %s (%s) failed: %s", job.pk, job.kind, error)
        _finish(job, Status.FAILED, error=str(error) or UNEXPECTED_MESSAGE.format(name="JobError"))
    except Exception as error:
        logger.exception("job %s (%s) raised", job.pk, job.kind)
        _finish(job, Status.FAILED, error=UNEXPECTED_MESSAGE.format(name=type(error).__name__))
    else:
        _finish(job, Status.SUCCEEDED, result=result)


def _finish(job: Job, status: str, *, error: str = "", result=None) -> None:
    fields = {"status": status, "finished": timezone.now(), "heartbeat": timezone.now(), "error": error}
    if status == Status.SUCCEEDED:
        fields["result"] = result
        current = Job.objects.filter(pk=job.pk).values("done", "total").first() or {}
        fields["done"] = max(current.get("done", 0), current.get("total", 0))
    Job.objects.filter(pk=job.pk, status=Status.RUNNING).update(**fields)
