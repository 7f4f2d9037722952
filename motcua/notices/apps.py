from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "motcua.notices"
    verbose_name = "Thông báo cho người nộp"

    def ready(self):
        from motcua.dossiers.events import dossier_event_committed
        from motcua.notices.sending import on_event_committed

        dossier_event_committed.connect(on_event_committed, dispatch_uid="motcua.notices")
