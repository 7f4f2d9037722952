"""Background jobs: progress, results, failures, orphans and the owner-only pages."""

import datetime as dt
import os
import socket

import pytest
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from motcua.jobs.execution import create_job, execute, start_job
from motcua.jobs.models import Job, Status, WorkerBeat
from motcua.jobs.workers import STALE_MESSAGE, fail_stale_jobs, fail_tasks_of_gone_workers
from tests.factories import make_tree, make_user
from tests.jobs.work import IMMEDIATE

pytestmark = pytest.mark.django_db


@pytest.fixture
def inline(settings):
    settings.TASKS = IMMEDIATE


@pytest.fixture
def officer():
    _, district, *_ = make_tree()
    return make_user("huyen", district, "oversight")


def test_inline_job_saves_progress_and_result(inline, officer):
    job = start_job("doc", officer, "tests.jobs.work.count_files", label="Đọc", names=["a.pdf", "b.docx", "c.txt"])
    job = Job.objects.get(pk=job.pk)
    assert job.status == Status.SUCCEEDED
    assert (job.done, job.total, job.percent) == (3, 3, 100)
    assert job.message == "Đang đọc tệp 3/3: c.txt"
    assert job.result == {"summary": "Đã đọc 3 tệp", "count": 3}
    assert job.started is not None and job.finished >= job.started


def test_progress_is_saved_as_it_goes(officer):
    job = create_job("doc", officer, "tests.jobs.work.count_files", names=[])
    job.progress(3, 12, "Đang đọc tệp 3/12: bao-cao-xa-hoang-luu.pdf")
    stored = Job.objects.get(pk=job.pk)
    assert (stored.done, stored.total, stored.percent) == (3, 12, 25)
    assert stored.message == "Đang đọc tệp 3/12: bao-cao-xa-hoang-luu.pdf"
    # Only `done` moves when total and message are not given.
    job.progress(4)
    stored.refresh_from_db()
    assert (stored.done, stored.total, stored.percent) == (4, 12, 33)


def test_job_error_fails_with_its_vietnamese_message(inline, officer):
    job = start_job("doc", officer, "tests.jobs.work.refuse")
    assert job.status == Status.FAILED
    assert job.error == "Tệp thứ hai không phải báo cáo CCHC"
    assert (job.done, job.total) == (1, 4)


def test_unexpected_exception_fails_with_a_generic_message_and_logs(inline, officer, caplog):
    with caplog.at_level("ERROR", logger="motcua.jobs"):
        job = start_job("doc", officer, "tests.jobs.work.crash")
    assert job.status == Status.FAILED
    assert job.error == "Tác vụ gặp lỗi không lường trước (ZeroDivisionError); quản trị viên xem chi tiết trong nhật ký máy chủ."
    assert "ZeroDivisionError" in caplog.text and "Traceback" in caplog.text


def test_unknown_function_is_refused_before_anything_is_created(officer):
    with pytest.raises(ImportError):
        create_job("doc", officer, "tests.jobs.work.no_such_function")
    assert not Job.objects.exists()


def test_result_file_and_inputs_go_to_storage(inline, officer):
    job = start_job("doc", officer, "tests.jobs.work.write_file", text="Hoằng Lưu")
    assert job.result_name == "ket-qua.txt"
    assert job.result_file.name.startswith(f"jobs/{job.pk}/")
    with job.result_file.open("rb") as stream:
        assert stream.read().decode("utf-8") == "Hoằng Lưu"

    reader = create_job("doc", officer, "tests.jobs.work.read_input", name="")
    stored = reader.save_input("../../etc/passwd", b"12345")
    assert stored.startswith(f"jobs/{reader.pk}/input/")
    reader.kwargs = {"name": stored}
    reader.save(update_fields=["kwargs"])
    assert reader.start().result == {"length": 5}
    with pytest.raises(ValueError):
        reader.open_input(f"jobs/{job.pk}/ket-qua.txt")


def test_start_queues_a_task_for_the_worker_in_the_same_transaction(officer):
    job = create_job("doc", officer, "tests.jobs.work.count_files", names=["a", "b"])
    job = job.start()
    # Queued, not run: nothing in the web process runs it.
    assert job.status == Status.QUEUED and job.started is None
    task = DBTaskResult.objects.get(pk=job.task_id)
    assert task.status == TaskResultStatus.READY
    assert task.task_path == "motcua.jobs.tasks.run_job"
    assert task.args_kwargs == {"args": [], "kwargs": {"job_id": job.pk}}


def test_a_job_delivered_twice_runs_once(officer):
    job = start_job("doc", officer, "tests.jobs.work.count_files", names=["a"])
    execute(job.pk, runner="w1")
    first = Job.objects.get(pk=job.pk)
    assert (first.status, first.runner) == (Status.SUCCEEDED, "w1")
    execute(job.pk, runner="w2")
    assert Job.objects.get(pk=job.pk).runner == "w1"


def _beat(worker_id, seconds_ago, host="other-host", pid=12):
    seen = timezone.now() - dt.timedelta(seconds=seconds_ago)
    return WorkerBeat.objects.create(worker_id=worker_id, host=host, pid=pid, started=seen, last_seen=seen)


def _running(officer, runner, **fields):
    job = create_job("doc", officer, "tests.jobs.work.count_files", names=[])
    Job.objects.filter(pk=job.pk).update(status=Status.RUNNING, runner=runner, **fields)
    return job


def test_jobs_of_gone_workers_are_failed_by_heartbeat(officer, settings):
    settings.MOTCUA_WORKER_STALE_SECONDS = 60
    _beat("alive", 10)
    _beat("silent", 61)
    # On this machine a live process is never taken as gone (SQLite can hold its heartbeat back)...
    _beat("busy-here", 600, host=socket.gethostname()[:40], pid=os.getpid())
    # ...and a dead one is, once silent too long.
    _beat("dead-here", 600, host=socket.gethostname()[:40], pid=999_999_999)
    alive = _running(officer, "alive")
    silent = _running(officer, "silent")
    busy = _running(officer, "busy-here")
    dead = _running(officer, "dead-here")
    # No heartbeat row at all (an older version's thread): only the job's own silence tells.
    old = timezone.now() - dt.timedelta(minutes=5)
    quiet_legacy = _running(officer, "host|12|abcd", heartbeat=old)
    recent_legacy = _running(officer, "host|12|abcd", heartbeat=timezone.now())
    finished = create_job("doc", officer, "tests.jobs.work.count_files", names=[])
    Job.objects.filter(pk=finished.pk).update(status=Status.SUCCEEDED, runner="silent")

    assert fail_stale_jobs() == 3
    status = dict(Job.objects.values_list("pk", "status"))
    assert status == {
        alive.pk: Status.RUNNING,
        silent.pk: Status.FAILED,
        busy.pk: Status.RUNNING,
        dead.pk: Status.FAILED,
        quiet_legacy.pk: Status.FAILED,
        recent_legacy.pk: Status.RUNNING,
        finished.pk: Status.SUCCEEDED,
    }
    assert Job.objects.get(pk=silent.pk).error == STALE_MESSAGE


def test_queued_jobs_wait_for_a_worker_unless_their_task_is_gone(officer):
    waiting = start_job("doc", officer, "tests.jobs.work.count_files", names=[])
    lost = start_job("doc", officer, "tests.jobs.work.count_files", names=[])
    DBTaskResult.objects.filter(pk=lost.task_id).update(status=TaskResultStatus.FAILED)
    never_queued = create_job("doc", officer, "tests.jobs.work.count_files", names=[])
    Job.objects.filter(pk=never_queued.pk).update(created=timezone.now() - dt.timedelta(minutes=6))
    just_created = create_job("doc", officer, "tests.jobs.work.count_files", names=[])

    assert fail_stale_jobs() == 2
    status = dict(Job.objects.values_list("pk", "status"))
    assert status[waiting.pk] == status[just_created.pk] == Status.QUEUED
    assert status[lost.pk] == status[never_queued.pk] == Status.FAILED


def test_queue_rows_of_gone_workers_are_failed(officer, settings):
    settings.MOTCUA_WORKER_STALE_SECONDS = 60
    _beat("silent", 61)
    _beat("alive", 1)
    on_silent = start_job("doc", officer, "tests.jobs.work.count_files", names=[])
    on_alive = start_job("doc", officer, "tests.jobs.work.count_files", names=[])
    DBTaskResult.objects.filter(pk=on_silent.task_id).update(status=TaskResultStatus.RUNNING, worker_ids=["silent"])
    DBTaskResult.objects.filter(pk=on_alive.task_id).update(status=TaskResultStatus.RUNNING, worker_ids=["alive"])
    assert fail_tasks_of_gone_workers() == 1
    assert DBTaskResult.objects.get(pk=on_silent.task_id).status == TaskResultStatus.FAILED
    assert DBTaskResult.objects.get(pk=on_alive.task_id).status == TaskResultStatus.RUNNING


def test_progress_page_is_for_the_owner_only(inline, officer, client):
    other = make_user("tinh", officer.unit, "oversight")
    job = start_job("doc", officer, "tests.jobs.work.count_files", label="Đọc báo cáo", names=["a", "b"])
    client.force_login(other)
    for name in ("detail", "progress", "file"):
        assert client.get(f"/tac-vu/{job.pk}/" + {"detail": "", "progress": "tien-do/", "file": "tep/"}[name]).status_code == 404
    client.force_login(officer)
    page = client.get(f"/tac-vu/{job.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert '<progress value="100" max="100"' in html
    assert "Đã đọc 2 tệp" in html
    assert 'hx-trigger="every 1s"' not in html  # finished: polling stops


def test_running_job_fragment_keeps_polling_and_reload_refreshes_when_done(officer, client):
    _beat("w1", 1)
    job = _running(officer, "w1")
    job.progress(3, 12, "Đang đọc tệp 3/12: bao-cao-xa-hoang-luu.pdf")
    client.force_login(officer)
    fragment = client.get(f"/tac-vu/{job.pk}/tien-do/?reload=1")
    html = fragment.content.decode()
    assert 'hx-trigger="every 1s"' in html
    assert '<progress value="25" max="100"' in html
    assert "Đang đọc tệp 3/12: bao-cao-xa-hoang-luu.pdf" in html
    assert "HX-Refresh" not in fragment.headers
    Job.objects.filter(pk=job.pk).update(status=Status.SUCCEEDED)
    done = client.get(f"/tac-vu/{job.pk}/tien-do/?reload=1")
    assert done.headers["HX-Refresh"] == "true"


def test_a_queued_job_says_when_no_worker_runs(officer, client):
    job = start_job("doc", officer, "tests.jobs.work.count_files", names=[])
    client.force_login(officer)
    hint = "chưa có tiến trình xử lý nền nào đang chạy"
    assert hint in client.get(f"/tac-vu/{job.pk}/").content.decode()
    _beat("w1", 1)
    assert hint not in client.get(f"/tac-vu/{job.pk}/").content.decode()


def test_anonymous_visitor_is_sent_to_login(inline, officer, client):
    job = start_job("doc", officer, "tests.jobs.work.count_files", names=[])
    response = client.get(f"/tac-vu/{job.pk}/")
    assert response.status_code == 302 and response.url.startswith("/dang-nhap/")


def test_result_file_downloads_for_the_owner(inline, officer, client):
    job = start_job("doc", officer, "tests.jobs.work.write_file", text="tổng hợp")
    client.force_login(officer)
    response = client.get(f"/tac-vu/{job.pk}/tep/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).decode() == "tổng hợp"
    assert 'filename="ket-qua.txt"' in response.headers["Content-Disposition"]
