"""Django's SQLite backend, able to read when the database cannot be written.

A WAL database needs its `-wal`/`-shm` files; in a read-only directory (or on a read-only disk)
SQLite cannot create them and even a SELECT fails. Then this backend opens the file read-only,
and failing that as immutable, so pages keep rendering while every write gets SQLite's
"readonly" error (a 503 by portal.core.middleware). Each new connection tries the normal way
first, so the site recovers by itself when the fault ends.
"""

import logging
import os
import time
import urllib.parse

from django.db.backends.sqlite3 import base

__all__ = ["DatabaseWrapper"]

logger = logging.getLogger(__name__)

# Read-only fallbacks, best first: shared-memory WAL still works (-shm exists); else immutable
# (the WAL is ignored: reads may miss the last moments before the fault).
FALLBACKS = ("mode=ro", "mode=ro&immutable=1")
CANNOT_OPEN = ("readonly", "read-only", "unable to open", "disk i/o error")
_last_warning = 0.0


def _warn(message: str, *args) -> None:
    global _last_warning
    now = time.monotonic()
    if now - _last_warning >= 60:
        _last_warning = now
        logger.warning(message, *args)


def _repair_sidecars(database: str) -> None:
    """Give a writable database back its writable -wal/-shm.

    SQLite creates them with the database file's mode; made while the file was read-only they
    stay read-only after the file is writable again, and every write keeps failing.
    """
    try:
        if not os.access(database, os.W_OK):
            return
        mode = os.stat(database).st_mode & 0o666
        for suffix in ("-wal", "-shm"):
            sidecar = database + suffix
            if os.path.exists(sidecar) and not os.access(sidecar, os.W_OK):
                os.chmod(sidecar, mode)
                _warn("SQLite %s was read-only after the fault; made writable again", sidecar)
    except OSError:
        pass  # not ours to change: the normal open reports what is wrong


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        database = str(conn_params["database"])
        if not (self.is_in_memory_db() or database.startswith("file:")):
            _repair_sidecars(database)
        try:
            return self._open(conn_params)
        except base.Database.OperationalError as error:
            if self.is_in_memory_db() or database.startswith("file:"):
                raise
            if not any(text in str(error).lower() for text in CANNOT_OPEN):
                raise
            first_error = error
        path = urllib.parse.quote(database)
        for fallback in FALLBACKS:
            try:
                connection = self._open({**conn_params, "database": f"file:{path}?{fallback}"})
            except base.Database.OperationalError:
                continue
            _warn(
                "SQLite %s cannot be written (%s); serving reads (%s)",
                database,
                first_error,
                fallback,
            )
            return connection
        raise first_error

    def _open(self, conn_params):
        connection = super().get_new_connection(conn_params)
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except base.Database.Error:
            connection.close()
            raise
        return connection
