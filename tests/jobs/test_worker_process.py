"""Real `motcua worker` processes on a real database (a SQLite file; PostgreSQL with DATABASE_URL).

Each test waits for states (a job running, a heartbeat gone quiet), never for a fixed time.
"""

import signal

import pytest

from tests.jobs.site import make_site

DATABASES = [pytest.param("sqlite", marks=pytest.mark.sqlite), pytest.param("postgres", marks=pytest.mark.postgres)]

# Snippets run inside the site (tests.jobs.site.Site.python).
SETUP_OFFICER = """
from tests.factories import make_tree, make_user
_, district, *_ = make_tree()
make_user("huyen", district, "oversight")
"""
START = """
from motcua.accounts.models import User
from motcua.jobs.execution import start_job
officer = User.objects.get(username="huyen")
out = [start_job("thu", officer, {func!r}, **kwargs).pk for kwargs in {kwargs!r}]
"""
JOBS = """
from motcua.jobs.models import Job
out = {{j.pk: [j.status, j.message, j.error, j.runner] for j in Job.objects.filter(pk__in={ids!r})}}
"""
TASKS = """
from django_tasks_db.models import DBTaskResult
out = [[r.task_path, r.status, r.worker_ids] for r in DBTaskResult.objects.order_by("enqueued_at")]
"""
WORKER_STATE = """
from motcua.jobs.workers import worker_state
out = worker_state().value
"""


@pytest.fixture(params=DATABASES)
def site(request, tmp_path):
    yield from make_site(tmp_path, request.param)


def _start(site, func, kwargs_list):
    return site.python(START.format(func=func, kwargs=kwargs_list))


def _jobs(site, ids):
    return {int(k): v for k, v in site.python(JOBS.format(ids=ids)).items()}


def test_a_killed_worker_is_noticed_by_its_heartbeat_and_its_job_fails(site, tmp_path):
    site.python(SETUP_OFFICER)
    first = site.start_worker()
    [job] = _start(site, "tests.jobs.work.wait_for_gate", [{"gate": str(tmp_path / "never-opened")}])
    site.wait_for(lambda: _jobs(site, [job])[job][0] == "running", "the job to run")
    site.kill(first, signal.SIGKILL)  # no chance to sign off

    # Its heartbeat ages past MOTCUA_WORKER_STALE_SECONDS: nobody reports in any more.
    site.wait_for(lambda: site.python(WORKER_STATE) == "late", "the heartbeat to go stale")
    assert _jobs(site, [job])[job][0] == "running"  # nobody has looked yet

    # The next worker's housekeeping fails the dead worker's job and its queue row, then goes on working.
    site.start_worker()
    site.wait_for(lambda: _jobs(site, [job])[job][0] == "failed", "the dead worker's job to fail")
    status, _, error, _ = _jobs(site, [job])[job]
    assert error == "Tác vụ đã dừng giữa chừng vì tiến trình xử lý nền chạy nó đã dừng; hãy chạy lại."
    [task] = site.python(TASKS)
    assert task[:2] == ["motcua.jobs.tasks.run_job", "FAILED"]
    [after] = _start(site, "tests.jobs.work.count_files", [{"names": ["a"]}])
    site.wait_for(lambda: _jobs(site, [after])[after][0] == "succeeded", "the next job to run")
    assert site.python(WORKER_STATE) == "ok"


def test_two_workers_share_the_queue_and_never_run_a_task_twice(site, tmp_path):
    site.python(SETUP_OFFICER)
    marks = tmp_path / "marks"
    marks.mkdir()
    site.start_worker()
    site.start_worker()
    ids = _start(site, "tests.jobs.work.mark_once", [{"folder": str(marks)}] * 20)
    site.wait_for(lambda: all(s in ("succeeded", "failed") for s, *_ in _jobs(site, ids).values()), "all 20 jobs to end")
    jobs = _jobs(site, ids)
    # mark_once creates its file exclusively: a second run of a job would have failed it.
    assert [status for status, *_ in jobs.values()] == ["succeeded"] * 20
    assert sorted(p.name for p in marks.iterdir()) == sorted(str(i) for i in ids)
    tasks = site.python(TASKS)
    assert len(tasks) == 20 and all(len(worker_ids) == 1 for _, _, worker_ids in tasks)


def test_a_stopped_worker_signs_off(site):
    worker = site.start_worker()
    site.wait_for(lambda: site.python(WORKER_STATE) == "ok", "the worker to report in")
    site.kill(worker, signal.SIGTERM)
    assert worker.returncode == 0
    assert site.python(WORKER_STATE) == "none"


def test_several_workers_queue_the_sweep_once_per_interval(site):
    site.env["MOTCUA_SWEEP_MINUTES"] = "60"
    site.start_worker()
    site.start_worker()
    beats_after_queueing = """
from motcua.jobs.models import Schedule, WorkerBeat
row = Schedule.objects.filter(name="sweep").first()
beats = {w: seen.timestamp() for w, seen in WorkerBeat.objects.values_list("worker_id", "last_seen")}
queued = row and row.last_run and row.last_run.timestamp()
out = beats if queued and len(beats) == 2 and all(seen > queued for seen in beats.values()) else None
"""
    first = site.wait_for(lambda: site.python(beats_after_queueing), "both workers to beat after the sweep was queued")
    # One more beat each: the housekeeping round that followed those beats (schedules included) is over.
    site.wait_for(
        lambda: all(site.python(beats_after_queueing)[w] > seen for w, seen in first.items()), "another round of both"
    )
    sweeps = [t for t in site.python(TASKS) if t[0] == "motcua.dossiers.tasks.sweep_due"]
    assert len(sweeps) == 1
    site.wait_for(lambda: site.python(TASKS)[0][1] == "SUCCESSFUL", "the sweep to run")


def test_the_demo_starts_a_worker_beside_itself(site):
    from motcua.jobs.workers import start_worker_process

    site.python(SETUP_OFFICER)
    worker = start_worker_process(env=site.env)
    try:
        [job] = _start(site, "tests.jobs.work.count_files", [{"names": ["a", "b"]}])
        site.wait_for(lambda: _jobs(site, [job])[job][0] == "succeeded", "the demo's worker to run the job")
    finally:
        worker.stop()
    assert worker.returncode == 0
    assert site.python(WORKER_STATE) == "none"  # it signed off


def test_a_data_load_runs_in_the_worker(site):
    load = """
import json
from django.core.files.uploadedfile import SimpleUploadedFile
from motcua.administration.loads import start_load
from tests.factories import make_tree, make_user
_, district, *_ = make_tree()
admin = make_user("quantri", district, "oversight", is_superuser=True)
rows = [{"code": "16005", "name": "Xã Hoằng Thắng", "level": "commune", "parent": "388"},
        {"code": "16006", "name": "Xã Hoằng Đạt", "level": "commune", "parent": "388"}]
content = "".join(json.dumps(r, ensure_ascii=False) + "\\n" for r in rows).encode()
out = start_load(admin, "units", SimpleUploadedFile("units.jsonl", content)).pk
"""
    job = site.python(load)
    assert _jobs(site, [job])[job][0] == "queued"  # the web side only queued it
    site.start_worker()
    site.wait_for(lambda: _jobs(site, [job])[job][0] in ("succeeded", "failed"), "the load to end")
    assert _jobs(site, [job])[job][:2] == ["succeeded", "Đã nạp xong 2 dòng."]
    units = """
from motcua.units.models import Unit
out = sorted(Unit.objects.filter(code__in=["16005", "16006"]).values_list("path", flat=True))
"""
    paths = site.python(units)
    assert paths == ["38/388/16005/", "38/388/16006/"]
