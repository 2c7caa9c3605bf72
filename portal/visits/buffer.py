"""Where views wait between two flushes: Redis when it is the cache, else a spool file on disk.

Recording a view never touches the database, and a view is stored before it is answered, so a
`kill -9` of the worker loses nothing it acknowledged. With Redis every worker and every app server
share one buffer (hash counters, a sorted set of who is online, one expiring key per visitor for
the visit window), so a new visit is decided at once with an atomic SET … GET. Without Redis — or
while Redis fails — each process appends one line per view to its own spool file (a single
O_APPEND write: once it returns the line is in the kernel and survives the process); a flush,
by any process on the machine, replays the files no live process still writes (sealed ones, and
those of dead processes, found by their released lock) and decides new visits against the
RecentVisitor table, which is what several processes share.
"""

import contextlib
import datetime
import fcntl
import logging
import os
import socket
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone

from portal.core.cache import CacheUnavailable, ResilientRedisCache

__all__ = [
    "ONLINE_WINDOW",
    "VISIT_WINDOW",
    "Batch",
    "LocalBuffer",
    "RedisBuffer",
    "SpoolClaim",
    "batch_add",
    "get_buffer",
    "reset_buffer",
]

# A visit ends after 30 minutes without a page view (the usual web-analytics session).
VISIT_WINDOW = datetime.timedelta(minutes=30)
# "Online" means a page view in the last five minutes.
ONLINE_WINDOW = datetime.timedelta(minutes=5)
ACTIVE, SEALED, FRESH = ".active", ".sealed", ".new"

logger = logging.getLogger(__name__)


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


def batch_add(
    batch: Batch,
    *,
    key_hash: str,
    page_id: int | None,
    now: datetime.datetime,
    alias_hash: str | None = None,
) -> None:
    """Count one view into `batch` (its visit decided at flush time, against RecentVisitor)."""
    day = timezone.localdate(now)
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


@dataclass
class SpoolClaim:
    """A spool file this process holds the lock of, to flush it."""

    name: str
    path: Path
    fd: int


class LocalBuffer:
    """Views appended to a spool file of this process (see the module docstring).

    A file is `<name>.active` while its process writes it, holding an exclusive flock on it for
    its whole life (the kernel releases it when the process dies, however it dies), and
    `<name>.sealed` once its process handed it over. Its name is also the marker the flush writes
    in the same transaction as the counts, so no file is ever counted twice.
    """

    shared = False

    def __init__(self, directory: Path | str | None = None) -> None:
        self.directory = Path(directory or settings.VISITS_SPOOL_DIR)
        self._lock = threading.Lock()
        self._fd: int | None = None
        self._pid: int | None = None
        self._name = ""
        self._pending = 0
        self._page_views: Counter = Counter()

    def _open(self) -> int:
        if self._fd is not None and self._pid == os.getpid():
            return self._fd
        # A forked child must not write to (or unlock) its parent's file.
        self._fd, self._page_views, self._pending = None, Counter(), 0
        self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        name = f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:12]}"
        # Created under a name no flush looks at, locked, then renamed: a flush never sees an
        # active file that is not yet locked (it would take it for a dead process's).
        fresh = self.directory / f"{name}{FRESH}"
        fd = os.open(
            fresh, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_EXCL | os.O_CLOEXEC, 0o600
        )
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.rename(fresh, self.directory / f"{name}{ACTIVE}")
        self._fd, self._pid, self._name = fd, os.getpid(), name
        return fd

    def record(
        self,
        *,
        key_hash: str,
        page_id: int | None,
        now: datetime.datetime,
        alias_hash: str | None = None,
    ) -> int:
        line = f"{now.timestamp():.6f}\t{key_hash}\t{page_id or ''}\t{alias_hash or ''}\n"
        with self._lock:
            fd = self._open()
            os.write(fd, line.encode())  # one write: whole line or nothing
            if page_id:
                self._page_views[page_id] += 1
            self._pending += 1
            return self._pending

    def seal(self) -> None:
        """Hand this process's current file over to the flush; the next view opens a new one."""
        with self._lock:
            if self._fd is None or self._pid != os.getpid():
                self._fd = None
                return
            base = self.directory / self._name
            try:
                # Renamed while still locked, so nobody takes the file for a dead process's.
                os.rename(f"{base}{ACTIVE}", f"{base}{SEALED}")
            finally:
                os.close(self._fd)
                self._fd, self._pending, self._page_views = None, 0, Counter()

    def claim(self) -> list[SpoolClaim]:
        """Seal this process's file; lock every file no live process writes any more."""
        self.seal()
        claims = []
        try:
            paths = sorted(self.directory.iterdir())
        except FileNotFoundError:
            return []
        for path in paths:
            if path.name.endswith(FRESH):
                _remove_abandoned(path)
            if not path.name.endswith((ACTIVE, SEALED)):
                continue
            try:
                fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
            except FileNotFoundError:
                continue  # flushed by someone else meanwhile
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)  # its writer is alive, or another flush holds it
                continue
            claims.append(SpoolClaim(name=path.name.rsplit(".", 1)[0], path=path, fd=fd))
        return claims

    @staticmethod
    def read(claims: list[SpoolClaim]) -> Batch:
        """The views in the claimed files, in the order they were written."""
        batch = Batch()
        for claim in claims:
            with os.fdopen(os.dup(claim.fd), "rb") as file:
                for raw in file:
                    parsed = _parse_line(raw)
                    if parsed:
                        batch_add(batch, **parsed)
        return batch

    @staticmethod
    def finish(claims: list[SpoolClaim]) -> None:
        """The claimed files are in the database: delete them."""
        for claim in claims:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(claim.path)
            os.close(claim.fd)

    @staticmethod
    def release(claims: list[SpoolClaim]) -> None:
        """The flush failed: leave the files for the next one."""
        for claim in claims:
            os.close(claim.fd)

    def pending_page_views(self, page_id: int) -> int:
        with self._lock:
            return self._page_views.get(page_id, 0)

    def pending_visits(self) -> int:
        return 0  # decided only when flushed, against the shared table

    def online_count(self, now: datetime.datetime) -> int | None:
        return None  # the shared RecentVisitor table answers

    def reset(self) -> None:
        """Discard every unflushed view in the spool (tests)."""
        self.finish(self.claim())


def _remove_abandoned(path: Path) -> None:
    """A fresh file its process died before locking (it is empty: nothing is written before)."""
    with contextlib.suppress(OSError):
        if path.stat().st_mtime < time.time() - 60 and path.stat().st_size == 0:
            path.unlink()


def _parse_line(raw: bytes) -> dict | None:
    if not raw.endswith(b"\n"):
        return None  # cannot happen with one write per line; never trust a torn tail
    try:
        stamp, key_hash, page_id, alias_hash = raw.decode().rstrip("\n").split("\t")
        return {
            "key_hash": key_hash,
            "page_id": int(page_id) if page_id else None,
            "now": datetime.datetime.fromtimestamp(float(stamp), tz=datetime.UTC),
            "alias_hash": alias_hash or None,
        }
    except ValueError:
        logger.warning("skipping a malformed visit spool line: %r", raw[:200])
        return None


class RedisBuffer:
    """Counters in Redis, shared by every worker and app server; the spool while Redis fails."""

    shared = True

    def __init__(self, cache: ResilientRedisCache, spool: LocalBuffer | None = None) -> None:
        self.cache = cache
        self.spool = spool or LocalBuffer()
        self._pending = 0
        self._lock = threading.Lock()

    def _key(self, name: str) -> str:
        return self.cache.make_key(f"visits:{name}")

    def record(
        self,
        *,
        key_hash: str,
        page_id: int | None,
        now: datetime.datetime,
        alias_hash: str | None = None,
    ) -> int:
        try:
            self.cache.call(lambda client: self._record(client, key_hash, page_id, now, alias_hash))
        except CacheUnavailable:
            return self.spool.record(
                key_hash=key_hash, page_id=page_id, now=now, alias_hash=alias_hash
            )
        with self._lock:
            self._pending += 1
            return self._pending

    def _record(self, client, key_hash, page_id, now, alias_hash) -> None:
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

    def take(self) -> Batch:
        """Read and clear the shared counters in one MULTI, so no increment falls between."""
        names = ("page_views", "day_views", "day_visits")

        def read_and_clear(client):
            pipe = client.pipeline(transaction=True)
            for name in names:
                pipe.hgetall(self._key(name))
            for name in names:
                pipe.delete(self._key(name))
            return pipe.execute()

        results = self.cache.call(read_and_clear)
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
        def add_back(client):
            pipe = client.pipeline(transaction=True)
            for page_id, count in batch.page_views.items():
                pipe.hincrby(self._key("page_views"), str(page_id), count)
            for day, count in batch.day_views.items():
                pipe.hincrby(self._key("day_views"), day.isoformat(), count)
            for day, count in batch.day_visits.items():
                pipe.hincrby(self._key("day_visits"), day.isoformat(), count)
            pipe.execute()

        self.cache.call(add_back)

    def pending_page_views(self, page_id: int) -> int:
        try:
            shared = self.cache.call(
                lambda client: int(client.hget(self._key("page_views"), str(page_id)) or 0),
                write=False,
            )
        except CacheUnavailable:
            shared = 0
        return shared + self.spool.pending_page_views(page_id)

    def pending_visits(self) -> int:
        try:
            values = self.cache.call(
                lambda client: client.hvals(self._key("day_visits")), write=False
            )
        except CacheUnavailable:
            return 0
        return sum(int(value) for value in values)

    def online_count(self, now: datetime.datetime) -> int | None:
        """Visitors online now; None while Redis cannot tell (the page shows "—")."""
        key = self._key("online")

        def count(client):
            pipe = client.pipeline(transaction=False)
            pipe.zremrangebyscore(key, "-inf", f"({(now - ONLINE_WINDOW).timestamp()}")
            pipe.zcard(key)
            return int(pipe.execute()[1])

        try:
            return self.cache.call(count)
        except CacheUnavailable:
            return None

    def reset(self) -> None:
        def delete_all(client):
            keys = list(client.scan_iter(match=self._key("*"), count=500))
            if keys:
                client.delete(*keys)

        self.cache.call(delete_all)
        self.spool.reset()
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
                if isinstance(cache, ResilientRedisCache):
                    _buffer = RedisBuffer(cache)
                else:
                    _buffer = LocalBuffer()
    return _buffer


def reset_buffer() -> None:
    """Forget the buffer (after the cache settings changed, or in a forked child)."""
    global _buffer
    with _buffer_lock:
        _buffer = None
