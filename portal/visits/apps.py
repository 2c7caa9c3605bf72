import sys

from django.apps import AppConfig


class VisitsConfig(AppConfig):
    name = "portal.visits"
    label = "visits"
    verbose_name = "Thống kê truy cập"

    def ready(self) -> None:
        from portal.core.shutdown import register_shutdown_hook, run_shutdown_hooks

        from .services import visits_flush_on_exit

        register_shutdown_hook(visits_flush_on_exit)
        if sys.argv[1:2] == ["runserver"]:
            # The dev server has no worker_exit hook: flush what it buffered when it stops, on
            # Ctrl-C or on SIGTERM (made a normal exit, so atexit runs).
            import atexit
            import signal
            import threading

            atexit.register(run_shutdown_hooks)
            if threading.current_thread() is threading.main_thread():
                signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
