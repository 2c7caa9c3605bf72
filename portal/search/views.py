"""The results page (/tim-kiem/): the form, filters, highlighted results, pagination."""

from django.core.paginator import Paginator
from django.shortcuts import render

from .forms import SearchForm
from .selectors import search_entries

PAGE_SIZE = 10


def search(request):
    form = SearchForm(request.GET or None)
    query_text = ""
    page = None
    results = None
    if form.is_bound:
        form.is_valid()
        query_text = (form.cleaned_data.get("q") or "").strip()
        results = search_entries(query_text, **form.search_arguments())
        if not results.query.is_empty:
            page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "search/results.html",
        {
            "form": form,
            "query_text": query_text,
            "results": results,
            "page_obj": page,
            "searched": page is not None,
            "query_string": params.urlencode(),
        },
    )
