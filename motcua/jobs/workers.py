"""The workers' side of the queue: heartbeats, telling a gone worker, failing its jobs, periodic tasks.

Each `motcua worker` process writes a WorkerBeat row every MOTCUA_WORKER_BEAT_SECONDS
from a housekeeping thread (the main thread runs django-tasks-db's worker loop and may
be busy with one long task). A worker is *gone* when its heartbeat is older than
MOTCUA_WORKER_STALE_SECONDS — unless it runs on this very machine and its process is
alive: on SQLite a long all-or-nothing load holds the only write lock, so the heartbeat
of a busy worker can lag without the worker being dead.

A job running on a gone worker is marked failed (not re-run: a half-done load or
notice run must not be repeated behind the user's back; the user starts it again),
and so is its django-tasks-db row. Any worker's housekeeping and any look at a job
page do this, so a dead worker's job is never shown as running for long.

Periodic tasks (the due-soon sweep) are queued by the workers, not cron: a Schedule
row holds the next due time and a run counter; the worker that advances the counter
with a compare-and-set UPDATE queues the task, the others see the count moved and
do nothing, so several workers queue it once per interval.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
import atexit
import os
import signal
import socket
import subprocess
import sys
import threading
import uuid

from django.conf import settings
from django.db import DatabaseError, IntegrityError, close_old_connections, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string

from motcua.jobs.models import ACTIVE, Job, Schedule, Status, WorkerBeat

logger = logging.getLogger("motcua.jobs")

STALE_MESSAGE = "Tác vụ đã dừng giữa chừng vì tiến trình xử lý nền chạy nó đã dừng; hãy chạy lại."
# A job created but never queued (the request died in between) is given up after this long.
_NEVER_QUEUED = dt.timedelta(minutes=5)
# Heartbeat rows of workers gone this long are deleted (until then /healthz says "late").
_FORGET_AFTER = dt.timedelta(days=1)

# Periodic tasks the workers queue: name → (task path, the setting giving its interval in minutes).
SCHEDULES = {
    "sweep": ("motcua.dossiers.tasks.sweep_due", "MOTCUA_SWEEP_MINUTES"),
    "notices": ("motcua.notices.tasks.requeue_stalled_notices", "MOTCUA_NOTICE_RESCUE_MINUTES"),
    "tallies": ("motcua.tallies.tasks.refresh_tallies", "MOTCUA_TALLIES_REFRESH_MINUTES"),
}
# Called every housekeeping round: each queues its own work when some is due (cheap when none is).
KICKS = ("motcua.nationalportal.delivery.kick_if_due",)


class WorkerState(str, enum.Enum):
    OK = "ok"
    LATE = "late"
    NONE = "none"


def new_worker_id() -> str:
    """Name a worker process: host, pid and a random part (a restarted container may reuse the pid)."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def _stale_after() -> dt.timedelta:
    return dt.timedelta(seconds=settings.MOTCUA_WORKER_STALE_SECONDS)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, under another user
    return True


def is_gone(beat: WorkerBeat, now: dt.datetime) -> bool:
    """Tell whether a worker stopped reporting for too long (a live process on this machine never is)."""
    if now - beat.last_seen <= _stale_after():
        return False
    return not (beat.host == socket.gethostname()[:40] and _pid_alive(beat.pid))


def worker_state(now: dt.datetime | None = None) -> WorkerState:
    """Return "ok" when some worker reported recently, "late" when all have gone silent, "none" when none ever did."""
    now = now or timezone.now()
    newest = WorkerBeat.objects.order_by("-last_seen").values_list("last_seen", flat=True).first()
    if newest is None:
        return WorkerState.NONE
    return WorkerState.OK if now - newest <= _stale_after() else WorkerState.LATE


def queue_length() -> int:
    """Return how many queued tasks wait for a worker now."""
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.ready().count()


def _orphaned(job: Job, beats: dict[str, WorkerBeat], tasks: dict[str, str], now: dt.datetime) -> bool:
    from django_tasks import TaskResultStatus

    if job.status == Status.QUEUED:
        if not job.task_id:
            return now - job.created > _NEVER_QUEUED
        # The task ended (or vanished) without running the job: nobody will.
        return tasks.get(job.task_id) not in (TaskResultStatus.READY, TaskResultStatus.RUNNING)
    beat = beats.get(job.runner)
    if beat is not None:
        return is_gone(beat, now)
    # No heartbeat row (a worker that stopped, or an older version's thread): only silence tells.
    return now - (job.heartbeat or job.started or job.created) > _stale_after()


def fail_stale_jobs(queryset=None) -> int:
    """Mark failed every active job nobody will finish (its worker gone, its task ended without it); return how many."""
    from django_tasks_db.models import DBTaskResult

    queryset = Job.objects.all() if queryset is None else queryset
    active = list(queryset.filter(status__in=ACTIVE))
    now = timezone.now()
    beats = {b.worker_id: b for b in WorkerBeat.objects.filter(worker_id__in={j.runner for j in active if j.runner})}
    task_ids = [j.task_id for j in active if j.status == Status.QUEUED and j.task_id]
    tasks = {str(pk): status for pk, status in DBTaskResult.objects.filter(pk__in=task_ids).values_list("pk", "status")}
    stale = [job.pk for job in active if _orphaned(job, beats, tasks, now)]
    if not stale:
        return 0
    return Job.objects.filter(pk__in=stale, status__in=ACTIVE).update(status=Status.FAILED, error=STALE_MESSAGE, finished=now)


def fail_tasks_of_gone_workers(now: dt.datetime | None = None) -> int:
    """Mark failed the queue rows (django-tasks-db) still "running" on a gone worker; return how many."""
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    beats = {b.worker_id: b for b in WorkerBeat.objects.all()}
    lost = []
    for pk, worker_ids, started in DBTaskResult.objects.running().values_list("pk", "worker_ids", "started_at"):
        beat = beats.get(worker_ids[-1]) if worker_ids else None
        if (beat is not None and is_gone(beat, now)) or (beat is None and now - (started or now) > _stale_after()):
            lost.append(pk)
    if not lost:
        return 0
    return DBTaskResult.objects.filter(pk__in=lost, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.FAILED, finished_at=now, exception_class_path="motcua.jobs.workers.WorkerGone",
        traceback=STALE_MESSAGE,
    )


def queue_due_schedules(now: dt.datetime | None = None) -> list[str]:
    """Queue each periodic task whose time has come, once however many workers call this; return their names."""
    now = now or timezone.now()
    queued = []
    for name, (task_path, setting) in SCHEDULES.items():
        minutes = getattr(settings, setting)
        if minutes <= 0:
            continue
        try:
            row, _ = Schedule.objects.get_or_create(name=name, defaults={"next_run": now})
        except IntegrityError:  # another worker created it between our look and our insert
            row = Schedule.objects.get(name=name)
        if row.next_run > now:
            continue
        with transaction.atomic():
            won = Schedule.objects.filter(pk=row.pk, runs=row.runs).update(
                runs=F("runs") + 1, last_run=now, next_run=now + dt.timedelta(minutes=minutes)
            )
            if won:
                import_string(task_path).enqueue()
                queued.append(name)
    return queued


class Housekeeping:
    """The worker process's heartbeat thread: beat, fail the gone workers' jobs, queue the due schedules."""

    def __init__(self, worker_id: str):
        self.worker_id = worker_id
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, name="motcua-worker-heartbeat", daemon=True)

    def start(self) -> None:
        self.beat()  # the first beat before any task is taken
        self.thread.start()

    def stop(self) -> None:
        self.stopped.set()
        self.thread.join(timeout=settings.MOTCUA_WORKER_BEAT_SECONDS + 30)

    def beat(self) -> None:
        now = timezone.now()
        updated = WorkerBeat.objects.filter(worker_id=self.worker_id).update(last_seen=now)
        if not updated:
            WorkerBeat.objects.create(
                worker_id=self.worker_id, host=socket.gethostname()[:40], pid=os.getpid(), started=now, last_seen=now
            )

    def tick(self) -> None:
        """One round of housekeeping; each step is safe to run from several workers at once."""
        self.beat()
        fail_stale_jobs()
        fail_tasks_of_gone_workers()
        WorkerBeat.objects.filter(last_seen__lt=timezone.now() - _FORGET_AFTER).delete()
        queue_due_schedules()
        for path in KICKS:
            import_string(path)()

    def _run(self) -> None:
        try:
            while not self.stopped.wait(settings.MOTCUA_WORKER_BEAT_SECONDS):
                close_old_connections()
                try:
                    self.tick()
                except DatabaseError as error:
                    # SQLite busy past its timeout, PostgreSQL restarting: beat again next round.
                    logger.warning("worker %s: housekeeping failed: %s", self.worker_id, error)
                except Exception:  # a bug in one round must not silence the heartbeat for good
                    logger.exception("worker %s: housekeeping failed", self.worker_id)
        finally:
            connection.close()

    def sign_off(self) -> None:
        """Leave cleanly: fail what this worker was still running and delete its heartbeat row."""
        now = timezone.now()
        Job.objects.filter(runner=self.worker_id, status=Status.RUNNING).update(
            status=Status.FAILED, error=STALE_MESSAGE, finished=now
        )
        WorkerBeat.objects.filter(worker_id=self.worker_id).delete()


def start_worker_process(env: dict | None = None) -> subprocess.Popen:
    """Start one `motcua worker` beside the calling process (`motcua demo`); it is stopped when the caller exits.

    The worker inherits the caller's environment (MOTCUA_HOME / DATABASE_URL), so it serves the same database.
    """
    process = subprocess.Popen([sys.executable, "-m", "motcua", "worker"], env=env)

    def stop() -> None:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)  # finishes the running task, signs off
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    atexit.register(stop)
    process.stop = stop  # type: ignore[attr-defined]
    return process
