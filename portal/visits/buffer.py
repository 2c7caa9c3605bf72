"""Where views wait between two flushes: Redis when it is the cache, else this process's memory.

Recording a view never touches the database. With Redis every worker and every app server share
one buffer (hash counters, a sorted set of who is online, one expiring key per visitor for the
visit window), so a new visit is decided at once with an atomic SET … GET. Without Redis each worker keeps
its own counters and the visitors it saw; the flush then decides new visits against the
RecentVisitor table, which is what several processes share.
"""

import datetime
import threading
from collections import Counter
from dataclasses import dataclass, field

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.utils import timezone

__all__ = [
    "ONLINE_WINDOW",
    "VISIT_WINDOW",
    "Batch",
    "LocalBuffer",
    "RedisBuffer",
    "get_buffer",
    "reset_buffer",
]

# A visit ends after 30 minutes without a page view (the usual web-analytics session).
VISIT_WINDOW = datetime.timedelta(minutes=30)
# "Online" means a page view in the last five minutes.
ONLINE_WINDOW = datetime.timedelta(minutes=5)


@dataclass
class Batch:
    """What one flush moves to the database."""

    page_views: Counter = field(default_factory=Counter)  # page id → views
    day_views: Counter = field(default_factory=Counter)  # date → page views
    day_visits: Counter = field(default_factory=Counter)  # date → visits already decided
    # Local buffer only: visitor key hash → (first, last) time seen in this batch.
    seen: dict[str, tuple[datetime.datetime, datetime.datetime]] = field(default_factory=dict)
    # Local buffer only: visitor key hash → another key of the same visitor (their address
    # hash on the request that gave them their cookie); seen either, the visit continues.
    aliases: dict[str, str] = field(default_factory=dict)

    def is_empty(self) -> bool:
        return not (
            self.page_views or self.day_views or self.day_visits or self.seen or self.aliases
        )

    def merge(self, other: "Batch") -> None:
        self.page_views.update(other.page_views)
        self.day_views.update(other.day_views)
        self.day_visits.update(other.day_visits)
        for key, (first, last) in other.seen.items():
            if key in self.seen:
                mine = self.seen[key]
                self.seen[key] = (min(first, mine[0]), max(last, mine[1]))
            else:
                self.seen[key] = (first, last)
        for key, alias in other.aliases.items():
            self.aliases.setdefault(key, alias)


class LocalBuffer:
    """Counters in this process, guarded by a lock (gthread workers serve several threads)."""

    shared = False

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._batch = Batch()
        self._pending = 0

    def record(
        self,
        *,
        key_hash: str,
        page_id: int | None,
        now: datetime.datetime,
        alias_hash: str | None = None,
    ) -> int:
        day = timezone.localdate(now)
        with self._lock:
            batch = self._batch
            batch.day_views[day] += 1
            if page_id:
                batch.page_views[page_id] += 1
            first, last = batch.seen.get(key_hash, (now, now))
            if now - last > VISIT_WINDOW:
                # A second visit inside one batch (a long gap between flushes): count it now;
                # the flush decides only whether the batch's first visit is new.
                batch.day_visits[day] += 1
            batch.seen[key_hash] = (first, max(last, now))
            if alias_hash:
                batch.aliases[key_hash] = alias_hash
            self._pending += 1
            return self._pending

    def take(self) -> Batch:
        with self._lock:
            batch, self._batch = self._batch, Batch()
            self._pending = 0
        return batch

    def give_back(self, batch: Batch) -> None:
        with self._lock:
            batch.merge(self._batch)
            self._batch = batch
            self._pending = sum(batch.day_views.values())

    def pending_page_views(self, page_id: int) -> int:
        with self._lock:
            return self._batch.page_views.get(page_id, 0)

    def pending_visits(self) -> int:
        return 0  # decided only when flushed, against the shared table

    def online_count(self, now: datetime.datetime) -> int | None:
        return None  # the shared RecentVisitor table answers

    def reset(self) -> None:
        self.take()


class RedisBuffer:
    """Counters in Redis, shared by every worker and app server."""

    shared = True

    def __init__(self, cache: RedisCache) -> None:
        self.cache = cache
        self._pending = 0
        self._lock = threading.Lock()

    def _key(self, name: str) -> str:
        return self.cache.make_key(f"visits:{name}")

    def _client(self):
        return self.cache._cache.get_client(write=True)

    def record(
        self,
        *,
        key_hash: str,
        page_id: int | None,
        now: datetime.datetime,
        alias_hash: str | None = None,
    ) -> int:
        client = self._client()
        day = timezone.localdate(now).isoformat()
        stamp = now.timestamp()
        window = VISIT_WINDOW.total_seconds()
        pipe = client.pipeline(transaction=False)
        # Atomic SET … GET: store this view's time and learn the previous one (if not expired).
        pipe.set(self._key(f"seen:{key_hash}"), stamp, ex=int(window), get=True)
        if alias_hash:
            pipe.set(self._key(f"seen:{alias_hash}"), stamp, ex=int(window), get=True)
        online_key = self._key("online")
        pipe.zadd(online_key, {key_hash: stamp})
        # Keep the sorted set to the window even if nobody reads it; it expires when idle.
        pipe.zremrangebyscore(online_key, "-inf", f"({stamp - ONLINE_WINDOW.total_seconds()}")
        pipe.expire(online_key, int(ONLINE_WINDOW.total_seconds()) + 60)
        pipe.hincrby(self._key("day_views"), day, 1)
        if page_id:
            pipe.hincrby(self._key("page_views"), str(page_id), 1)
        results = pipe.execute()
        previous = [float(value) for value in results[: 2 if alias_hash else 1] if value]
        if not previous or max(previous) < stamp - window:
            client.hincrby(self._key("day_visits"), day, 1)
        with self._lock:
            self._pending += 1
            return self._pending

    def take(self) -> Batch:
        """Read and clear the shared counters in one MULTI, so no increment falls between."""
        client = self._client()
        names = ("page_views", "day_views", "day_visits")
        pipe = client.pipeline(transaction=True)
        for name in names:
            pipe.hgetall(self._key(name))
        for name in names:
            pipe.delete(self._key(name))
        results = pipe.execute()
        with self._lock:
            self._pending = 0
        batch = Batch()
        for raw_id, count in results[0].items():
            batch.page_views[int(raw_id)] += int(count)
        for raw_day, count in results[1].items():
            batch.day_views[datetime.date.fromisoformat(raw_day.decode())] += int(count)
        for raw_day, count in results[2].items():
            batch.day_visits[datetime.date.fromisoformat(raw_day.decode())] += int(count)
        return batch

    def give_back(self, batch: Batch) -> None:
        pipe = self._client().pipeline(transaction=True)
        for page_id, count in batch.page_views.items():
            pipe.hincrby(self._key("page_views"), str(page_id), count)
        for day, count in batch.day_views.items():
            pipe.hincrby(self._key("day_views"), day.isoformat(), count)
        for day, count in batch.day_visits.items():
            pipe.hincrby(self._key("day_visits"), day.isoformat(), count)
        pipe.execute()

    def pending_page_views(self, page_id: int) -> int:
        return int(self._client().hget(self._key("page_views"), str(page_id)) or 0)

    def pending_visits(self) -> int:
        values = self._client().hvals(self._key("day_visits"))
        return sum(int(value) for value in values)

    def online_count(self, now: datetime.datetime) -> int | None:
        key = self._key("online")
        pipe = self._client().pipeline(transaction=False)
        pipe.zremrangebyscore(key, "-inf", f"({(now - ONLINE_WINDOW).timestamp()}")
        pipe.zcard(key)
        return int(pipe.execute()[1])

    def reset(self) -> None:
        client = self._client()
        keys = list(client.scan_iter(match=self._key("*"), count=500))
        if keys:
            client.delete(*keys)
        with self._lock:
            self._pending = 0


_buffer: LocalBuffer | RedisBuffer | None = None
_buffer_lock = threading.Lock()


def get_buffer() -> LocalBuffer | RedisBuffer:
    """The buffer for the configured default cache (created once per process)."""
    global _buffer
    if _buffer is None:
        with _buffer_lock:
            if _buffer is None:
                cache = caches["default"]
                _buffer = RedisBuffer(cache) if isinstance(cache, RedisCache) else LocalBuffer()
    return _buffer


def reset_buffer() -> None:
    """Forget the buffer (after the cache settings changed, or in a forked child)."""
    global _buffer
    with _buffer_lock:
        _buffer = None
