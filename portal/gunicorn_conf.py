"""gunicorn settings for every app server (`-c python:portal.gunicorn_conf`).

Workers follow the CPU count (2 × CPUs + 1, the usual rule for a mix of CPU and database
waits; WEB_CONCURRENCY overrides), each with a few threads. Command-line options win, so a
test or benchmark can ask for a given number. On a graceful stop each worker flushes what it
buffered (visit counts).
"""

import logging
import multiprocessing
import os

logger = logging.getLogger(__name__)

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "0") or 0) or multiprocessing.cpu_count() * 2 + 1
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = 60
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then (a slow leak can't grow forever); jitter spreads the restarts.
# Not too often: a fresh worker compiles its templates and refills its local caches again (about
# a second of CPU), and at 5,000 requests that cost a third of the pages served from the cache at
# peak (BENCHMARKS.md).
max_requests = 50000
max_requests_jitter = 5000
# Django and Wagtail are imported once, by the master, and each worker is a fork of it: a
# worker starts (or is recycled after max_requests) in milliseconds instead of ~2 s of CPU, and
# the imported code is shared memory. New code therefore needs a restart, not a HUP
# (deploy/systemd: restart the app servers one at a time). GUNICORN_PRELOAD=0 turns it off.
preload_app = os.environ.get("GUNICORN_PRELOAD", "1").strip().lower() not in {"0", "false", "no"}
# X-Forwarded-* are read by Django itself, only from TRUSTED_PROXIES (portal/core/visitors.py).
forwarded_allow_ips = "127.0.0.1"


def pre_fork(server, worker):
    """No database connection of the master's may be inherited (and shared) by a worker."""
    if preload_app:
        from django.db import connections

        connections.close_all()


def worker_exit(server, worker):
    """Run the flush hooks registered by the apps (e.g. buffered page views)."""
    try:
        from portal.core.shutdown import run_shutdown_hooks

        run_shutdown_hooks()
    except Exception:  # a failing hook must not hide the others' work or the exit
        logger.exception("shutdown hooks failed")
