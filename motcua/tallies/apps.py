from django.apps import AppConfig


class TalliesConfig(AppConfig):
    name = "motcua.tallies"
    verbose_name = "Số liệu cộng dồn theo tháng"

    def ready(self):
        from motcua.tallies.models import add_figure_columns

        add_figure_columns()
