"""Public writes to the search index: update or remove one object, store entries, rebuild."""

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from wagtail.models import Page

from portal.core.text import clean_whitespace, nfc, symbol_key

from .analysis import analyse_text, compact_symbol, text_symbols
from .backends import BONUS_BODY_CHARS, IndexRow, backend
from .models import SearchEntry
from .registry import get_provider, provider_for, providers
from .selectors import SECTIONS_CACHE_KEY

__all__ = [
    "search_index_rebuild",
    "search_index_remove",
    "search_index_store",
    "search_index_store_many",
    "search_index_update",
]

MAX_BODY_CHARS = 60_000
BATCH_SIZE = 500


def _provider_and_object(obj):
    provider = provider_for(obj)
    if provider is None and isinstance(obj, Page) and type(obj) is Page:
        obj = obj.specific
        provider = provider_for(obj)
    return provider, obj


def _as_date(value) -> date | None:
    if isinstance(value, datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


def lead_words(title: str, body: str) -> str:
    """SearchEntry.lead_words of a title and body."""
    return f"{analyse_text(title).exact}\n{analyse_text(body[:BONUS_BODY_CHARS]).exact}"


def _prepare(kind: str, object_id: int, entry: dict[str, Any]) -> tuple[SearchEntry, dict]:
    title = clean_whitespace(nfc(entry.get("title") or ""))
    body = nfc(entry.get("body") or "")[:MAX_BODY_CHARS]
    symbol = clean_whitespace(nfc(entry.get("symbol") or ""))
    # An editor may type a symbol the running-text grammar would not take ("123/HD").
    own_keys = (text_symbols(symbol) or [symbol_key(symbol)]) if symbol else []
    cited = text_symbols(f"{title}\n{body}")
    for extra in entry.get("symbols") or ():
        cited.extend(key for key in text_symbols(extra) if key not in cited)
    values = {
        "title": title,
        "body": body,
        "lead_words": lead_words(title, body),
        "url": entry.get("url") or "",
        "section": entry.get("section") or "",
        "section_label": entry.get("section_label") or "",
        "date": _as_date(entry.get("date")),
        "symbol": symbol,
        "symbol_key": own_keys[0] if own_keys else "",
    }
    keys = list(dict.fromkeys([*own_keys, *cited]))
    return SearchEntry(kind=kind, object_id=object_id, **values), {
        "symbols": " ".join(compact_symbol(key) for key in keys)
    }


def _index_row(entry: SearchEntry, symbols: str) -> IndexRow:
    title = analyse_text(entry.title)
    body = analyse_text(entry.body)
    return IndexRow(
        entry_id=entry.pk,
        title_folded=title.folded,
        body_folded=body.folded,
        symbols=symbols,
        lead_words=entry.lead_words,
    )


@transaction.atomic
def search_index_store(*, kind: str, object_id: int, entry: dict[str, Any]) -> SearchEntry:
    """Insert or replace one object's entry (the provider's dict, see registry.py)."""
    prepared, extra = _prepare(kind, object_id, entry)
    values = {
        field: getattr(prepared, field)
        for field in (
            "title",
            "body",
            "lead_words",
            "url",
            "section",
            "section_label",
            "date",
            "symbol",
        )
    }
    values["symbol_key"] = prepared.symbol_key
    stored, _ = SearchEntry.objects.update_or_create(
        kind=kind, object_id=object_id, defaults=values
    )
    backend().write([_index_row(stored, extra["symbols"])])
    cache.delete(SECTIONS_CACHE_KEY)
    return stored


@transaction.atomic
def search_index_store_many(
    *, kind: str, items: Iterable[tuple[int, dict[str, Any]]], batch_size: int = BATCH_SIZE
) -> int:
    """Bulk-insert entries for objects not yet in the index (rebuilds, imports, benchmarks)."""
    engine = backend()
    count = 0
    batch: list[tuple[SearchEntry, dict]] = []

    def flush() -> None:
        created = SearchEntry.objects.bulk_create([entry for entry, _ in batch])
        if any(entry.pk is None for entry in created):  # backends without RETURNING
            ids = dict(
                SearchEntry.objects.filter(
                    kind=kind, object_id__in=[entry.object_id for entry in created]
                ).values_list("object_id", "pk")
            )
            for entry in created:
                entry.pk = ids[entry.object_id]
        engine.write(
            _index_row(entry, extra["symbols"])
            for entry, extra in zip(created, [extra for _, extra in batch], strict=True)
        )
        batch.clear()

    for object_id, entry in items:
        batch.append(_prepare(kind, object_id, entry))
        count += 1
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    cache.delete(SECTIONS_CACHE_KEY)
    return count


@transaction.atomic
def _remove_entries(kind: str, object_ids: Iterable[int]) -> int:
    entries = SearchEntry.objects.filter(kind=kind, object_id__in=list(object_ids))
    ids = list(entries.values_list("pk", flat=True))
    backend().delete(ids)
    SearchEntry.objects.filter(pk__in=ids).delete()
    cache.delete(SECTIONS_CACHE_KEY)
    return len(ids)


def search_index_remove(obj) -> bool:
    """Drop an object from the index; True if it was there."""
    provider, obj = _provider_and_object(obj)
    if provider is None or obj.pk is None:
        return False
    return bool(_remove_entries(provider.kind, [obj.pk]))


def search_index_update(obj) -> bool:
    """Index an object as it is now, or drop it if it may no longer be shown; True if indexed."""
    provider, obj = _provider_and_object(obj)
    if provider is None or obj.pk is None:
        return False
    if not provider.queryset_fn().filter(pk=obj.pk).exists():
        _remove_entries(provider.kind, [obj.pk])
        return False
    search_index_store(kind=provider.kind, object_id=obj.pk, entry=provider.to_entry_fn(obj))
    return True


def search_index_rebuild(kinds: Iterable[str] | None = None) -> dict[str, int]:
    """Rebuild the entries of the given kinds (all by default); return how many were indexed."""
    selected = [get_provider(kind) for kind in kinds] if kinds else providers()
    counts = {}
    for provider in selected:
        if provider is None:
            continue
        with transaction.atomic():
            stale = SearchEntry.objects.filter(kind=provider.kind)
            backend().delete(list(stale.values_list("pk", flat=True)))
            stale.delete()
            objects = provider.queryset_fn().iterator(chunk_size=BATCH_SIZE)
            counts[provider.kind] = search_index_store_many(
                kind=provider.kind,
                items=((obj.pk, provider.to_entry_fn(obj)) for obj in objects),
            )
    return counts
