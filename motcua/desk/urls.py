from django.urls import include, path

app_name = "desk"

# Two groups of pages, kept in their own modules: the officer's day (home,
# intake, worklists) and the dossier itself (page, actions, decision queue).
urlpatterns = [
    path("", include("motcua.desk.work_urls")),
    path("", include("motcua.desk.dossier_urls")),
]
