from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "motcua.jobs"
    verbose_name = "Tác vụ chạy nền"
