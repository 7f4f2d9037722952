"""Set up Django for a benchmark: DATABASE_URL when given, else a throw-away SQLite home."""

import os
import shutil
import tempfile

_CREATED_HOMES: list[str] = []


def setup_django() -> None:
    """Configure and migrate the database the benchmark measures."""
    if not os.environ.get("DATABASE_URL") and "MOTCUA_HOME" not in os.environ:
        os.environ["MOTCUA_HOME"] = tempfile.mkdtemp(prefix="motcua-bench-")
        _CREATED_HOMES.append(os.environ["MOTCUA_HOME"])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    import django
    from django.conf import settings

    if not os.environ.get("DATABASE_URL"):
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def remove_created_homes() -> None:
    """Delete the temporary data directories setup_django made."""
    for home in _CREATED_HOMES:
        shutil.rmtree(home, ignore_errors=True)
