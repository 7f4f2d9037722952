"""The data directory and the embedded database hold citizens' personal data: private to the account running motcua."""

from __future__ import annotations

import os
from pathlib import Path


def ensure_private_data_dir(directory: str | Path, database: str | Path | None = None) -> Path:
    """Create `directory` (0700) if needed and make it and the SQLite file in it private (0600).

    Applied also to an existing directory, so an installation made before this
    check becomes private at its next start. A database file that does not
    exist yet is created empty with 0600 (SQLite keeps the mode it finds).
    """
    directory = Path(directory)
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(directory, 0o700)
    if database is not None:
        database = Path(database)
        fd = os.open(database, os.O_CREAT | os.O_RDWR, 0o600)
        os.close(fd)
        os.chmod(database, 0o600)
        for suffix in ("-wal", "-shm", "-journal"):
            companion = database.with_name(database.name + suffix)
            if companion.exists():
                os.chmod(companion, 0o600)
    return directory
