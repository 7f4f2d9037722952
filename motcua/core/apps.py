from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "motcua.core"
    verbose_name = "Hệ thống"

    def ready(self):
        from django.conf import settings

        from motcua.core.catalogs import ensure_compiled

        # Before any request activates a language: gettext reads the .mo files once per process.
        ensure_compiled(settings.BASE_DIR / "locale", settings.LOCALE_PATHS[0])
