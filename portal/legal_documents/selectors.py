"""Reads of the document library other apps may use."""

from .models import Citation, LegalDocument

__all__ = ["documents_cited_by"]


def documents_cited_by(*, article) -> list[LegalDocument]:
    """The documents an article cites, in the order they were recognised."""
    citations = Citation.objects.filter(article=article).select_related("document").order_by("pk")
    return [citation.document for citation in citations]
