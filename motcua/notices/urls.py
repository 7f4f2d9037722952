from django.urls import path

from motcua.notices import views

app_name = "notices"

urlpatterns = [
    path("", views.failed_list, name="failed"),
    path("<int:pk>/gui-lai/", views.resend, name="resend"),
]
