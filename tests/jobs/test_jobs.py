"""Background jobs: progress, results, failures, orphans and the owner-only pages."""

import datetime as dt
import threading

import pytest
from django.utils import timezone

from motcua.jobs import runner
from motcua.jobs.models import Job, Status
from motcua.jobs.runner import STALE_MESSAGE, create_job, fail_stale_jobs, start_job
from tests.factories import make_tree, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def inline(settings):
    settings.MOTCUA_JOBS_INLINE = True


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


def test_thread_mode_starts_a_daemon_thread_once_the_transaction_commits(officer, settings, django_capture_on_commit_callbacks):
    settings.MOTCUA_JOBS_INLINE = False
    job = create_job("doc", officer, "tests.jobs.work.count_files", names=["a", "b"])
    seen = []
    real_execute = runner.execute
    finished = threading.Event()

    def spy(job_id):
        seen.append(threading.current_thread().name)
        finished.set()

    runner.execute = spy
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            job.start()
        # Nothing runs before the commit: the thread's own connection could not see the row.
        assert not finished.is_set() and len(callbacks) == 1
        callbacks[0]()
        assert finished.wait(5)
    finally:
        runner.execute = real_execute
    assert seen == [f"motcua-job-{job.pk}"]


def test_orphaned_jobs_are_failed_on_next_look(officer):
    dead_here = create_job("doc", officer, "tests.jobs.work.count_files", names=[])
    Job.objects.filter(pk=dead_here.pk).update(status=Status.RUNNING, runner=f"{runner.socket.gethostname()}|999999999|abcd")
    # This process's own token, but no thread for it: the thread died with an earlier incarnation.
    lost_thread = create_job("doc", officer, "tests.jobs.work.count_files", names=[])
    Job.objects.filter(pk=lost_thread.pk).update(status=Status.RUNNING, runner=runner.PROCESS_TOKEN)
    far_away = create_job("doc", officer, "tests.jobs.work.count_files", names=[])
    recent = timezone.now() - dt.timedelta(minutes=5)
    Job.objects.filter(pk=far_away.pk).update(status=Status.RUNNING, runner="other-host|12|abcd", heartbeat=recent)
    silent = create_job("doc", officer, "tests.jobs.work.count_files", names=[])
    old = timezone.now() - dt.timedelta(hours=3)
    Job.objects.filter(pk=silent.pk).update(status=Status.RUNNING, runner="other-host|12|abcd", heartbeat=old)
    finished = create_job("doc", officer, "tests.jobs.work.count_files", names=[])
    Job.objects.filter(pk=finished.pk).update(status=Status.SUCCEEDED, runner="other-host|12|abcd", heartbeat=old)

    assert fail_stale_jobs() == 3
    status = dict(Job.objects.values_list("pk", "status"))
    assert status == {
        dead_here.pk: Status.FAILED,
        lost_thread.pk: Status.FAILED,
        far_away.pk: Status.RUNNING,
        silent.pk: Status.FAILED,
        finished.pk: Status.SUCCEEDED,
    }
    assert Job.objects.get(pk=silent.pk).error == STALE_MESSAGE


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
    job = create_job("doc", officer, "tests.jobs.work.count_files", names=[])
    Job.objects.filter(pk=job.pk).update(status=Status.RUNNING, runner=runner.PROCESS_TOKEN)
    runner._live.add(job.pk)
    try:
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
    finally:
        runner._live.discard(job.pk)


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
