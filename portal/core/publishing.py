"""The publishing pipeline: the one place where a page's derived data follows the page.

When a page is published, saved as a draft in the admin, moved, unpublished or imported, the
steps the apps registered run for it once, in their order: the legal documents app refreshes
the article's citations, the search app its search entry. Wagtail's signals and admin hooks only
call `page_changed`; code that changes pages in bulk (the importer, the demo loader) wraps the
work in `batch()`, so each page is processed once, after everything else, however many signals
it sent on the way.

Core knows no domain app: each app registers its own step from AppConfig.ready().
"""

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import transaction

__all__ = [
    "DRAFT_SAVED",
    "IMPORTED",
    "MOVED",
    "PUBLISHED",
    "TEXT_EVENTS",
    "UNPUBLISHED",
    "batch",
    "connect",
    "page_changed",
    "register_step",
]

PUBLISHED = "published"
DRAFT_SAVED = "draft_saved"  # created or edited in the admin without publishing
MOVED = "moved"
UNPUBLISHED = "unpublished"
IMPORTED = "imported"
# What each event may have changed: the text (citations follow it) or only the place/visibility.
TEXT_EVENTS = frozenset({PUBLISHED, DRAFT_SAVED, IMPORTED})


@dataclass(frozen=True)
class Step:
    name: str
    order: int
    run: Callable[[object, frozenset[str]], None]  # (specific page, the events it went through)


_STEPS: dict[str, Step] = {}
_local = threading.local()


def register_step(name: str, run: Callable[[object, frozenset[str]], None], *, order: int) -> None:
    """Add a step (replacing one of the same name); lower `order` runs first."""
    _STEPS[name] = Step(name=name, order=order, run=run)


def _steps() -> list[Step]:
    return sorted(_STEPS.values(), key=lambda step: step.order)


def _run(page, events: frozenset[str]) -> None:
    for step in _steps():
        step.run(page, events)


def page_changed(page, event: str) -> None:
    """Run every step for `page` now, or at the end of the enclosing batch()."""
    page = page.specific if hasattr(page, "specific") else page
    pending = getattr(_local, "pending", None)
    if pending is not None:
        previous = pending.get(page.pk)
        events = (previous[1] if previous else frozenset()) | {event}
        pending[page.pk] = (page, events)  # the latest instance: what the caller last saw
        return
    _run(page, frozenset({event}))


@contextmanager
def batch() -> Iterator[None]:
    """Collect the pages changed inside; on a clean exit, run the steps once per page.

    Nested batches join the outermost one. The steps run inside the same transaction as the
    changes when the caller holds one, so an import is still all or nothing.
    """
    if getattr(_local, "pending", None) is not None:
        yield
        return
    _local.pending = {}
    try:
        yield
        pending, _local.pending = _local.pending, None
        with transaction.atomic():
            for page, events in pending.values():
                _run(page, events)
    finally:
        _local.pending = None


# --- Wagtail's signals and admin hooks: they only call into the pipeline ----------------------


def _on_published(sender, instance, **kwargs) -> None:
    page_changed(instance, PUBLISHED)


def _on_unpublished(sender, instance, **kwargs) -> None:
    page_changed(instance, UNPUBLISHED)


def _on_moved(sender, instance, **kwargs) -> None:
    # The page's URL and its descendants' URLs (and sections) changed.
    for page in instance.get_descendants(inclusive=True).specific():
        page_changed(page, MOVED)


def _after_admin_save(request, page) -> None:
    # Publishing from the admin already sent page_published (handled above): only a draft
    # save, which sends no signal, is left to this hook, so each save is processed once.
    state = type(page).objects.filter(pk=page.pk).values("live", "has_unpublished_changes").first()
    if state and state["live"] and not state["has_unpublished_changes"]:
        return
    page_changed(page, DRAFT_SAVED)


def connect() -> None:
    """Connect Wagtail's page signals and admin hooks (called once from CoreConfig.ready)."""
    from wagtail import hooks
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(_on_published, dispatch_uid="publishing_page_published")
    page_unpublished.connect(_on_unpublished, dispatch_uid="publishing_page_unpublished")
    post_page_move.connect(_on_moved, dispatch_uid="publishing_page_moved")
    hooks.register("after_create_page", _after_admin_save)
    hooks.register("after_edit_page", _after_admin_save)
