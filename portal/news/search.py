"""News articles in the portal's search (registered from NewsConfig.ready)."""

from typing import Any

from portal.search.registry import register_search_provider

from .models import ArticlePage

ARTICLE_KIND = "article"


def article_search_entry(page: ArticlePage) -> dict[str, Any]:
    """An article as a search entry: lead, body text, byline and tags are searchable.

    The document symbols it cites are those written in its text, which the index finds with the
    same grammar the citations are recognised with (portal.core.text).
    """
    section = page.get_parent()
    tags = ", ".join(tag.name for tag in page.tags.all())
    body = "\n\n".join(part for part in (page.lead, page.plain_text(), page.byline, tags) if part)
    return {
        "title": page.title,
        "body": body,
        "url": page.get_url() or page.url_path,
        "section": section.slug if section else "",
        "section_label": section.title if section else "",
        "date": page.event_date or page.first_published_at,
    }


def register() -> None:
    register_search_provider(
        kind=ARTICLE_KIND,
        label="Tin bài",
        model=ArticlePage,
        queryset_fn=lambda: ArticlePage.objects.published(),
        to_entry_fn=article_search_entry,
    )
