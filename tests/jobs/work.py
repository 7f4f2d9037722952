"""Job functions the tests start by dotted path."""

from motcua.jobs.execution import JobError


def count_files(job, *, names):
    """Report progress per name and return how many there were."""
    for i, name in enumerate(names, start=1):
        job.progress(i, len(names), f"Đang đọc tệp {i}/{len(names)}: {name}")
    return {"summary": f"Đã đọc {len(names)} tệp", "count": len(names)}


def write_file(job, *, text):
    """Attach a small text file as the result."""
    job.attach_file("ket-qua.txt", text.encode("utf-8"))
    return {"summary": "Đã ghi tệp"}


def refuse(job):
    """Fail with a message meant for the user."""
    job.progress(1, 4, "Đang kiểm tra")
    raise JobError("Tệp thứ hai không phải báo cáo CCHC")


def crash(job):
    """Fail the way a bug does."""
    return {"ratio": 1 / 0}


def read_input(job, *, name):
    """Return the length of a stored input file."""
    with job.open_input(name) as stream:
        return {"length": len(stream.read())}


def step_slowly(job, *, steps):
    """Take `steps` steps of 1.2 seconds each, slow enough for a browser to watch."""
    import time

    for step in range(1, steps + 1):
        job.progress(step - 1, steps, f"Bước {step}/{steps}")
        time.sleep(1.2)
    return {"summary": f"Xong {steps} bước"}


# django-tasks' own synchronous backend: `job.start()` runs the job before it returns.
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}


def wait_for_gate(job, *, gate):
    """Report step 1 of 2, then wait until the file `gate` exists (a test opens it), then finish."""
    import os
    import time

    job.progress(1, 2, "Bước 1/2")
    while not os.path.exists(gate):
        time.sleep(0.05)
    job.progress(2, 2, "Bước 2/2")
    return {"summary": "Xong 2 bước"}


def mark_once(job, *, folder):
    """Create `folder/<job id>` exclusively: a job run twice fails on the second run."""
    import os

    with open(os.path.join(folder, str(job.pk)), "x") as stream:
        stream.write(str(os.getpid()))
    return {"pid": os.getpid()}
