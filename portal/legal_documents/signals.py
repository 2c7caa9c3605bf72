"""The publishing pipeline's citations step: an article's citations follow its text, whoever
changes it (the admin, a workflow approval, the scheduler, the importer or code)."""

from portal.core.publishing import TEXT_EVENTS
from portal.news.models import ArticlePage

from .services import citations_refresh


def on_page_changed(page, events: frozenset[str]) -> None:
    if isinstance(page, ArticlePage) and events & TEXT_EVENTS:
        citations_refresh(article=page)


def connect() -> None:
    from portal.core import publishing

    # Before the search step (order 100): the library's drafts exist when it runs.
    publishing.register_step("citations", on_page_changed, order=10)
