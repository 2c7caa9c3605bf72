"""The document library in the portal's search (registered from AppConfig.ready)."""

from typing import Any

from portal.search.registry import register_search_provider

from .models import LegalDocument

SEARCH_KIND = "legal_document"


def legal_document_search_entry(document: LegalDocument) -> dict[str, Any]:
    """What the search index holds for one document: symbol first, then title and summary."""
    title = document.display_name
    if document.title and document.title not in title:
        title = f"{title} – {document.title}"
    return {
        "title": title,
        "body": "\n".join(part for part in (document.summary, document.issuer) if part),
        "url": document.get_absolute_url(),
        "symbol": document.symbol,
        "date": document.issued_on,
        "section": "",
        "section_label": document.get_kind_display(),
    }


def register() -> None:
    register_search_provider(
        kind=SEARCH_KIND,
        label="Văn bản",
        model=LegalDocument,
        queryset_fn=lambda: LegalDocument.objects.all(),
        to_entry_fn=legal_document_search_entry,
    )
