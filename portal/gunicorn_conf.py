"""gunicorn hooks: on a graceful stop each worker flushes what it buffered."""

import logging

logger = logging.getLogger(__name__)


def worker_exit(server, worker):
    """Run the flush hooks registered by the apps (e.g. buffered page views)."""
    try:
        from portal.core.shutdown import run_shutdown_hooks

        run_shutdown_hooks()
    except Exception:  # a failing hook must not hide the others' work or the exit
        logger.exception("shutdown hooks failed")
