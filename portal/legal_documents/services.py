"""Writes to the document library: drafts for unknown references, an article's citations."""

from django.db import IntegrityError, transaction

from portal.news.models import ArticlePage

from .models import Citation, LegalDocument
from .references import Reference, find_references, issuer_from_symbol

__all__ = ["citations_refresh", "legal_document_for_reference"]


def _draft_from(reference: Reference) -> LegalDocument:
    return LegalDocument(
        key=reference.key,
        symbol=reference.symbol,
        kind=reference.kind,
        issuer=reference.issuer or issuer_from_symbol(reference.symbol),
        issued_on=reference.issued_on,
        title="" if reference.symbol else reference.name,
        status=LegalDocument.STATUS_DRAFT,
    )


def legal_document_for_reference(*, reference: Reference) -> LegalDocument:
    """The library's document for a reference; an unknown one is created as a draft.

    A draft the recogniser made learns the date and issuer from later, fuller references;
    a document an editor completed is never changed.
    """
    document = LegalDocument.objects.filter(key=reference.key).first()
    if document is None:
        draft = _draft_from(reference)
        draft.full_clean()
        try:
            with transaction.atomic():
                draft.save()
            return draft
        except IntegrityError:  # Created meanwhile by a concurrent import or save.
            return LegalDocument.objects.get(key=reference.key)
    if document.is_draft:
        changed = []
        if reference.issued_on and not document.issued_on:
            document.issued_on = reference.issued_on
            changed.append("issued_on")
        if reference.issuer and (
            not document.issuer or document.issuer == issuer_from_symbol(document.symbol)
        ):
            document.issuer = reference.issuer
            changed.append("issuer")
        if changed:
            document.save(update_fields=[*changed, "updated_at"])
    return document


def _article_text(article: ArticlePage) -> str:
    return "\n\n".join(part for part in (article.title, article.lead, article.plain_text()) if part)


@transaction.atomic
def citations_refresh(*, article: ArticlePage) -> list[LegalDocument]:
    """Recognise the references in an article and make its citations exactly those documents."""
    documents: dict[int, tuple[LegalDocument, str]] = {}
    for reference in find_references(_article_text(article)):
        document = legal_document_for_reference(reference=reference)
        documents.setdefault(document.pk, (document, reference.text))
    Citation.objects.filter(article=article).exclude(document_id__in=documents).delete()
    existing = set(Citation.objects.filter(article=article).values_list("document_id", flat=True))
    Citation.objects.bulk_create(
        [
            Citation(document=document, article=article, quoted_as=quoted[:255])
            for pk, (document, quoted) in documents.items()
            if pk not in existing
        ],
        ignore_conflicts=True,
    )
    return [document for document, _ in documents.values()]
