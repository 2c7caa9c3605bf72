"""Reads of the document library other apps use."""

from portal.core.text import symbol_key

from .models import Citation, LegalDocument

__all__ = ["documents_cited_by", "legal_document_by_symbol"]


def documents_cited_by(article) -> list[LegalDocument]:
    """The documents an article cites (as the recogniser found them), in order of first citation."""
    citations = Citation.objects.filter(article=article).select_related("document").order_by("pk")
    return [citation.document for citation in citations]


def legal_document_by_symbol(symbol: str) -> LegalDocument | None:
    """The library's record of a document symbol in any spelling ("55-QĐ/TƯ" = "55-QĐ/TW")."""
    if not symbol or not symbol.strip():
        return None
    return LegalDocument.objects.filter(key=symbol_key(symbol.strip())).first()
