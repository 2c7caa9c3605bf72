"""Reads of the oversight register: what the public sees, with states computed from events."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from portal.agencies.models import Agency
from portal.core.text import fold

from . import state as rules
from .models import ActivityPage, RecommendationEvent, RecommendationPage

__all__ = [
    "Item",
    "agency_scorecard",
    "items_for",
    "live_activities",
    "live_recommendations",
    "overdue_items",
    "public_events",
    "text_matches",
]


@dataclass(frozen=True)
class Item:
    """A recommendation with its state on a given day."""

    recommendation: RecommendationPage
    state: rules.State


def live_activities():
    return ActivityPage.objects.live().public().select_related("kind", "supervising_body")


def live_recommendations():
    return RecommendationPage.objects.in_live_activities().select_related("addressed_to")


def public_events():
    """Events approved onto the public register, oldest first."""
    return (
        RecommendationEvent.objects.public()
        .filter(recommendation__in=live_recommendations())
        .select_related("recommendation", "source_document", "corrects")
        .chronological()
    )


def items_for(
    recommendations: Iterable[RecommendationPage], today: datetime.date | None = None
) -> list[Item]:
    """Each recommendation with its state, from its approved events (one query for all)."""
    today = today or timezone.localdate()
    recommendations = list(recommendations)
    by_recommendation = defaultdict(list)
    events = RecommendationEvent.objects.filter(
        recommendation__in=[r.pk for r in recommendations]
    ).chronological()
    limits = {r.pk: r.events_through for r in recommendations}
    for event in events:
        limit = limits.get(event.recommendation_id)
        if limit is not None and event.pk <= limit:
            by_recommendation[event.recommendation_id].append(event)
    return [Item(r, r.state(today=today, events=by_recommendation[r.pk])) for r in recommendations]


def agency_scorecard(
    agency: Agency, today: datetime.date | None = None
) -> tuple[rules.Scorecard, list[Item]]:
    """The agency's scorecard and the rows it was computed from."""
    items = items_for(
        live_recommendations().filter(addressed_to=agency).order_by("issued_on", "pk"), today
    )
    return rules.scorecard([item.state for item in items]), items


def overdue_items(today: datetime.date | None = None) -> list[Item]:
    """Overdue recommendations, the latest first."""
    items = [item for item in items_for(live_recommendations(), today) if item.state.overdue]
    items.sort(key=lambda item: (-item.state.days_late, item.recommendation.pk))
    return items


def text_matches(query: str, *texts: str) -> bool:
    """Every word of the query occurs in the texts, ignoring case and diacritics."""
    haystack = fold(" ".join(t for t in texts if t))
    return all(word in haystack for word in fold(query).split())
