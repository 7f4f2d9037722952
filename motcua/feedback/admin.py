from django.contrib import admin

from motcua.feedback.models import Feedback, FeedbackEvent


class FeedbackEventInline(admin.TabularInline):
    model = FeedbackEvent
    extra = 0
    can_delete = False
    readonly_fields = ["at", "actor", "verb", "from_status", "to_status", "data"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    """Read-only: feedback changes only through motcua.feedback.actions, which write its history."""

    list_display = ["tracking_code", "kind", "subject", "unit", "status", "created_at"]
    list_filter = ["status", "kind"]
    search_fields = ["tracking_code", "subject"]
    inlines = [FeedbackEventInline]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
