from django.apps import AppConfig


class ReformConfig(AppConfig):
    name = "motcua.reform"
    verbose_name = "Sổ theo dõi cải cách hành chính"
