from django.urls import path

from motcua.feedback import views

app_name = "feedback"

urlpatterns = [
    path("phan-anh/", views.send, name="send"),
    path("phan-anh/theo-doi/", views.track_lookup, name="track_lookup"),
    path("phan-anh/<str:tracking>/", views.track, name="track"),
    # Staff pages live under /can-bo/ with the desk's, but belong to this app.
    path("can-bo/phan-anh/", views.staff_list, name="staff_list"),
    path("can-bo/phan-anh/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("can-bo/phan-anh/<int:pk>/tiep-nhan/", views.staff_take_up, name="staff_take_up"),
    path("can-bo/phan-anh/<int:pk>/tra-loi/", views.staff_answer, name="staff_answer"),
]
