"""A background job (who started it, how far it got, what it produced), the workers' heartbeats, the schedules."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone


class Status(models.TextChoices):
    QUEUED = "queued", "Đang chờ"
    RUNNING = "running", "Đang chạy"
    SUCCEEDED = "succeeded", "Đã xong"
    FAILED = "failed", "Thất bại"


ACTIVE = (Status.QUEUED, Status.RUNNING)


def _result_path(job: "Job", filename: str) -> str:
    return f"jobs/{job.pk}/{filename}"


class Job(models.Model):
    kind = models.CharField("loại", max_length=40)
    label = models.CharField("tên tác vụ", max_length=200, blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs", verbose_name="người chạy")
    func_path = models.CharField("hàm thực hiện", max_length=200)
    kwargs = models.JSONField("tham số", default=dict, blank=True)
    status = models.CharField("trạng thái", max_length=16, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField("đã xong", default=0)
    total = models.PositiveIntegerField("tổng", default=0)
    message = models.CharField("thông báo", max_length=300, blank=True)
    error = models.TextField("lỗi", blank=True)
    result = models.JSONField("kết quả", null=True, blank=True)
    result_file = models.FileField("tệp kết quả", upload_to=_result_path, max_length=300, blank=True)
    result_name = models.CharField("tên tệp kết quả", max_length=200, blank=True)
    result_url = models.CharField("trang kết quả", max_length=300, blank=True)
    # The queued task (django-tasks-db DBTaskResult id) and the worker running it (WorkerBeat.worker_id).
    task_id = models.CharField("mã tác vụ trong hàng đợi", max_length=64, blank=True)
    runner = models.CharField("tiến trình chạy", max_length=80, blank=True)
    created = models.DateTimeField("tạo lúc", default=timezone.now)
    started = models.DateTimeField("bắt đầu", null=True, blank=True)
    finished = models.DateTimeField("kết thúc", null=True, blank=True)
    heartbeat = models.DateTimeField("cập nhật lần cuối", null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["owner", "kind", "-created"])]
        verbose_name = "tác vụ"
        verbose_name_plural = "tác vụ"

    def __str__(self) -> str:
        return f"{self.label or self.kind} #{self.pk} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("jobs:detail", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in (Status.SUCCEEDED, Status.FAILED)

    @property
    def finished_ok(self) -> bool:
        return self.status == Status.SUCCEEDED

    @property
    def percent(self) -> int:
        """Return progress in whole percent; a finished job is at 100."""
        if self.status == Status.SUCCEEDED:
            return 100
        if not self.total:
            return 0
        return min(100, self.done * 100 // self.total)

    @property
    def summary(self) -> str:
        return self.result.get("summary", "") if isinstance(self.result, dict) else ""

    def progress(self, done: int, total: int | None = None, message: str | None = None) -> None:
        """Save how far the job got with one UPDATE, keeping this instance in step."""
        fields = {"done": max(0, int(done)), "heartbeat": timezone.now()}
        if total is not None:
            fields["total"] = max(0, int(total))
        if message is not None:
            fields["message"] = message[:300]
        Job.objects.filter(pk=self.pk).update(**fields)
        for name, value in fields.items():
            setattr(self, name, value)

    def attach_file(self, filename: str, content) -> None:
        """Store the job's result file (bytes or a Django File) in the default storage."""
        from django.core.files.base import ContentFile

        if isinstance(content, (bytes, bytearray)):
            content = ContentFile(bytes(content))
        if self.result_file:
            self.result_file.delete(save=False)
        self.result_file.save(filename, content, save=False)
        self.result_name = filename
        Job.objects.filter(pk=self.pk).update(result_file=self.result_file.name, result_name=filename)

    def save_input(self, filename: str, content) -> str:
        """Store an input file (an upload) under jobs/<id>/input/ and return its storage name."""
        from django.core.files.base import ContentFile
        from django.core.files.storage import default_storage
        from django.utils.text import get_valid_filename

        if isinstance(content, (bytes, bytearray)):
            content = ContentFile(bytes(content))
        safe = get_valid_filename(filename.replace("/", "_").replace("\\", "_")) or "tep"
        return default_storage.save(f"jobs/{self.pk}/input/{safe}", content)

    def open_input(self, storage_name: str):
        """Open a stored input file for reading (binary); only this job's own inputs."""
        from django.core.files.storage import default_storage

        if not storage_name.startswith(f"jobs/{self.pk}/input/"):
            raise ValueError(f"{storage_name} is not an input of job {self.pk}")
        return default_storage.open(storage_name, "rb")

    @property
    def waiting_for_worker(self) -> bool:
        """Tell whether the job waits in the queue while no worker reports in."""
        from motcua.jobs.workers import WorkerState, worker_state

        return self.status == Status.QUEUED and worker_state() != WorkerState.OK

    def start(self) -> "Job":
        """Queue the job for `motcua worker` (in the caller's transaction); return it fresh."""
        from motcua.jobs.execution import enqueue

        return enqueue(self)


class WorkerBeat(models.Model):
    """One running `motcua worker` process, rewritten every MOTCUA_WORKER_BEAT_SECONDS."""

    worker_id = models.CharField("mã tiến trình", max_length=64, unique=True)
    host = models.CharField("máy", max_length=200)
    pid = models.PositiveIntegerField("số hiệu tiến trình")
    started = models.DateTimeField("khởi động lúc", default=timezone.now)
    last_seen = models.DateTimeField("báo lần cuối", default=timezone.now)

    class Meta:
        verbose_name = "tiến trình xử lý nền"
        verbose_name_plural = "tiến trình xử lý nền"

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.host}, {self.pid})"


class Schedule(models.Model):
    """When a periodic task (the sweep) is next due; the workers advance it with a compare-and-set."""

    name = models.CharField("tên", max_length=40, unique=True)
    next_run = models.DateTimeField("lần chạy tới")
    last_run = models.DateTimeField("lần chạy trước", null=True, blank=True)
    runs = models.PositiveIntegerField("số lần đã xếp hàng", default=0)

    class Meta:
        verbose_name = "lịch chạy định kỳ"
        verbose_name_plural = "lịch chạy định kỳ"

    def __str__(self) -> str:
        return self.name
