from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from motcua.api.main import api
from motcua.core import accounts, views as core_views
from motcua.jobs.health import healthz

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("dang-nhap/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", accounts.PasswordChangeView.as_view(), name="password_change"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("can-bo/", include("motcua.desk.urls")),
    path("bao-cao/", include("motcua.reports.urls")),
    path("cai-cach/", include("motcua.reform.urls")),
    path("quan-tri/truy-cap-du-lieu/", include("motcua.privacy.urls")),
    path("quan-tri/cong-dvc/", include("motcua.nationalportal.urls")),
    path("quan-tri/", include("motcua.administration.urls")),
    path("tac-vu/", include("motcua.jobs.urls")),
    path("", include("motcua.feedback.urls")),
    path("", include("motcua.forms.urls")),
    path("", include("motcua.portal.urls")),
    path("api/", api.urls),
]
