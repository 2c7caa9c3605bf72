"""Reads of the oversight register: what the public sees, with states computed from events."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from wagtail.models import Page

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
    "register_export_rows",
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


def register_export_rows(today: datetime.date | None = None) -> list[dict]:
    """The public register as CSV rows (csv_format.COLUMNS), one per recommendation."""
    from portal.legal_documents.models import LegalDocument

    today = today or timezone.localdate()
    activities = {a.path: a for a in live_activities()}
    items = items_for(live_recommendations(), today)
    evidence_ids = {i.state.evidence_id for i in items if i.state.evidence_id}
    evidence = LegalDocument.objects.in_bulk(evidence_ids)
    rows = []
    for item in items:
        r, s = item.recommendation, item.state
        activity = activities.get(r.path[: -Page.steplen])
        if activity is None:
            continue
        document = evidence.get(s.evidence_id)
        rows.append(
            {
                "external_id": r.external_id or f"{activity.reference}-{r.number}",
                "activity_reference": activity.reference,
                "activity_title": activity.title,
                "activity_kind": activity.kind.name,
                "activity_start": activity.start_date,
                "supervising_body_code": activity.supervising_body.code,
                "supervising_body_name": activity.supervising_body.name,
                "agency_code": r.addressed_to.code,
                "agency_name": r.addressed_to.name,
                "number": r.number,
                "text": r.text,
                "issued_on": r.issued_on,
                "due_in_working_days": r.due_in_working_days,
                "due_date": r.due_date,
                "current_due_date": s.due_date,
                "extended_on": s.extended_on if s.extended else None,
                "response_status": s.response_status,
                "response_date": s.responded_on,
                "implementation_status": s.implementation_status,
                "implementation_date": s.implementation_changed_on
                if s.implementation_status != rules.IMPL_NOT_STARTED
                else None,
                "target_date": s.target_date,
                "evidence_symbol": document.symbol if document else "",
                "evidence_date": document.issued_on if document else None,
                "paused_on": s.paused_on if s.paused else None,
            }
        )
    rows.sort(key=lambda row: (row["activity_reference"], row["number"]))
    return rows
