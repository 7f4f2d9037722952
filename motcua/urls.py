from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from motcua.accounts.oidc import CitizenCallbackView, CitizenSignInView, StaffLoginView, StaffSignInView
from motcua.api.main import api
from motcua.core import accounts, views as core_views
from motcua.jobs.health import healthz

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("dang-nhap/", StaffLoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", accounts.PasswordChangeView.as_view(), name="password_change"),
    # Citizens' sign-in through VNeID (OpenID Connect); the names are mozilla-django-oidc's.
    path("oidc/dang-nhap/", CitizenSignInView.as_view(), name="oidc_authentication_init"),
    path("oidc/can-bo/", StaffSignInView.as_view(), name="oidc_staff_init"),
    path("oidc/callback/", CitizenCallbackView.as_view(), name="oidc_authentication_callback"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("motcua.payments.urls")),
    path("can-bo/", include("motcua.desk.urls")),
    path("bao-cao/", include("motcua.reports.urls")),
    path("chi-so-766/", include("motcua.index766.urls")),
    path("cai-cach/", include("motcua.reform.urls")),
    path("quan-tri/truy-cap-du-lieu/", include("motcua.privacy.urls")),
    path("quan-tri/thong-bao/", include("motcua.notices.urls")),
    path("quan-tri/cong-dvc/", include("motcua.nationalportal.urls")),
    path("quan-tri/", include("motcua.administration.urls")),
    path("tac-vu/", include("motcua.jobs.urls")),
    path("", include("motcua.feedback.urls")),
    path("", include("motcua.forms.urls")),
    path("", include("motcua.portal.urls")),
    path("api/", api.urls),
]
