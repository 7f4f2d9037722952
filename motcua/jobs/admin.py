from django.contrib import admin

from motcua.jobs.models import Job, Schedule, WorkerBeat


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]


@admin.register(Job)
class JobAdmin(ReadOnlyAdmin):
    list_display = ("id", "label", "kind", "owner", "status", "done", "total", "runner", "created", "finished")
    list_filter = ("status", "kind")
    search_fields = ("label", "owner__username")


@admin.register(WorkerBeat)
class WorkerBeatAdmin(ReadOnlyAdmin):
    list_display = ("worker_id", "host", "pid", "started", "last_seen")


@admin.register(Schedule)
class ScheduleAdmin(ReadOnlyAdmin):
    list_display = ("name", "next_run", "last_run", "runs")
