from django.urls import path

from motcua.jobs import views

app_name = "jobs"

urlpatterns = [
    path("", views.job_list, name="list"),
    path("<int:job_id>/", views.job_detail, name="detail"),
    path("<int:job_id>/tien-do/", views.job_progress, name="progress"),
    path("<int:job_id>/tep/", views.job_file, name="file"),
]
