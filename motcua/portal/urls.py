from django.urls import path

from motcua.portal import citizen, public, results, stop, submit, views

app_name = "portal"

urlpatterns = [
    path("tra-cuu/", views.lookup, name="lookup"),
    path("tra-cuu/<str:code>/", views.status, name="status"),
    path("tra-cuu/<str:code>/ket-qua.pdf", results.result_download, name="result"),
    path("danh-gia/<str:code>/", views.rate, name="rate"),
    path("dung-xu-ly/<str:code>/", stop.stop, name="stop"),
    path("danh-gia/<str:code>/da-gui/", views.rated, name="rated"),
    path("nop-truc-tuyen/", submit.submit, name="submit"),
    path("nop-truc-tuyen/xac-minh/", submit.proof, name="proof"),
    path("nop-truc-tuyen/thu-tuc/", submit.procedures, name="procedures"),
    path("nop-truc-tuyen/phi/<int:pk>/", submit.fee_quote, name="fee_quote"),
    path("nop-truc-tuyen/da-nop/<str:code>/", submit.receipt, name="receipt"),
    path("nop-truc-tuyen/da-nop/<str:code>/giay-tiep-nhan.pdf", submit.receipt_pdf, name="receipt_pdf"),
    path("cong-dan/dang-nhap/", citizen.sign_in, name="citizen_sign_in"),
    path("cong-dan/dang-xuat/", citizen.sign_out, name="citizen_sign_out"),
    path("cong-dan/ho-so/", citizen.my_dossiers, name="citizen_dossiers"),
    path("cong-dan/ho-so/<str:code>/", citizen.my_dossier, name="citizen_dossier"),
    path("cong-khai/", public.disclosure, name="disclosure"),
    path("thong-ke/", public.statistics, name="statistics"),
]
