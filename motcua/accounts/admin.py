"""Admin pages (in Vietnamese) for users, with their unit and role."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from motcua.accounts.models import User

_WORK = ("Đơn vị và vai trò", {"fields": ("unit", "role", "title")})
# The certificate's password is never typed here: only the name of the server's environment variable holding it.
_SIGNING = ("Chứng thư số ký kết quả", {"fields": ("signing_p12", "signing_password_env")})


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (DjangoUserAdmin.fieldsets[0], _WORK, _SIGNING, *DjangoUserAdmin.fieldsets[1:])
    add_fieldsets = (*DjangoUserAdmin.add_fieldsets, _WORK)
    list_display = ["username", "full_name", "unit", "role", "is_staff", "is_superuser", "is_active"]
    list_filter = ["role", ("unit", admin.RelatedOnlyFieldListFilter), "is_staff", "is_superuser", "is_active"]
    search_fields = ["username", "first_name", "last_name", "email", "unit__name", "unit__code"]
    list_select_related = ["unit"]
    autocomplete_fields = ["unit"]

    @admin.display(description="họ và tên", ordering="last_name")
    def full_name(self, obj):
        # Vietnamese order: family and middle names (last_name) before the given name.
        return " ".join(part for part in (obj.last_name, obj.first_name) if part)
