"""Reads of the document library other apps use."""

import html
import re

from portal.core.text import nfc, symbol_key

from .models import Citation, LegalDocument
from .references import find_references

__all__ = ["document_urls", "documents_cited_by", "legal_document_by_symbol", "reference_keys"]

HTML_TAG = re.compile(r"(<[^>]*>)")


def documents_cited_by(article) -> list[LegalDocument]:
    """The documents an article cites (as the recogniser found them), in order of first citation."""
    citations = Citation.objects.filter(article=article).select_related("document").order_by("pk")
    return [citation.document for citation in citations]


def legal_document_by_symbol(symbol: str) -> LegalDocument | None:
    """The library's record of a document symbol in any spelling ("55-QĐ/TƯ" = "55-QĐ/TW")."""
    if not symbol or not symbol.strip():
        return None
    return LegalDocument.objects.filter(key=symbol_key(symbol.strip())).first()


def reference_keys(value: str) -> set[str]:
    """The document keys referred to in the text nodes of an HTML fragment."""
    return {ref.key for ref in find_references(html.unescape(re.sub(HTML_TAG, " ", nfc(value))))}


def document_urls(keys) -> dict[str, str | None]:
    """Each key's page in the library, None for a key with no document (one query for all)."""
    keys = set(keys)
    urls: dict[str, str | None] = dict.fromkeys(keys)
    if keys:
        for document in LegalDocument.objects.filter(key__in=keys).only("pk", "key"):
            urls[document.key] = document.get_absolute_url()
    return urls
