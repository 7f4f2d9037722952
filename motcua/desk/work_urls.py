from django.urls import path

from motcua.desk import views

urlpatterns = [
    path("", views.home, name="home"),
]
