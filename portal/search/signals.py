"""Keep the index current: pages through the publishing pipeline (portal.core.publishing),
other models on save/delete, every provider's objects on delete."""

from django.db.models.signals import post_delete, post_save

from portal.core.publishing import DRAFT_SAVED

__all__ = ["on_page_changed", "watch"]


def _update(instance) -> None:
    from .services import search_index_update

    search_index_update(instance)


def _remove(instance) -> None:
    from .services import search_index_remove

    search_index_remove(instance)


def on_page_changed(page, events: frozenset[str]) -> None:
    """The pipeline's search step: index the page as it is live now (or drop it)."""
    from .registry import provider_for

    if events <= {DRAFT_SAVED} or provider_for(page) is None:
        return  # a draft changes nothing readers can find
    live = type(page).objects.filter(pk=page.pk).first()  # not a draft held in memory
    if live is not None:
        _update(live)


def on_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _update(instance)


def on_deleted(sender, instance, **kwargs):
    _remove(instance)


def watch(provider) -> None:
    """Connect the signals that keep a provider's entries current."""
    uid = f"search_{provider.kind}"
    post_delete.connect(on_deleted, sender=provider.model, dispatch_uid=f"{uid}_deleted")
    if not provider.is_page:
        post_save.connect(on_saved, sender=provider.model, dispatch_uid=f"{uid}_saved")
