import os
from pathlib import Path

from django.apps import AppConfig
from django.conf import settings


def private_sqlite_file(database: dict | None = None) -> None:
    """Create the SQLite database file readable by its owner only (0600), before SQLite does.

    SQLite would create it with the process umask (0644: readable by every user of the machine);
    its -wal and -shm files copy the database file's mode.
    """
    if database is None:
        database = settings.DATABASES.get("default", {})
    name = str(database.get("NAME") or "")
    if (
        database.get("ENGINE") not in {"django.db.backends.sqlite3", "portal.core.sqlite"}
        or not name
    ):
        return
    if name == ":memory:" or name.startswith("file:"):
        return
    path = Path(name)
    if not path.parent.is_dir():
        return
    try:
        if path.exists():
            return
        descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(descriptor)
    except OSError:  # created meanwhile by another process, or a read-only directory
        return


class CoreConfig(AppConfig):
    name = "portal.core"
    label = "core"
    verbose_name = "Cấu hình chung"

    def ready(self) -> None:
        from . import publishing, signals

        private_sqlite_file()
        publishing.connect()
        signals.connect()
