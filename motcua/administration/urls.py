from django.urls import path

from motcua.administration import procedure_views, views

app_name = "administration"

urlpatterns = [
    path("", views.index, name="index"),
    path("lich-su/", views.history, name="history"),
    path("thu-tuc/", procedure_views.procedure_list, name="procedure_list"),
    path("thu-tuc/them/", procedure_views.procedure_create, name="procedure_create"),
    path("thu-tuc/<int:pk>/", procedure_views.procedure_edit, name="procedure_edit"),
    path("thu-tuc/<int:pk>/sao-chep/", procedure_views.procedure_copy, name="procedure_copy"),
    path("linh-vuc/", views.field_list, name="field_list"),
    path("linh-vuc/<int:pk>/", views.field_edit, name="field_edit"),
    path("lich/", views.calendar_page, name="calendar"),
    path("lich/khai-bao/", views.declare_day, name="declare_day"),
    path("lich/ngay/<int:pk>/xoa/", views.remove_declared_day, name="remove_declared_day"),
    path("lich/gio-lam-viec/<int:unit_pk>/", views.work_schedule, name="work_schedule"),
    path("nguoi-dung/", views.user_list, name="user_list"),
    path("nguoi-dung/them/", views.user_create, name="user_create"),
    path("nguoi-dung/<int:pk>/", views.user_edit, name="user_edit"),
    path("nguoi-dung/<int:pk>/trang-thai/", views.user_set_active, name="user_set_active"),
    path("nap-du-lieu/", views.load_data, name="load"),
    path("nap-du-lieu/<int:job_id>/", views.load_result, name="load_result"),
]
