from django.apps import AppConfig


class NationalPortalConfig(AppConfig):
    name = "motcua.nationalportal"
    label = "nationalportal"
    verbose_name = "Đồng bộ Cổng Dịch vụ công quốc gia"
