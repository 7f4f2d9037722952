from django.urls import path

from motcua.reports import views

# The report page (appendix, checks, narrative, entered values, downloads), the dashboard and its drill-down.
urlpatterns = [
    path("", views.report, name="report"),
    path("so-lieu-nhap/", views.save_entered_values, name="report_entered_values"),
    path("noi-dung/", views.save_section, name="report_section"),
    path("thong-tin-van-ban/", views.save_meta, name="report_meta"),
    path("tai-ve/<slug:kind>/", views.download, name="report_download"),
    path("lap/<slug:kind>/", views.build, name="report_build"),
    path("tep/<str:token>/", views.built_file, name="report_file"),
    path("bang-dieu-khien/", views.dashboard, name="dashboard"),
    path("chi-tiet/", views.drilldown_page, name="drilldown"),
]
