from django.urls import path

from motcua.reports import reading_views

# Reading reports units already wrote (issue 7): under /bao-cao/, names in the "reports" namespace.
urlpatterns = [
    path("doc/", reading_views.reading_upload, name="reading"),
    path("doc/<int:job_id>/", reading_views.reading_result, name="reading-result"),
    path("doc/<int:job_id>/tong-hop.xlsx", reading_views.reading_summary, name="reading-summary"),
]
