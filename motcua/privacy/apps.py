from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "motcua.privacy"
    verbose_name = "Bảo vệ dữ liệu cá nhân"
