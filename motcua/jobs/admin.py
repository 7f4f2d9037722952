from django.contrib import admin

from motcua.jobs.models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("id", "label", "kind", "owner", "status", "done", "total", "created", "finished")
    list_filter = ("status", "kind")
    search_fields = ("label", "owner__username")
    readonly_fields = [field.name for field in Job._meta.fields]

    def has_add_permission(self, request):
        return False
