"""Visit statistics ("Thống kê", "Online", "Lượt xem", "Tin đọc nhiều").

Every page carries a beacon (a sendBeacon POST, or a <noscript> 1×1 GIF) to /thong-ke/ghi/,
which is never cached: a page served by a full-page cache is still counted, and Django only
counts what a browser actually displayed (no HEAD, no robots, no previews). The beacon buffers
the view (Redis when REDIS_URL is set, else per worker process); flushes write batches with
atomic F() updates: every VISITS_FLUSH_SECONDS, every VISITS_FLUSH_EVERY views, on a graceful
stop (shutdown hook) and from `manage.py flush_visits` (run_scheduler).
"""
