"""The page that reads reports units already wrote: upload, watch the reading, see breaches, download the workbook."""

from __future__ import annotations

import datetime as dt
from functools import wraps

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from motcua.jobs.execution import create_job
from motcua.core.forms import CleanTextMixin
from motcua.jobs.models import Job
from motcua.jobs.views import own_job
from motcua.jobs.workers import fail_stale_jobs
from motcua.lib.periods import parse_period
from motcua.reports.reading import (
    JOB_FUNCTION,
    JOB_KIND,
    MAX_FILES,
    SUFFIXES,
    UploadRefused,
    check_report_upload,
    max_upload_bytes,
    may_read_reports,
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class ReportFilesField(forms.FileField):
    """Several files in one field; each is checked by content and size, every refusal listed."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, (list, tuple)) else [data]) if f]
        if not files:
            raise forms.ValidationError(
                gettext("Hãy chọn ít nhất một tệp báo cáo (.pdf, .docx hoặc .txt)."), code="required"
            )
        if len(files) > MAX_FILES:
            raise forms.ValidationError(
                gettext("Mỗi lần đọc tối đa %(limit)s tệp; đã chọn %(count)s tệp.")
                % {"limit": MAX_FILES, "count": len(files)},
                code="too_many",
            )
        refusals = []
        for upload in files:
            try:
                check_report_upload(upload)
            except UploadRefused as refused:
                refusals.append(forms.ValidationError(str(refused), code="refused"))
        if refusals:
            raise forms.ValidationError(refusals)
        return files


def _recent_periods(today: dt.date) -> list[str]:
    """Return the labels a user most likely wants: the last four quarters, the halves and years around today."""
    labels = []
    year, quarter = today.year, (today.month - 1) // 3 + 1
    for _quarter in range(4):
        quarter -= 1
        if quarter == 0:
            year, quarter = year - 1, 4
        labels.append(f"{year}-Q{quarter}")
    labels += [f"{today.year}-H1", f"{today.year - 1}-H2", f"{today.year - 1}-9M", str(today.year - 1)]
    return labels


class ReadingForm(CleanTextMixin, forms.Form):
    files = ReportFilesField(
        label=_("Các tệp báo cáo"),
        help_text=_("Tệp .pdf, .docx hoặc .txt; mỗi tệp tối đa %(mb)s MB, tối đa %(limit)s tệp."),
        widget=MultipleFileInput(attrs={"accept": ",".join(SUFFIXES)}),
    )
    period = forms.CharField(
        label=_("Kỳ báo cáo"),
        max_length=40,
        help_text=_("Ví dụ: 2023-Q2 (quý II), 2023-H1 (6 tháng đầu năm), 2023-9M, 2023."),
        widget=forms.TextInput(attrs={"list": "ky-bao-cao", "autocomplete": "off"}),
        error_messages={"required": _("Hãy nhập kỳ báo cáo, ví dụ 2023-Q2.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mb = max_upload_bytes() / (1024 * 1024)
        self.fields["files"].help_text = gettext(
            "Tệp .pdf, .docx hoặc .txt; mỗi tệp tối đa %(mb)s MB, tối đa %(limit)s tệp."
        ) % {"mb": f"{mb:g}", "limit": MAX_FILES}

    def clean_period(self) -> str:
        text = self.cleaned_data["period"].strip()
        # Reports name their period as a quarter, half, nine months or year; a date range would match none of them.
        if ".." in text:
            raise forms.ValidationError(gettext(
                "Báo cáo của các đơn vị ghi kỳ theo quý, 6 tháng, 9 tháng hoặc năm; hãy chọn một kỳ như 2023-Q2, "
                "không chọn khoảng ngày."
            ))
        try:
            return parse_period(text.upper()).label
        except ValueError as error:
            raise forms.ValidationError(
                gettext("Kỳ báo cáo không hợp lệ: %(text)s (dùng 2023-Q2, 2023-H1, 2023-9M hoặc 2023).")
                % {"text": text}
            ) from error


def readers_only(view):
    """Send anonymous users to the login page; refuse (403) everyone but oversight officers and administrators."""

    @login_required
    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not may_read_reports(request.user):
            # Our own page rather than PermissionDenied: the refusal is read in Vietnamese, in the layout.
            return render(request, "reports/reading/forbidden.html", status=403)
        return view(request, *args, **kwargs)

    return guarded


@readers_only
@require_http_methods(["GET", "POST"])
def reading_upload(request):
    """Show the upload form and this user's earlier readings; a valid post starts the reading job."""
    if request.method == "POST":
        form = ReadingForm(request.POST, request.FILES)
        if form.is_valid():
            job = _start_reading(request.user, form.cleaned_data["files"], form.cleaned_data["period"])
            return redirect("reports:reading-result", job_id=job.pk)
        status = 400
    else:
        form = ReadingForm(initial={"period": _recent_periods(timezone.localdate())[0]})
        status = 200
    earlier = Job.objects.filter(owner=request.user, kind=JOB_KIND)
    fail_stale_jobs(earlier)
    context = {"form": form, "earlier": earlier[:20], "periods": _recent_periods(timezone.localdate())}
    return render(request, "reports/reading/upload.html", context, status=status)


def _start_reading(user, files, period: str) -> Job:
    count = len(files)
    job = create_job(
        JOB_KIND, user, JOB_FUNCTION,
        label=f"Đọc {count} báo cáo kỳ {period}", result_url_name="reports:reading-result", files=[], period=period,
    )
    # The index prefix keeps two uploads of one name apart in storage.
    stored = []
    for index, upload in enumerate(files, start=1):
        upload.seek(0)
        name = upload.name.replace("\\", "/").rsplit("/", 1)[-1]
        stored.append({"name": name, "stored": job.save_input(f"{index:02d}/{name}", upload)})
    job.kwargs = {"files": stored, "period": period}
    job.save(update_fields=["kwargs"])
    return job.start()


@readers_only
@require_GET
def reading_result(request, job_id: int):
    """Show a reading's progress while it runs, then one row per file with its breaches."""
    job = own_job(request, job_id, kind=JOB_KIND)
    result = job.result if isinstance(job.result, dict) else {}
    return render(request, "reports/reading/result.html", {"job": job, "result": result, "files": result.get("files", [])})


@readers_only
@require_GET
def reading_summary(request, job_id: int):
    """Send the district workbook the reading produced."""
    job = own_job(request, job_id, kind=JOB_KIND)
    if not job.finished_ok or not job.result_file:
        raise Http404(gettext("chưa có bảng tổng hợp"))
    return FileResponse(job.result_file.open("rb"), as_attachment=True, filename=job.result_name)
