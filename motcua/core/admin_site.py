"""Django's admin, for the installation's superusers only.

The admin saves rows directly: no row lock, no version, no event in the
dossier's history, no scoping to the user's units. motcua's own pages do all
of that, so the admin is kept for the one person who installs and repairs the
system (a superuser), never for the staff roles, whatever their permissions.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class SuperusersOnlyAdminSite(admin.AdminSite):
    site_header = "motcua — Quản trị hệ thống một cửa"
    site_title = "motcua"
    index_title = "Quản trị"

    def has_permission(self, request):
        user = request.user
        return bool(user.is_active and user.is_superuser)


class SuperusersOnlyAdminConfig(AdminConfig):
    default_site = "motcua.core.admin_site.SuperusersOnlyAdminSite"
