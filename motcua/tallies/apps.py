from django.apps import AppConfig
from django.db.models.signals import post_migrate


class TalliesConfig(AppConfig):
    name = "motcua.tallies"
    verbose_name = "Số liệu cộng dồn theo tháng"

    def ready(self):
        from motcua.tallies.models import add_figure_columns
        from motcua.tallies.triggers import ensure_triggers

        add_figure_columns()
        # After every `migrate`: a later migration may have rebuilt a watched table (SQLite rebuilds a table to
        # add a stored generated column, say), which drops its triggers; they are put back.
        post_migrate.connect(ensure_triggers, sender=self, dispatch_uid="tallies-triggers")
