"""Hooks that run when a server process stops gracefully (flush buffered counters)."""

from collections.abc import Callable

__all__ = ["register_shutdown_hook", "run_shutdown_hooks"]

_hooks: list[Callable[[], None]] = []


def register_shutdown_hook(hook: Callable[[], None]) -> None:
    """Register `hook` to run once at graceful stop (gunicorn worker_exit, runserver exit)."""
    if hook not in _hooks:
        _hooks.append(hook)


def run_shutdown_hooks() -> None:
    for hook in list(_hooks):
        hook()
