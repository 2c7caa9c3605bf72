"""The public library: a filtered list of documents and a page per document."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from portal.news.models import ArticlePage

from .forms import LegalDocumentFilterForm
from .models import LegalDocument

PAGE_SIZE = 20


def document_list(request):
    documents = LegalDocument.objects.all()
    form = LegalDocumentFilterForm(request.GET or None, documents=documents)
    filtered = form.filter(documents).newest_first()
    page = Paginator(filtered, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "legal_documents/legal_document_list.html",
        {"form": form, "documents": page, "query": query.urlencode()},
    )


def document_detail(request, pk: int):
    document = get_object_or_404(LegalDocument, pk=pk)
    articles = (
        ArticlePage.objects.published()
        .filter(legal_citations__document=document)
        .newest_first()
        .specific()
    )
    return render(
        request,
        "legal_documents/legal_document.html",
        {"document": document, "articles": articles},
    )
