"""Pages of a background job: its progress (full page and htmx fragment), its result file, the user's own jobs."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from motcua.jobs.models import Job
from motcua.jobs.workers import fail_stale_jobs


def own_job(request, job_id: int, kind: str | None = None) -> Job:
    """Return the request user's job, fresh and with an orphaned run marked failed; anyone else's is 404."""
    filters = {"pk": job_id, "owner_id": request.user.pk}
    if kind:
        filters["kind"] = kind
    job = get_object_or_404(Job, **filters)
    if fail_stale_jobs(Job.objects.filter(pk=job.pk)):
        job.refresh_from_db()
    return job


@login_required
@require_GET
def job_list(request):
    """List the user's own jobs, newest first."""
    jobs = Job.objects.filter(owner=request.user)
    fail_stale_jobs(jobs)
    return render(request, "jobs/list.html", {"jobs": jobs[:50]})


@login_required
@require_GET
def job_detail(request, job_id: int):
    """Show a job's progress bar, then its outcome."""
    job = own_job(request, job_id)
    return render(request, "jobs/detail.html", {"job": job})


@login_required
@require_GET
def job_progress(request, job_id: int):
    """Return the progress fragment htmx polls; with ?reload=1 a finished job reloads the embedding page."""
    job = own_job(request, job_id)
    reload = request.GET.get("reload") == "1"
    response = render(request, "jobs/_progress.html", {"job": job, "reload": reload})
    if reload and job.is_finished:
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_GET
def job_file(request, job_id: int):
    """Send the job's result file as a download."""
    job = own_job(request, job_id)
    if not job.result_file:
        raise Http404("tác vụ không có tệp kết quả")
    try:
        stream = job.result_file.open("rb")
    except FileNotFoundError:
        raise Http404("tệp kết quả không còn") from None
    return FileResponse(stream, as_attachment=True, filename=job.result_name or job.result_file.name.rsplit("/", 1)[-1])


__all__ = ["own_job", "job_list", "job_detail", "job_progress", "job_file"]
