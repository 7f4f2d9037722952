from django.urls import path

from motcua.payments import views

app_name = "payments"

# Included at the site's root (motcua/urls.py), before the desk's urls.
urlpatterns = [
    path("can-bo/tiep-nhan/phi/<int:pk>/", views.intake_quote, name="intake_quote"),
    path("can-bo/ho-so/<str:code>/thanh-toan/<slug:action>/", views.desk_payment, name="desk_payment"),
    path("can-bo/bang-ke-tien-mat.xlsx", views.cash_list, name="cash_list"),
    path("thanh-toan/ho-so/<str:code>/", views.pay_online, name="pay_online"),
    path("thanh-toan/ket-qua/<str:reference>/", views.online_return, name="online_return"),
    path("thanh-toan/thong-bao/", views.online_callback, name="online_callback"),
]
