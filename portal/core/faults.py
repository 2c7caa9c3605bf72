"""Storage faults (database or disk refusing to write) and the 503 a visitor gets for them."""

import errno
import logging
import sqlite3
import time

from django.db import DatabaseError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

__all__ = [
    "STORAGE_UNAVAILABLE_MESSAGE",
    "is_storage_fault",
    "log_storage_fault",
    "storage_unavailable",
]

logger = logging.getLogger(__name__)

STORAGE_UNAVAILABLE_MESSAGE = (
    "Hệ thống đang tạm thời không ghi được dữ liệu nên chưa thể nhận yêu cầu này. "
    "Bạn vẫn đọc được tin bài bình thường; vui lòng thử gửi lại sau ít phút."
)
RETRY_AFTER_SECONDS = 30
# errno values of a disk that cannot take a write (read-only, full, over quota, forbidden)
WRITE_ERRNOS = {errno.EROFS, errno.ENOSPC, errno.EDQUOT, errno.EACCES, errno.EPERM}
# SQLSTATE classes/codes of a database that cannot write: 25006 read-only transaction,
# 53xxx insufficient resources (disk full), 57P0x shutting down, 08xxx connection lost,
# 58xxx system (I/O) error.
PG_WRITE_STATES = ("25006", "53", "57P0", "08", "58")


# What SQLite says when the file, its directory or the disk refuses (not an SQL mistake).
SQLITE_FAULTS = (
    "readonly",
    "read-only",
    "disk",
    "database is locked",
    "unable to open",
    "full",
)


def is_storage_fault(error: BaseException) -> bool:
    """Is `error` the database or disk refusing to work (not a bug in our code)?"""
    if isinstance(error, OSError) and not isinstance(error, ConnectionError):
        return error.errno in WRITE_ERRNOS
    if not isinstance(error, DatabaseError):
        return False
    cause = error.__cause__
    if isinstance(cause, sqlite3.Error):
        return isinstance(error, OperationalError) and any(
            fault in str(error).lower() for fault in SQLITE_FAULTS
        )
    state = getattr(cause, "sqlstate", None)
    if state:
        return state.startswith(PG_WRITE_STATES)
    return isinstance(error, OperationalError)  # no server answer at all (connection lost)


def _wants_json(request: HttpRequest) -> bool:
    from .views import wants_json  # views imports this module

    return wants_json(request)


def storage_unavailable(request: HttpRequest) -> HttpResponse:
    """A Vietnamese 503 (or JSON for our scripts) with Retry-After, never a traceback."""
    if _wants_json(request):
        response = JsonResponse({"ok": False, "error": STORAGE_UNAVAILABLE_MESSAGE}, status=503)
    else:
        try:
            html = render_to_string(
                "core/message_page.html",
                {
                    "title": "Tạm thời chưa nhận được yêu cầu",
                    "message": STORAGE_UNAVAILABLE_MESSAGE,
                },
                request=request,
            )
        except Exception:  # the page itself may need the database; say it plainly then
            html = (
                '<!doctype html><html lang="vi"><meta charset="utf-8">'
                f"<title>Tạm thời gián đoạn</title><p>{STORAGE_UNAVAILABLE_MESSAGE}</p></html>"
            )
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


class _OncePerInterval:
    """Log a storage fault once a minute, not on every request while it lasts."""

    def __init__(self, seconds: float = 60) -> None:
        self.seconds = seconds
        self._last = 0.0

    def __call__(self, error: BaseException, path: str) -> None:
        now = time.monotonic()
        if now - self._last >= self.seconds:
            self._last = now
            logger.warning("storage fault on %s: %s: %s", path, type(error).__name__, error)


log_storage_fault = _OncePerInterval()
