"""The `motcua` console command: Django's management commands with motcua's settings preset."""

import os
import sys

# Commands that must not create the schema first (they manage it, or need no database).
# restore needs the target as it is: it refuses a non-empty one.
_NO_AUTO_MIGRATE = {"portal-sim", "payment-sim", "migrate", "makemigrations", "sqlmigrate", "showmigrations", "help", "version", "check", "shell", "restore"}


def ensure_schema() -> None:
    """Create or upgrade the database schema when migrations are pending."""
    from django.core.management import call_command
    from django.db import DEFAULT_DB_ALIAS, connections
    from django.db.migrations.executor import MigrationExecutor

    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    targets = executor.loader.graph.leaf_nodes()
    if executor.migration_plan(targets):
        call_command("migrate", interactive=False, verbosity=0)


def prepare_data_dir(data_dir, database) -> None:
    """Make the data directory private (0700) and the SQLite file 0600, existing installations included.

    Citizens' personal data live there (motcua/privacy/files.py).
    """
    from motcua.privacy.files import ensure_private_data_dir

    ensure_private_data_dir(data_dir, database)


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    argv[0] = "motcua"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")

    import django
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.DATA_DIR
    except ImproperlyConfigured as error:
        # A MOTCUA_* variable with a wrong value: one line naming it, exit status 1.
        print(f"motcua: {error}", file=sys.stderr)
        sys.exit(1)
    if not os.environ.get("DATABASE_URL"):
        prepare_data_dir(settings.DATA_DIR, settings.DATABASES["default"]["NAME"])
    django.setup()
    if len(argv) > 1 and not argv[1].startswith("-") and argv[1] not in _NO_AUTO_MIGRATE:
        ensure_schema()
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
