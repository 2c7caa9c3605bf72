"""Health checks for the front and a supervisor: is the process up, can it serve?"""

import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import connections

__all__ = ["Check", "readiness"]

# Below this much free space on the data disk (MB) the portal is not ready.
DEFAULT_MIN_FREE_MB = 200


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str = ""
    seconds: float = 0.0


def _timed(name: str, probe) -> Check:
    start = time.monotonic()
    try:
        ok, detail = probe()
    except Exception as error:  # a health check reports failures, it never raises them
        ok, detail = False, f"{type(error).__name__}: {error}"
    return Check(name, ok, detail, round(time.monotonic() - start, 4))


def _database():
    connection = connections["default"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return True, connection.vendor


def _cache():
    cache = caches["default"]
    if hasattr(cache, "call"):  # Redis behind portal.core.cache: ask it directly
        answer = cache.call(lambda client: client.ping(), write=False)
        return bool(answer), "redis"
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, "1", 10)
    ok = cache.get(key) == "1"
    cache.delete(key)
    return ok, type(cache).__name__


def _disk():
    minimum = getattr(settings, "HEALTH_MIN_FREE_MB", DEFAULT_MIN_FREE_MB)
    paths = {Path(settings.MEDIA_ROOT), Path(settings.VISITS_SPOOL_DIR)}
    name = settings.DATABASES["default"].get("NAME")
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3") and name:
        paths.add(Path(name).parent)
    worst = None
    for path in paths:
        existing = path
        while not existing.exists() and existing != existing.parent:
            existing = existing.parent
        free_mb = shutil.disk_usage(existing).free // (1024 * 1024)
        if worst is None or free_mb < worst[1]:
            worst = (existing, free_mb)
    ok = worst[1] >= minimum
    return ok, f"{worst[1]} MB free at {worst[0]} (minimum {minimum} MB)"


def readiness() -> list[Check]:
    """Database, cache and free disk, each with how long it took."""
    return [
        _timed("database", _database),
        _timed("cache", _cache),
        _timed("disk", _disk),
    ]
