from django.urls import path

from motcua.nationalportal import views

app_name = "nationalportal"
urlpatterns = [
    path("", views.sync_page, name="sync"),
    path("gui-lai/", views.requeue_view, name="requeue"),
]
