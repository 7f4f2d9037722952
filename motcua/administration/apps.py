from django.apps import AppConfig


class AdministrationConfig(AppConfig):
    name = "motcua.administration"
    verbose_name = "Quản trị danh mục, lịch làm việc và người dùng"
