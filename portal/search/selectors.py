"""Reads: run a visitor's query against the index and page through highlighted results."""

from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.utils.functional import cached_property
from django.utils.safestring import SafeString, mark_safe

from .analysis import SearchQuery, parse_query
from .backends import RANK_WINDOW, Filters, backend
from .highlight import highlight, snippet
from .models import SearchEntry
from .registry import get_provider, providers

__all__ = ["SearchResult", "SearchResults", "search_entries", "search_kinds", "search_sections"]

SORTS = ("relevance", "date")
SECTIONS_CACHE_KEY = "search:sections"
SECTIONS_CACHE_SECONDS = 300


@dataclass
class SearchResult:
    entry: SearchEntry
    score: float
    title_html: SafeString
    snippet_html: SafeString

    @property
    def kind_label(self) -> str:
        provider = get_provider(self.entry.kind)
        return provider.label if provider else self.entry.kind


class SearchResults:
    """A lazy, sliceable list of results (what Django's Paginator expects).

    When no entry holds every word of the query, the results are those holding any of them
    (`relaxed` is then True), best first.
    """

    def __init__(self, query: SearchQuery, filters: Filters, sort: str = "relevance"):
        self.query = query
        self.filters = filters
        self.sort = sort if sort in SORTS else "relevance"
        self.relaxed = False
        self.more = False  # more matches than are ranked (RANK_WINDOW)

    @cached_property
    def _ranked(self) -> list:
        """Every ranked hit (at most RANK_WINDOW, plus one to tell there are more)."""
        if self.query.is_empty:
            return []
        engine = backend()
        window = RANK_WINDOW + 1
        hits = engine.search(self.query, self.filters, sort=self.sort, offset=0, limit=window)
        parts = len(self.query.terms) + len(self.query.phrases) + len(self.query.symbols)
        if not hits and parts > 1:
            hits = engine.search(
                self.query, self.filters, sort=self.sort, offset=0, limit=window, any_part=True
            )
            self.relaxed = bool(hits)
        self.more = len(hits) > RANK_WINDOW
        return hits[:RANK_WINDOW]

    def count(self) -> int:
        return len(self._ranked)

    def __len__(self) -> int:
        return len(self._ranked)

    def __getitem__(self, item):
        if isinstance(item, int):
            return self[item : item + 1][0]
        hits = self._ranked[item]
        entries = SearchEntry.objects.defer("rank_doc").in_bulk([hit.entry_id for hit in hits])
        marked = self.query.highlight_words()
        symbols = self.query.symbol_keys()
        return [
            SearchResult(
                entry=entries[hit.entry_id],
                score=hit.score,
                title_html=mark_safe(highlight(entries[hit.entry_id].title, marked, symbols)),  # noqa: S308
                snippet_html=mark_safe(snippet(entries[hit.entry_id].body, marked, symbols)),  # noqa: S308
            )
            for hit in hits
            if hit.entry_id in entries
        ]


def search_entries(
    text: str | None,
    *,
    kinds: list[str] | tuple[str, ...] = (),
    section: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
    sort: str = "relevance",
) -> SearchResults:
    """Entries matching a query as typed (any spelling, any punctuation), best first."""
    filters = Filters(kinds=tuple(kinds), section=section, date_from=date_from, date_to=date_to)
    return SearchResults(parse_query(text), filters, sort)


def search_kinds() -> list[tuple[str, str]]:
    """(kind, label) of every searchable content type."""
    return [(provider.kind, provider.label) for provider in providers()]


def search_sections() -> list[tuple[str, str]]:
    """(slug, title) of the sections that have indexed entries (cached for a few minutes)."""

    def load() -> list[tuple[str, str]]:
        rows = (
            SearchEntry.objects.exclude(section="")
            .values_list("section", "section_label")
            .order_by("section_label")
            .distinct()
        )
        return list(dict(rows).items())

    return cache.get_or_set(SECTIONS_CACHE_KEY, load, SECTIONS_CACHE_SECONDS)
