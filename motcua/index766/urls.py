from django.urls import path

from motcua.index766 import views

app_name = "index766"

urlpatterns = [
    path("", views.index_page, name="page"),
    path("tai-ve.xlsx", views.index_xlsx, name="xlsx"),
    path("chi-tiet/", views.drill_page, name="drill"),
]
