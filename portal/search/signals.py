"""Keep the index current: pages on publish/unpublish/move/delete, other models on save/delete."""

from django.db.models.signals import post_delete, post_save

from wagtail.signals import page_published, page_unpublished, post_page_move

__all__ = ["watch"]


def _update(instance) -> None:
    from .services import search_index_update

    search_index_update(instance)


def _remove(instance) -> None:
    from .services import search_index_remove

    search_index_remove(instance)


def on_page_published(sender, instance, **kwargs):
    _update(instance)


def on_page_unpublished(sender, instance, **kwargs):
    _update(instance)


def on_page_moved(sender, instance, **kwargs):
    from .registry import provider_for

    # The page's URL and its descendants' URLs (and sections) changed.
    for page in instance.get_descendants(inclusive=True).specific():
        if provider_for(page) is not None:
            _update(page)


def on_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _update(instance)


def on_deleted(sender, instance, **kwargs):
    _remove(instance)


page_published.connect(on_page_published, dispatch_uid="search_page_published")
page_unpublished.connect(on_page_unpublished, dispatch_uid="search_page_unpublished")
post_page_move.connect(on_page_moved, dispatch_uid="search_page_moved")


def watch(provider) -> None:
    """Connect the signals that keep a provider's entries current."""
    uid = f"search_{provider.kind}"
    post_delete.connect(on_deleted, sender=provider.model, dispatch_uid=f"{uid}_deleted")
    if not provider.is_page:
        post_save.connect(on_saved, sender=provider.model, dispatch_uid=f"{uid}_saved")
