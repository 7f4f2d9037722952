from django.contrib import admin
from django.urls import include, path

from motcua.api.main import api
from motcua.core import views as core_views

admin.site.site_header = "motcua — Quản trị hệ thống một cửa"
admin.site.site_title = "motcua"
admin.site.index_title = "Quản trị"

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("", include("motcua.forms.urls")),
    path("", include("motcua.portal.urls")),
    path("api/", api.urls),
]
