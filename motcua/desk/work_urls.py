from django.urls import path

from motcua.desk import id_search, portal_filings, views

urlpatterns = [
    path("", views.home, name="home"),
    path("tiep-nhan/", views.intake, name="intake"),
    path("tiep-nhan/thu-tuc/", views.intake_procedures, name="intake_procedures"),
    path("tiep-nhan/thu-tuc/<int:pk>/", views.intake_procedure, name="intake_procedure"),
    path("tiep-nhan/bien-nhan/<str:code>/", views.receipt, name="receipt"),
    path("tiep-nhan/tu-choi/", views.counter_refusal, name="counter_refusal"),
    path("tiep-nhan/tu-choi/<int:pk>/", views.counter_refusal_done, name="counter_refusal_done"),
    path("ho-so/", views.worklist, name="worklist"),
    path("ho-so/xuat.xlsx", views.worklist_export, name="worklist_export"),
    path("ho-so-cong-quoc-gia/", portal_filings.filing_list, name="portal_filings"),
    path("ho-so-cong-quoc-gia/<int:pk>/", portal_filings.filing_detail, name="portal_filing"),
    path("ho-so-cong-quoc-gia/<int:pk>/tiep-nhan/", portal_filings.filing_accept, name="portal_filing_accept"),
    path("ho-so-cong-quoc-gia/<int:pk>/tu-choi/", portal_filings.filing_refuse, name="portal_filing_refuse"),
    path("tim-theo-so-dinh-danh/", id_search.id_number_search, name="id_number_search"),
]
