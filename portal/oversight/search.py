"""The register's pages in the portal's search (registered from AppConfig.ready)."""

from typing import Any

from django.utils.html import strip_tags

from portal.search.registry import register_search_provider

from .models import ActivityPage, RecommendationPage


def activity_search_entry(activity: ActivityPage) -> dict[str, Any]:
    return {
        "title": activity.title,
        "body": "\n".join(
            part
            for part in (
                strip_tags(activity.summary),
                activity.supervising_body.name,
                activity.reference,
            )
            if part
        ),
        "url": activity.url,
        "date": activity.start_date,
        "section": "giam-sat",
        "section_label": "Hoạt động giám sát",
    }


def recommendation_search_entry(recommendation: RecommendationPage) -> dict[str, Any]:
    return {
        "title": recommendation.title,
        "body": f"{recommendation.text}\n{recommendation.addressed_to.name}",
        "url": recommendation.url,
        "date": recommendation.issued_on,
        "section": "giam-sat",
        "section_label": "Kiến nghị giám sát",
    }


def register() -> None:
    register_search_provider(
        kind="oversight_activity",
        label="Hoạt động giám sát",
        model=ActivityPage,
        queryset_fn=lambda: ActivityPage.objects.live().public(),
        to_entry_fn=activity_search_entry,
    )
    register_search_provider(
        kind="oversight_recommendation",
        label="Kiến nghị giám sát",
        model=RecommendationPage,
        queryset_fn=lambda: RecommendationPage.objects.live().public(),
        to_entry_fn=recommendation_search_entry,
    )
