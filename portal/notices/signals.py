"""Cache purging only: a notice shows on every page, so any change to one refreshes them all."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import MaintenanceNotice


def purge_pages() -> None:
    """Tell the page cache that every page changed (portal.core.pagecache, when installed)."""
    try:
        from portal.core.pagecache import content_changed
    except ImportError:  # no shared page cache on this build: pages are rendered fresh
        return
    content_changed()


@receiver(post_save, sender=MaintenanceNotice, dispatch_uid="notices-saved")
@receiver(post_delete, sender=MaintenanceNotice, dispatch_uid="notices-deleted")
def notice_changed(sender, instance=None, raw=False, **kwargs) -> None:
    if not raw:
        purge_pages()
