from django.urls import path

from motcua.reform import views

app_name = "reform"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.register_list, name="list"),
    path("<slug:slug>/them/", views.create, name="create"),
    path("<slug:slug>/<int:pk>/sua/", views.edit, name="edit"),
    path("<slug:slug>/<int:pk>/xoa/", views.delete, name="delete"),
    path("<slug:slug>/<int:pk>/lich-su/", views.history, name="history"),
    path("<slug:slug>/xuat.xlsx", views.export, name="export"),
    path("<slug:slug>/mau.xlsx", views.template, name="template"),
    path("<slug:slug>/nhap/", views.import_file, name="import"),
]
