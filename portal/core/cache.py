"""A Redis cache that degrades instead of failing: Redis is an accelerator, never a dependency.

Every call has short socket timeouts; a failure opens a process-local circuit breaker, so while
Redis is refused, black-holed or restarting each process tries it at most once per cooldown and
answers like an empty cache meanwhile (get → default, set → nothing, add → False). The failure
is logged once per outage, not once per call.
"""

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

from redis.exceptions import RedisError

__all__ = ["CacheUnavailable", "CircuitBreaker", "ResilientRedisCache"]

logger = logging.getLogger(__name__)

T = TypeVar("T")

# socket timeouts (seconds) unless OPTIONS says otherwise
DEFAULT_SOCKET_TIMEOUT = 0.3
DEFAULT_COOLDOWN = 5.0


class CacheUnavailable(Exception):
    """Raised by `ResilientRedisCache.call` while Redis is failing (the breaker is open)."""


class CircuitBreaker:
    """Closed: calls go through. After a failure, open for `cooldown` seconds; then one probe."""

    def __init__(self, name: str, cooldown: float = DEFAULT_COOLDOWN) -> None:
        self.name = name
        self.cooldown = cooldown
        self._lock = threading.Lock()
        self._open_until = 0.0
        self._failing = False

    @property
    def is_open(self) -> bool:
        return self._failing and time.monotonic() < self._open_until

    def allow(self) -> bool:
        """May a call go to the server now? While failing, only one probe per cooldown."""
        if not self._failing:
            return True
        with self._lock:
            now = time.monotonic()
            if now < self._open_until:
                return False
            self._open_until = now + self.cooldown  # this caller probes; the others wait
            return True

    def success(self) -> None:
        if self._failing:
            with self._lock:
                if self._failing:
                    self._failing = False
                    logger.warning("%s is answering again", self.name)

    def failure(self, error: BaseException) -> None:
        with self._lock:
            first = not self._failing
            self._failing = True
            self._open_until = time.monotonic() + self.cooldown
        if first:
            logger.warning(
                "%s failed (%s: %s); serving without it, retrying every %.0f s",
                self.name,
                type(error).__name__,
                error,
                self.cooldown,
            )

    def reset(self) -> None:
        with self._lock:
            self._failing = False
            self._open_until = 0.0


class ResilientRedisCache(RedisCache):
    """Django's RedisCache whose errors become cache misses (see the module docstring).

    OPTIONS: `socket_connect_timeout`/`socket_timeout` (default 0.3 s) go to redis-py;
    `breaker_cooldown` (default 5 s) is how long a failing Redis is left alone.
    """

    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS") or {})
        cooldown = float(options.pop("breaker_cooldown", DEFAULT_COOLDOWN))
        options.setdefault("socket_connect_timeout", DEFAULT_SOCKET_TIMEOUT)
        options.setdefault("socket_timeout", DEFAULT_SOCKET_TIMEOUT)
        params["OPTIONS"] = options
        super().__init__(server, params)
        self.breaker = CircuitBreaker(f"Redis cache {server}", cooldown)

    # Public access to redis-py for code that needs more than get/set (hashes, sorted sets).
    def get_client(self, *, write: bool = True):
        """The redis-py client behind this cache (its calls are not guarded: use `call`)."""
        return self._cache.get_client(write=write)

    def call(self, operation: Callable[[Any], T], *, write: bool = True) -> T:
        """Run `operation(client)` through the breaker; raise CacheUnavailable if Redis fails."""
        if not self.breaker.allow():
            raise CacheUnavailable(self.breaker.name)
        try:
            result = operation(self.get_client(write=write))
        except RedisError as error:
            self.breaker.failure(error)
            raise CacheUnavailable(self.breaker.name) from error
        self.breaker.success()
        return result

    @property
    def available(self) -> bool:
        return not self.breaker.is_open

    def _guarded(self, method: Callable[..., T], default: T, *args, **kwargs) -> T:
        if not self.breaker.allow():
            return default
        try:
            result = method(*args, **kwargs)
        except RedisError as error:
            self.breaker.failure(error)
            return default
        self.breaker.success()
        return result

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(super().add, False, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._guarded(super().get, default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._guarded(super().set, None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(super().touch, False, key, timeout, version)

    def delete(self, key, version=None):
        return self._guarded(super().delete, False, key, version)

    def get_many(self, keys, version=None):
        return self._guarded(super().get_many, {}, keys, version)

    def has_key(self, key, version=None):
        return self._guarded(super().has_key, False, key, version)

    def incr(self, key, delta=1, version=None):
        # Django's contract for a missing key; callers already handle it.
        missing = object()
        result = self._guarded(super().incr, missing, key, delta, version)
        if result is missing:
            raise ValueError(f"Key '{key}' not found (cache unavailable)")
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(super().set_many, list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        self._guarded(super().delete_many, None, keys, version)

    def clear(self):
        """Delete this cache's keys (its KEY_PREFIX) only — never FLUSHDB a shared database."""

        def delete_prefixed(client):
            pattern = self.make_key("*", version=None).replace(f":{self.version}:", ":*:", 1)
            keys = list(client.scan_iter(match=pattern, count=1000))
            for start in range(0, len(keys), 1000):
                client.delete(*keys[start : start + 1000])
            return True

        try:
            return self.call(delete_prefixed)
        except CacheUnavailable:
            return False
