from django.urls import path

from motcua.forms import views

app_name = "forms"

urlpatterns = [
    path("ho-so/<str:code>/bieu-mau/<slug:form>.pdf", views.dossier_form, name="dossier_form"),
    path("tu-choi-tiep-nhan/<int:pk>.pdf", views.counter_refusal_form, name="counter_refusal_form"),
    path("so-theo-doi.xlsx", views.register, name="register"),
]
