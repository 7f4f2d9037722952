from django.urls import path

from motcua.desk import dossier_views, queue_views

# Dossier codes hold dots and dashes (H56.20.03-230605-0001): <str:code>, never <slug:code>.
urlpatterns = [
    path("ho-so/<str:code>/", dossier_views.dossier_page, name="dossier"),
    path("ho-so/<str:code>/tep/<int:pk>/", dossier_views.attachment_download, name="dossier_attachment"),
    path("ho-so/<str:code>/<str:action>/", dossier_views.dossier_action, name="dossier_action"),
    path("phe-duyet/", queue_views.decision_queue, name="decision_queue"),
    path("phe-duyet/<str:code>/<str:action>/", queue_views.queue_action, name="queue_action"),
]
