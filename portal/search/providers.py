"""The content types this app makes searchable itself: news articles."""

from typing import Any

from portal.news.models import ArticlePage

from .registry import register_search_provider

ARTICLE_KIND = "article"


def article_search_entry(page: ArticlePage) -> dict[str, Any]:
    """An article as a search entry: lead, body text, byline and tags are searchable."""
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
        "symbols": _cited_symbols(page),
    }


def _cited_symbols(page: ArticlePage) -> list[str]:
    # Citations recorded by the legal documents app (when installed), besides the symbols
    # written in the text, which are found anyway.
    citations = getattr(page, "legal_citations", None)
    if citations is None:
        return []
    return [citation.document.symbol for citation in citations.select_related("document")]


def register_articles() -> None:
    register_search_provider(
        kind=ARTICLE_KIND,
        label="Tin bài",
        model=ArticlePage,
        queryset_fn=lambda: ArticlePage.objects.published(),
        to_entry_fn=article_search_entry,
    )
