"""Sliding-window rate limits for public writes, held where every process and server sees them.

Each hit is counted twice: per visitor key (tight) and per client address hash (generous, so a
whole office behind one NAT still gets through while a script without cookies does not).

The counts live in Redis when REDIS_URL is set (a client of its own with short timeouts, not the
default cache, which swallows Redis errors), else in the database (`core.RateCounter`, one
atomic upsert per hit). Either way the window slides: the previous fixed window's count is
weighted by how much of it still overlaps the last `seconds` (the "sliding window counter").

When Redis is configured but does not answer, each scope decides: votes fall back to the
database store (`fail_closed=False`), comments and verification codes are refused with a
Vietnamese 503 (`fail_closed=True`) rather than going unguarded.

Settings, one shape for every scope: RATE_LIMITS = {scope: {"visitor": "10/60", "address":
"600/60"}}, "hits/seconds", "0/…" turning a limit off; "default" applies to unknown scopes.
"""

import hashlib
import logging
import random
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

from portal.core.visitors import get_visitor

__all__ = [
    "RATE_LIMITED_MESSAGE",
    "UNAVAILABLE_MESSAGE",
    "Limit",
    "RateStoreUnavailable",
    "check_rate",
    "hit",
    "limits_for",
    "parse_limit",
    "rate_limited_response",
    "rate_store_unavailable_response",
    "reset_rate_limits",
]

logger = logging.getLogger(__name__)

RATE_LIMITED_MESSAGE = "Bạn thao tác quá nhanh. Vui lòng chờ một lát rồi thử lại."
UNAVAILABLE_MESSAGE = (
    "Hệ thống kiểm soát gửi bài đang tạm gián đoạn nên chưa nhận được yêu cầu của bạn. "
    "Vui lòng thử lại sau ít phút."
)
FALLBACK_LIMITS = {"visitor": "10/60", "address": "600/60"}
REDIS_TIMEOUT = 0.25  # seconds: a black-holed Redis costs this, once per REDIS_RETRY_AFTER
REDIS_RETRY_AFTER = 5.0
PRUNE_PROBABILITY = 0.01


class RateStoreUnavailable(Exception):
    """The shared store did not answer and the scope fails closed."""


@dataclass(frozen=True)
class Limit:
    hits: int
    seconds: int


def parse_limit(value) -> Limit:
    """'10/60' (or (10, 60)) → Limit(10, 60)."""
    if isinstance(value, Limit):
        return value
    if isinstance(value, str):
        hits, _, seconds = value.strip().partition("/")
        return Limit(int(hits), int(seconds or 60))
    hits, seconds = value
    return Limit(int(hits), int(seconds))


def limits_for(scope: str) -> dict[str, Limit]:
    """The configured limits of a scope ("default" fills what the scope leaves out)."""
    configured = getattr(settings, "RATE_LIMITS", {}) or {}
    merged = {**FALLBACK_LIMITS, **configured.get("default", {}), **configured.get(scope, {})}
    return {kind: parse_limit(value) for kind, value in merged.items()}


def _bucket(scope: str, kind: str, identity: str, limit: Limit) -> str:
    raw = f"{scope}:{kind}:{limit.seconds}:{identity}"
    return hashlib.sha256(raw.encode()).hexdigest()[:40]


def _within(previous: int, current: int, limit: Limit, now: float) -> bool:
    elapsed = (now % limit.seconds) / limit.seconds
    return previous * (1 - elapsed) + current <= limit.hits


class DatabaseStore:
    """Counts in `core_ratecounter`: an INSERT … ON CONFLICT DO UPDATE … RETURNING per hit."""

    def hit(self, bucket: str, limit: Limit, now: float) -> bool:
        from portal.core.models import RateCounter  # models load after this module

        table = connection.ops.quote_name(RateCounter._meta.db_table)
        slot = int(now // limit.seconds)
        expires = (slot + 2) * limit.seconds
        with transaction.atomic(), connection.cursor() as cursor:
            # One statement: concurrent hits from any process serialise on the row.
            cursor.execute(
                f"INSERT INTO {table} (bucket, slot, hits, expires) VALUES (%s, %s, 1, %s) "  # noqa: S608
                f"ON CONFLICT (bucket, slot) DO UPDATE SET hits = {table}.hits + 1 "
                "RETURNING hits",
                [bucket, slot, expires],
            )
            current = cursor.fetchone()[0]
            cursor.execute(
                f"SELECT hits FROM {table} WHERE bucket = %s AND slot = %s",  # noqa: S608
                [bucket, slot - 1],
            )
            row = cursor.fetchone()
            if random.random() < PRUNE_PROBABILITY:  # noqa: S311 - not security relevant
                cursor.execute(f"DELETE FROM {table} WHERE expires < %s", [int(now)])  # noqa: S608
        return _within(row[0] if row else 0, current, limit, now)

    def reset(self) -> None:
        from portal.core.models import RateCounter

        RateCounter.objects.all().delete()


class RedisStore:
    """Counts in Redis (INCR + EXPIRE of the current window, GET of the previous one)."""

    def __init__(self, url: str, prefix: str) -> None:
        import redis

        self.prefix = f"{prefix}:rl"
        self.client = redis.Redis.from_url(
            url,
            socket_timeout=REDIS_TIMEOUT,
            socket_connect_timeout=REDIS_TIMEOUT,
            retry_on_timeout=False,
            health_check_interval=0,
        )
        self._down_until = 0.0
        self._lock = threading.Lock()

    def hit(self, bucket: str, limit: Limit, now: float) -> bool:
        import redis

        if time.monotonic() < self._down_until:
            raise RateStoreUnavailable("redis marked down")
        slot = int(now // limit.seconds)
        current_key = f"{self.prefix}:{bucket}:{slot}"
        try:
            pipe = self.client.pipeline(transaction=True)
            pipe.incr(current_key)
            pipe.expire(current_key, 2 * limit.seconds + 1)
            pipe.get(f"{self.prefix}:{bucket}:{slot - 1}")
            current, _, previous = pipe.execute()
        except (redis.RedisError, OSError) as error:
            with self._lock:
                self._down_until = time.monotonic() + REDIS_RETRY_AFTER
            logger.warning("Rate-limit store (Redis) unavailable: %s", error)
            raise RateStoreUnavailable(str(error)) from error
        return _within(int(previous or 0), int(current), limit, now)

    def reset(self) -> None:
        keys = list(self.client.scan_iter(match=f"{self.prefix}:*", count=1000))
        if keys:
            self.client.delete(*keys)
        self._down_until = 0.0


_database_store = DatabaseStore()
_redis_stores: dict[tuple[str, str], RedisStore] = {}


def _redis_store() -> RedisStore | None:
    url = getattr(settings, "REDIS_URL", "")
    if not url:
        return None
    prefix = settings.CACHES.get("default", {}).get("KEY_PREFIX", "") or "dancu"
    key = (url, prefix)
    if key not in _redis_stores:
        _redis_stores[key] = RedisStore(url, prefix)
    return _redis_stores[key]


def hit(
    scope: str,
    kind: str,
    identity: str,
    limit: Limit,
    *,
    now: float | None = None,
    fail_closed: bool = False,
) -> bool:
    """Count one hit; True while the identity stays within the limit over the sliding window."""
    if limit.hits <= 0:
        return True
    now = time.time() if now is None else now
    bucket = _bucket(scope, kind, identity, limit)
    store = _redis_store()
    if store is not None:
        try:
            return store.hit(bucket, limit, now)
        except RateStoreUnavailable:
            if fail_closed:
                raise
    return _database_store.hit(bucket, limit, now)


def check_rate(request: HttpRequest, scope: str, *, fail_closed: bool = False) -> bool:
    """Count this request against the scope's limits; False when it should be refused (429).

    Raises RateStoreUnavailable when the shared store is down and the scope fails closed.
    """
    visitor = get_visitor(request)
    limits = limits_for(scope)
    allowed = True
    for kind, identity in (("visitor", visitor.key), ("address", visitor.address_hash)):
        if kind in limits:
            within = hit(scope, kind, identity, limits[kind], fail_closed=fail_closed)
            allowed = within and allowed
    return allowed


def reset_rate_limits() -> None:
    """Forget every count (tests)."""
    store = _redis_store()
    if store is not None:
        store.reset()
    _database_store.reset()


def _message_response(
    request: HttpRequest, *, as_json: bool, status: int, title: str, message: str
) -> HttpResponse:
    if as_json:
        return JsonResponse({"ok": False, "error": message}, status=status)
    html = render_to_string(
        "core/message_page.html", {"title": title, "message": message}, request=request
    )
    return HttpResponse(html, status=status)


def rate_limited_response(
    request: HttpRequest, *, as_json: bool, scope: str = "", message: str = ""
) -> HttpResponse:
    """429 with a Vietnamese explanation, as JSON or as a small page."""
    limits = limits_for(scope)
    response = _message_response(
        request,
        as_json=as_json,
        status=429,
        title="Quá nhiều yêu cầu",
        message=message or RATE_LIMITED_MESSAGE,
    )
    response["Retry-After"] = str(limits.get("visitor", Limit(0, 60)).seconds)
    return response


def rate_store_unavailable_response(request: HttpRequest, *, as_json: bool) -> HttpResponse:
    """503 when the store guarding a fail-closed scope does not answer."""
    response = _message_response(
        request,
        as_json=as_json,
        status=503,
        title="Tạm thời chưa nhận yêu cầu",
        message=UNAVAILABLE_MESSAGE,
    )
    response["Retry-After"] = "60"
    return response
