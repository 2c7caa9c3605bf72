"""Which content types are searchable: each registers a provider with one call.

    register_search_provider(
        kind="legal_document",
        label="Văn bản",
        model=LegalDocument,
        queryset_fn=lambda: LegalDocument.objects.published(),
        to_entry_fn=legal_document_search_entry,
    )

`queryset_fn()` returns the objects that may appear in results (live, public); `to_entry_fn(obj)`
returns a dict: title, url (required), body, section, section_label, date, symbol (the object's
own document symbol, for documents), symbols (other symbols it cites, as written).
Wagtail pages are indexed when published and removed when unpublished or deleted; other models
when saved and deleted.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models

from wagtail.models import Page

__all__ = [
    "SearchProvider",
    "get_provider",
    "provider_for",
    "providers",
    "register_search_provider",
]


@dataclass(frozen=True)
class SearchProvider:
    kind: str
    label: str
    model: type[models.Model]
    queryset_fn: Callable[[], models.QuerySet]
    to_entry_fn: Callable[[Any], dict[str, Any]]

    @property
    def is_page(self) -> bool:
        return issubclass(self.model, Page)


_PROVIDERS: dict[str, SearchProvider] = {}


def register_search_provider(
    kind: str,
    label: str,
    model: type[models.Model],
    queryset_fn: Callable[[], models.QuerySet],
    to_entry_fn: Callable[[Any], dict[str, Any]],
) -> SearchProvider:
    """Make a content type searchable and keep its entries current as objects change."""
    from . import signals

    provider = SearchProvider(
        kind=kind,
        label=label,
        model=model,
        queryset_fn=queryset_fn,
        to_entry_fn=to_entry_fn,
    )
    _PROVIDERS[kind] = provider
    signals.watch(provider)
    return provider


def providers() -> list[SearchProvider]:
    """Registered providers, in registration order."""
    return list(_PROVIDERS.values())


def provider_for(obj_or_model) -> SearchProvider | None:
    """The provider of an object's (or model's) type, if any."""
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    for provider in _PROVIDERS.values():
        if issubclass(model, provider.model):
            return provider
    return None


def get_provider(kind: str) -> SearchProvider | None:
    return _PROVIDERS.get(kind)
