from django.urls import include, path

app_name = "reports"

# The report page and dashboards; reading reports units already wrote.
urlpatterns = [
    path("", include("motcua.reports.report_urls")),
    path("", include("motcua.reports.reading_urls")),
]
