from django.contrib import admin, messages

from motcua.api.models import ApiToken
from motcua.api.tokens import revoke_tokens


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "name", "prefix", "created_at", "last_used_at", "revoked"]
    list_filter = ["revoked"]
    search_fields = ["user__username", "name", "prefix"]
    readonly_fields = ["user", "name", "prefix", "created_at", "last_used_at", "revoked", "revoked_at"]
    actions = ["revoke"]

    # Tokens are created by `motcua token create`, the only place that can show the token once.
    def has_add_permission(self, request):
        return False

    @admin.action(description="Thu hồi các mã đã chọn")
    def revoke(self, request, queryset):
        count = revoke_tokens(queryset)
        self.message_user(request, f"Đã thu hồi {count} mã truy cập.", messages.SUCCESS)
