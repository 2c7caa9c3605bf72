"""Petitions in the portal's search (registered from AppConfig.ready)."""

from typing import Any

from portal.search.registry import register_search_provider

from .models import Petition

SEARCH_KIND = "petition"


def petition_search_entry(petition: Petition) -> dict[str, Any]:
    return {
        "title": petition.title,
        "body": petition.text,
        "url": petition.get_absolute_url(),
        "date": petition.received_on,
        "section": "",
        "section_label": "Kiến nghị cử tri",
    }


def register() -> None:
    register_search_provider(
        kind=SEARCH_KIND,
        label="Kiến nghị cử tri",
        model=Petition,
        queryset_fn=lambda: Petition.objects.public(),
        to_entry_fn=petition_search_entry,
    )
