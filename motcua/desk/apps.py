from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "motcua.desk"
    verbose_name = "Bộ phận Một cửa (giao diện cán bộ)"
