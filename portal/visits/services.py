"""Public writes of visit statistics: record a view (buffered), flush buffers, set the total."""

import datetime
import logging
import os
import threading
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, connections, transaction
from django.db.models import F
from django.utils import timezone

from wagtail.models import Page

from portal.core.visitors import visitor_hash

from .buffer import VISIT_WINDOW, Batch, get_buffer
from .models import DailyVisits, PageViewCount, RecentVisitor, VisitTotal

__all__ = [
    "FlushResult",
    "visit_record",
    "visit_total_set",
    "visitor_key_hash",
    "visits_flush",
    "visits_flush_on_exit",
]

logger = logging.getLogger(__name__)

# Any constant shared by every process: serialises flushes on PostgreSQL (SQLite's IMMEDIATE
# transactions already do).
FLUSH_LOCK_ID = 0x64616E6375  # "dancu"
CHUNK = 500


@dataclass(frozen=True)
class FlushResult:
    page_views: int = 0
    visits: int = 0


def visitor_key_hash(visitor_key: str) -> str:
    """What the statistics store of a visitor: a hash of their (already salted) key."""
    return visitor_hash(visitor_key, purpose="portal.visits")


def visit_record(
    *,
    visitor_key: str,
    page_id: int | None = None,
    now: datetime.datetime | None = None,
    alias_key: str | None = None,
) -> None:
    """Count one page view (and the visit it may start) in the buffer — no database write.

    `alias_key` is another key of the same visitor (the address hash, on the request that gives
    them their cookie): a view under either key continues the visit; only `visitor_key` is online.
    """
    now = now or timezone.now()
    pending = get_buffer().record(
        key_hash=visitor_key_hash(visitor_key),
        page_id=page_id,
        now=now,
        alias_hash=visitor_key_hash(alias_key) if alias_key else None,
    )
    _flusher.ensure_started()
    every = getattr(settings, "VISITS_FLUSH_EVERY", 0)
    if every and pending >= every:
        try:
            visits_flush(blocking=False)
        except Exception:  # the view must not fail because the database is busy; retry later
            logger.exception("flushing visit statistics failed")


_flush_lock = threading.Lock()


def visits_flush(
    *, now: datetime.datetime | None = None, blocking: bool = True, prune: bool = False
) -> FlushResult:
    """Move the buffered counts to the database in one transaction of atomic F() updates."""
    if not _flush_lock.acquire(blocking=blocking):
        return FlushResult()
    try:
        buffer = get_buffer()
        batch = buffer.take()
        if batch.is_empty() and not prune:
            return FlushResult()
        try:
            return _apply(batch, now or timezone.now(), prune=prune or bool(batch.seen))
        except Exception:
            buffer.give_back(batch)
            raise
    finally:
        _flush_lock.release()


def visits_flush_on_exit() -> None:
    """Shutdown hook: a worker that stops gracefully leaves nothing in its buffer."""
    _flusher.stop()
    visits_flush()


def _apply(batch: Batch, now: datetime.datetime, *, prune: bool) -> FlushResult:
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [FLUSH_LOCK_ID])
        day_visits = Counter(batch.day_visits)
        if batch.seen:
            day_visits.update(_decide_visits(batch.seen, batch.aliases))
        if prune:
            RecentVisitor.objects.filter(last_seen__lt=now - VISIT_WINDOW).delete()
        page_views = _add_page_views(batch.page_views)
        _add_daily(batch.day_views, day_visits)
        visits = sum(day_visits.values())
        if visits:
            _add_total(visits)
    return FlushResult(page_views=page_views, visits=visits)


def _decide_visits(
    seen: dict[str, tuple[datetime.datetime, datetime.datetime]], aliases: dict[str, str]
) -> Counter:
    """New visits in a batch: visitors not seen (by any process, under any key) for VISIT_WINDOW."""
    candidates = list({*seen, *aliases.values()})
    known: dict[str, datetime.datetime] = {}
    for start in range(0, len(candidates), CHUNK):
        known.update(
            RecentVisitor.objects.filter(
                key_hash__in=candidates[start : start + CHUNK]
            ).values_list("key_hash", "last_seen")
        )
    latest = dict(known)
    online: dict[str, bool] = {}
    new_visits: Counter = Counter()
    for key in sorted(seen, key=lambda key: seen[key][0]):
        first, last = seen[key]
        alias = aliases.get(key)
        previous = [latest[k] for k in (key, alias) if k in latest]
        if not previous or max(previous) < first - VISIT_WINDOW:
            new_visits[timezone.localdate(first)] += 1
        for other, is_online in ((key, True), (alias, False)):
            if other:
                latest[other] = max(latest.get(other, last), last)
                online[other] = online.get(other, False) or is_online
    to_create = [
        RecentVisitor(key_hash=key, last_seen=latest[key], counts_online=online[key])
        for key in online
        if key not in known
    ]
    to_update = [
        RecentVisitor(key_hash=key, last_seen=latest[key], counts_online=True)
        for key in online
        if key in known and (latest[key] > known[key] or online[key])
    ]
    RecentVisitor.objects.bulk_create(to_create, batch_size=CHUNK)
    RecentVisitor.objects.bulk_update(to_update, ["last_seen"], batch_size=CHUNK)
    return new_visits


def _add_page_views(page_views: Counter) -> int:
    if not page_views:
        return 0
    existing = set(Page.objects.filter(pk__in=list(page_views)).values_list("pk", flat=True))
    PageViewCount.objects.bulk_create(
        [PageViewCount(page_id=page_id, views=0) for page_id in existing], ignore_conflicts=True
    )
    added = 0
    for page_id in existing:
        count = page_views[page_id]
        PageViewCount.objects.filter(page_id=page_id).update(views=F("views") + count)
        added += count
    return added


def _add_daily(day_views: Counter, day_visits: Counter) -> None:
    days = set(day_views) | set(day_visits)
    if not days:
        return
    DailyVisits.objects.bulk_create([DailyVisits(date=day) for day in days], ignore_conflicts=True)
    for day in days:
        DailyVisits.objects.filter(date=day).update(
            page_views=F("page_views") + day_views.get(day, 0),
            visits=F("visits") + day_visits.get(day, 0),
        )


def _add_total(visits: int) -> None:
    VisitTotal.objects.bulk_create([VisitTotal(pk=VisitTotal.SINGLETON_ID)], ignore_conflicts=True)
    VisitTotal.objects.filter(pk=VisitTotal.SINGLETON_ID).update(total=F("total") + visits)


@transaction.atomic
def visit_total_set(*, total: int) -> VisitTotal:
    """Set the running total, e.g. to the old portal's figure when migrating (3.137.287)."""
    VisitTotal(pk=VisitTotal.SINGLETON_ID, total=total).full_clean(validate_unique=False)
    VisitTotal.objects.update_or_create(pk=VisitTotal.SINGLETON_ID, defaults={"total": total})
    return VisitTotal.objects.get(pk=VisitTotal.SINGLETON_ID)


class _BackgroundFlusher:
    """Flush this process's buffer every VISITS_FLUSH_SECONDS from a daemon thread."""

    def __init__(self) -> None:
        self._pid: int | None = None
        self._stop = threading.Event()
        self._lock = threading.Lock()

    def ensure_started(self) -> None:
        interval = getattr(settings, "VISITS_FLUSH_SECONDS", 0)
        if not interval or self._pid == os.getpid():
            return
        with self._lock:
            if self._pid == os.getpid():
                return
            self._pid = os.getpid()
            self._stop = threading.Event()
            thread = threading.Thread(
                target=self._run, args=(interval, self._stop), name="visits-flush", daemon=True
            )
            thread.start()

    def stop(self) -> None:
        self._stop.set()

    def _run(self, interval: float, stop: threading.Event) -> None:
        while not stop.wait(interval):
            try:
                visits_flush()
            except Exception:
                logger.exception("flushing visit statistics failed")
            finally:
                connections.close_all()


_flusher = _BackgroundFlusher()
