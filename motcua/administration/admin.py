"""Django admin view of the administration history (read-only) and procedure fees."""

from django.contrib import admin

from motcua.administration.models import ChangeRecord, ProcedureFee


@admin.register(ChangeRecord)
class ChangeRecordAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "unit", "action", "object_repr"]
    list_filter = ["action", "object_kind"]
    search_fields = ["object_repr", "actor__username"]
    list_select_related = ["actor", "unit"]

    # History is written by the do_* functions only.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ProcedureFee)
class ProcedureFeeAdmin(admin.ModelAdmin):
    list_display = ["procedure", "text"]
    search_fields = ["procedure__code", "procedure__name"]
    raw_id_fields = ["procedure"]
