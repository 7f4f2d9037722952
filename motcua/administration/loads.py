"""Data loads from the administration pages: a JSON Lines upload loaded by a background job, all or nothing.

The job first counts the file's lines (progress visible), then checks and
loads them in one transaction (motcua.exchange.loading.load_jsonl). Inside
that transaction the job's progress rows cannot be seen by other connections,
so the page shows an indeterminate bar with the number of lines being loaded.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_noop

from motcua.administration.access import home_unit, record_change
from motcua.exchange.loading import load_jsonl
from motcua.jobs.execution import JobError, create_job

JOB_KIND = "nap-du-lieu"
KIND_LABELS = {"units": "đơn vị hành chính", "procedures": "thủ tục hành chính", "dossiers": "hồ sơ"}
# Jobs store their texts in Vietnamese; motcua.jobs.display shows these in the reader's language.
_LABELS = {
    "units": gettext_noop("Nạp đơn vị hành chính từ tệp %(name)s"),
    "procedures": gettext_noop("Nạp thủ tục hành chính từ tệp %(name)s"),
    "dossiers": gettext_noop("Nạp hồ sơ từ tệp %(name)s"),
}
# A file with thousands of bad lines: the page lists this many, then says how many more.
MAX_ERRORS_SHOWN = 1000
_COUNT_EVERY = 20_000


def may_load(user) -> bool:
    """Tell whether a user may load files: superusers only, as a file may name any unit of the country."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_superuser)


def start_load(user, kind: str, upload):
    """Store the upload and start the job that loads it; return the job."""
    if not may_load(user):
        raise PermissionDenied("Chỉ quản trị hệ thống được nạp dữ liệu.")
    if kind not in KIND_LABELS:
        raise ValueError(f"unknown kind {kind!r}")
    job = create_job(
        JOB_KIND,
        user,
        "motcua.administration.loads.run_load",
        label=(_LABELS[kind] % {"name": upload.name})[:200],
        result_url_name="administration:load_result",
    )
    stored = job.save_input(upload.name, upload)
    job.kwargs = {"kind": kind, "file": stored, "name": upload.name}
    job.save(update_fields=["kwargs"])
    return job.start()


def run_load(job, *, kind: str, file: str, name: str = "") -> dict:
    """Count the lines of the stored file, then load it; return the counts or every bad line."""
    job.progress(0, 0, gettext_noop("Đang đọc tệp…"))
    lines = 0
    with job.open_input(file) as stream:
        for lines, _ in enumerate(stream, 1):
            if lines % _COUNT_EVERY == 0:
                job.progress(0, 0, gettext_noop("Đang đọc tệp: %(lines)s dòng…") % {"lines": _count(lines)})
    if lines == 0:
        raise JobError(gettext_noop("Tệp rỗng: không có dòng nào để nạp."))
    job.progress(
        0, 0, gettext_noop("Đang kiểm tra và nạp %(lines)s dòng (tất cả hoặc không dòng nào)…") % {"lines": _count(lines)}
    )
    with job.open_input(file) as stream:
        report = load_jsonl(kind, stream)
    result = {
        "kind": kind,
        "name": name,
        "lines": lines,
        "ok": report.ok,
        "created": report.created,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "errors": [f"dòng {n}: {reason}" if n else reason for n, reason in report.errors[:MAX_ERRORS_SHOWN]],
        "more_errors": max(0, len(report.errors) - MAX_ERRORS_SHOWN),
        "summary": _sentence(report),
    }
    if not report.ok:
        job.progress(lines, lines, gettext_noop("Đã kiểm tra %(lines)s dòng: có lỗi, không nạp dòng nào.") % {"lines": _count(lines)})
    else:
        job.progress(lines, lines, gettext_noop("Đã nạp xong %(lines)s dòng.") % {"lines": _count(lines)})
        record_change(
            job.owner,
            home_unit(job.owner),
            job,
            f"nạp {KIND_LABELS[kind]}",
            {"file": name, "created": report.created, "updated": report.updated, "unchanged": report.unchanged},
            kind="load",
        )
    return result


def _count(number: int) -> str:
    """Return a count as Vietnamese write it: 20000 → "20.000"."""
    return f"{number:,}".replace(",", ".")


def _sentence(report) -> str:
    summary = report.summary()
    return summary[:1].upper() + summary[1:] + "."
