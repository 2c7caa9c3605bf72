"""Cache purging: any change to published content bumps the content version (pagecache)."""

from functools import lru_cache

from django.apps import apps
from django.conf import settings
from django.db.models.signals import post_delete, post_save

from wagtail.signals import page_published, page_unpublished, post_page_move

from .pagecache import content_changed

__all__ = ["connect"]

# Models whose changes show on public pages. Settings name them by label so core imports no
# domain app; counters (ratings, votes, visits) are absent on purpose: their live figures come
# from /ca-nhan/, and bumping on every vote would empty the caches during a voting spike.
DEFAULT_CONTENT_MODELS = (
    "wagtailcore.Page",
    "wagtailcore.Site",
    "wagtailcore.PageViewRestriction",
    "core.PortalSettings",
    "comments.Comment",
    "links.WebsiteLink",
    "polls.Poll",
    "polls.PollOption",
    "legal_documents.LegalDocument",
    "wagtailimages.Image",
    "images.PortalImage",
    "wagtailredirects.Redirect",
)


@lru_cache(maxsize=1)
def _content_models() -> tuple:
    labels = getattr(settings, "PAGE_CACHE_CONTENT_MODELS", DEFAULT_CONTENT_MODELS)
    models = []
    for label in labels:
        try:
            models.append(apps.get_model(label))
        except LookupError:
            continue
    return tuple(models)


# What Wagtail fills in by itself the first time an image is used (its size, its hash): a GET
# must not empty every cache because a page showed an image for the first time.
BOOKKEEPING_FIELDS = frozenset({"file_size", "file_hash"})


def _model_changed(sender, instance=None, raw=False, update_fields=None, **kwargs) -> None:
    if raw or instance is None:
        return
    if update_fields and set(update_fields) <= BOOKKEEPING_FIELDS:
        return
    if isinstance(instance, _content_models()):
        content_changed()


def _page_changed(sender=None, **kwargs) -> None:
    content_changed()


def connect() -> None:
    post_save.connect(_model_changed, dispatch_uid="pagecache-save")
    post_delete.connect(_model_changed, dispatch_uid="pagecache-delete")
    page_published.connect(_page_changed, dispatch_uid="pagecache-published")
    page_unpublished.connect(_page_changed, dispatch_uid="pagecache-unpublished")
    post_page_move.connect(_page_changed, dispatch_uid="pagecache-moved")
