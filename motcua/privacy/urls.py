from django.urls import path

from motcua.privacy import views

app_name = "privacy"

urlpatterns = [
    path("", views.access_log, name="access_log"),
]
