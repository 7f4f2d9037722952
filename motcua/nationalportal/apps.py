from django.apps import AppConfig


class NationalPortalConfig(AppConfig):
    name = "motcua.nationalportal"
    label = "nationalportal"
    verbose_name = "Đồng bộ Cổng Dịch vụ công quốc gia"

    def ready(self):
        # Every event of a dossier writes the national portal's message of the new state in the event's
        # own transaction.
        from motcua.dossiers.events import dossier_event_recorded
        from motcua.nationalportal.outbox import on_event_recorded

        dossier_event_recorded.connect(on_event_recorded, dispatch_uid="nationalportal-outbox")
