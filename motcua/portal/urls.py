from django.urls import path

from motcua.portal import views

app_name = "portal"

urlpatterns = [
    path("tra-cuu/", views.lookup, name="lookup"),
    path("tra-cuu/<str:code>/", views.status, name="status"),
]
