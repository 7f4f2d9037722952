"""Start jobs, run them in daemon threads of the web process, and fail the orphaned ones.

See the package docstring (motcua/jobs/__init__.py) for the API.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import socket
import threading
import uuid

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string

from motcua.jobs.models import ACTIVE, Job, Status

logger = logging.getLogger("motcua.jobs")

# Names this process for the jobs it runs; the random part tells a restarted
# process from its predecessor when a container hands it the same pid.
PROCESS_TOKEN = f"{socket.gethostname()}|{os.getpid()}|{uuid.uuid4().hex[:8]}"

STALE_MESSAGE = "Tác vụ đã dừng giữa chừng vì máy chủ khởi động lại hoặc tiến trình chạy nó đã dừng; hãy chạy lại."
UNEXPECTED_MESSAGE = "Tác vụ gặp lỗi không lường trước ({name}); quản trị viên xem chi tiết trong nhật ký máy chủ."

# Ids of the jobs this process has threads for (queued behind the semaphore or running).
_live: set[int] = set()
_live_lock = threading.Lock()
_slots: threading.BoundedSemaphore | None = None


class JobError(Exception):
    """Raise from a job function to fail the job with this Vietnamese message."""


def create_job(kind: str, owner, func_path: str, *, label: str = "", result_url_name: str | None = None, **kwargs) -> Job:
    """Create a queued job for `owner` that will call `func_path(job, **kwargs)`; start it with job.start()."""
    import_string(func_path)  # a typo fails here, in the request, not later in a thread
    json.dumps(kwargs, cls=DjangoJSONEncoder)  # the arguments must survive a round trip through the database
    job = Job.objects.create(kind=kind, owner=owner, func_path=func_path, kwargs=kwargs, label=label[:200])
    if result_url_name:
        job.result_url = reverse(result_url_name, args=[job.pk])
        job.save(update_fields=["result_url"])
    return job


def start_job(kind: str, owner, func_path: str, *, label: str = "", result_url_name: str | None = None, **kwargs) -> Job:
    """Create the job and start it at once; return it (already finished in inline mode)."""
    job = create_job(kind, owner, func_path, label=label, result_url_name=result_url_name, **kwargs)
    return job.start()


def run_in_background(job: Job) -> Job:
    """Hand the job to a daemon thread once the current transaction commits; inline mode runs it here."""
    Job.objects.filter(pk=job.pk).update(runner=PROCESS_TOKEN)
    job.runner = PROCESS_TOKEN
    with _live_lock:
        _live.add(job.pk)
    if settings.MOTCUA_JOBS_INLINE:
        try:
            execute(job.pk)
        finally:
            with _live_lock:
                _live.discard(job.pk)
        job.refresh_from_db()
        return job
    thread = threading.Thread(target=_thread_main, args=(job.pk,), name=f"motcua-job-{job.pk}", daemon=True)
    # The thread reads the job row with its own connection: it must see it committed.
    transaction.on_commit(thread.start)
    return job


def _thread_main(job_id: int) -> None:
    try:
        with _semaphore():
            execute(job_id)
    except Exception:  # execute() records failures itself; this guards the bookkeeping
        logger.exception("job %s: the runner failed", job_id)
    finally:
        with _live_lock:
            _live.discard(job_id)
        # This thread's connections are its own; leaving them open would leak one per job.
        connections.close_all()


def _semaphore() -> threading.BoundedSemaphore:
    global _slots
    if _slots is None:
        _slots = threading.BoundedSemaphore(max(1, int(settings.MOTCUA_JOBS_THREADS)))
    return _slots


def execute(job_id: int) -> None:
    """Run one queued job to its end, recording success or failure; never raises for the job's own errors."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, status=Status.QUEUED).update(status=Status.RUNNING, started=now, heartbeat=now)
    if not claimed:
        return  # already run, or failed as stale meanwhile
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


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, under another user
    return True


def is_orphaned(job: Job, now: dt.datetime | None = None) -> bool:
    """Tell whether an active job has nobody left to run it."""
    if job.status not in ACTIVE:
        return False
    now = now or timezone.now()
    timeout = dt.timedelta(minutes=float(settings.MOTCUA_JOBS_STALE_MINUTES))
    last_sign = job.heartbeat or job.started or job.created
    if not job.runner:
        # Created but never handed to a thread (the request died in between).
        return now - job.created > dt.timedelta(minutes=5)
    if job.runner == PROCESS_TOKEN:
        with _live_lock:
            return job.pk not in _live
    host, pid, _ = (job.runner.split("|") + ["", "", ""])[:3]
    if host == socket.gethostname() and pid.isdigit():
        # Our own pid under another token is this process's dead predecessor.
        if int(pid) == os.getpid() or not _pid_alive(int(pid)):
            return True
    # Another live process (or another machine): only silence for too long tells.
    return now - last_sign > timeout


def fail_stale_jobs(queryset=None) -> int:
    """Mark failed every active job whose runner is gone; return how many."""
    queryset = Job.objects.all() if queryset is None else queryset
    now = timezone.now()
    stale = [job.pk for job in queryset.filter(status__in=ACTIVE) if is_orphaned(job, now)]
    if not stale:
        return 0
    return Job.objects.filter(pk__in=stale, status__in=ACTIVE).update(
        status=Status.FAILED, error=STALE_MESSAGE, finished=now
    )
