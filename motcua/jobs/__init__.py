"""Background jobs: long work started from the web, with progress the user watches.

Public API (used by the report-reading page and the administrators' data-load page):

    from motcua.jobs.execution import create_job, start_job, JobError

    # 1. One call when the work needs nothing but JSON arguments:
    job = start_job("bao-cao", request.user, "motcua.reports.tasks.build_report",
                    label="Lập báo cáo quý II", result_url_name="reports:built", unit_id=7, period="2026-Q2")

    # 2. Or in two steps when uploaded files must be stored first:
    job = create_job("nap-du-lieu", request.user, "motcua.administration.loads.load_files",
                     label="Nạp 3 tệp JSONL", result_url_name=None)
    stored = [job.save_input(f.name, f) for f in request.FILES.getlist("files")]  # storage names
    job.kwargs = {"files": stored}; job.save(update_fields=["kwargs"])
    job.start()

    return redirect(job)            # /tac-vu/<id>/ : progress bar, then the result

The work is a plain function named by its dotted path, called as `func(job, **kwargs)`:

    def load_files(job, *, files):
        for i, name in enumerate(files, start=1):
            job.progress(i - 1, len(files), f"Đang nạp tệp {i}/{len(files)}: {name}")
            with job.open_input(name) as stream:  # a binary file object from storage
                ...
        job.attach_file("ket-qua.xlsx", xlsx_bytes)   # optional result file (bytes or a File)
        return {"summary": "Đã nạp 1.234 bản ghi", "rows": 1234}  # JSON → job.result

- `Job` (motcua.jobs.models): kind, label, owner, status (Status.QUEUED/RUNNING/
  SUCCEEDED/FAILED), done, total, message, error, result (JSON), result_file
  (Django storage, under MEDIA_ROOT/jobs/<id>/), result_name, result_url,
  created/started/finished; `job.percent`, `job.finished_ok`, `job.is_finished`.
- `job.progress(done, total=None, message=None)` saves with one UPDATE; call it
  as often as you like (per file, per 1,000 rows).
- Whatever the function returns (JSON-serialisable, or None) becomes `job.result`;
  `result["summary"]`, when present, is shown on the progress page when done.
- `raise JobError("Vietnamese sentence")` fails the job with that message. Any
  other exception fails it with a generic Vietnamese message naming the
  exception type; the traceback goes to the "motcua.jobs" logger. Never a 500.
- `result_url_name`: a URL name taking the job id (e.g. "reports:reading-result");
  the progress page links to it when the job is done. `job.attach_file()` gives
  a download link `/tac-vu/<id>/tep/` (owner only).
- Pages: `/tac-vu/<id>/` (url "jobs:detail"), the fragment `/tac-vu/<id>/tien-do/`
  ("jobs:progress") polled by htmx every second until the job ends, the result
  file `/tac-vu/<id>/tep/` ("jobs:file"), the user's own jobs `/tac-vu/` ("jobs:list").
  Only the owner sees a job; anyone else gets 404.
- Embed the bar in your own page with
  `{% include "jobs/_progress.html" with job=job reload=True %}`: `reload=True`
  reloads the embedding page once the job ends (so it can show the result itself).

Running: `job.start()` queues a django-tasks task (motcua.jobs.tasks.run_job, stored by
django-tasks-db in the caller's transaction); a `motcua worker` process runs it, so a
job survives a restart of the web server and several workers may share the queue.
Each worker writes a heartbeat row; a job whose worker went silent for
MOTCUA_WORKER_STALE_SECONDS is marked failed ("tiến trình xử lý nền … đã dừng"), by the
other workers or the next time anyone looks at it (`motcua.jobs.workers.fail_stale_jobs`).
Work with no user and no progress page (the sweep, the coming national-portal delivery)
is a plain django-tasks `@task` (e.g. motcua.dossiers.tasks.sweep_due): `.enqueue()` it,
or give it a schedule in motcua.jobs.workers.SCHEDULES (name → task path, interval setting)
and the workers queue it once per interval.
Tests that want a job finished when `start()` returns set TASKS to django-tasks'
ImmediateBackend (tests.jobs.work.IMMEDIATE); tests/jobs/test_worker_process.py runs real workers.
"""
