"""Writes to the oversight register: events, drafts from articles, review submission."""

import datetime

from django.db import transaction
from django.utils import timezone

from portal.agencies.models import Agency
from portal.agencies.selectors import agencies_named_in
from portal.legal_documents.selectors import documents_cited_by

from . import state as rules
from .models import (
    ActivityArticle,
    ActivityDocument,
    ActivityKind,
    ActivityPage,
    OversightIndexPage,
    RecommendationEvent,
    RecommendationPage,
)

__all__ = [
    "activity_draft_from_article",
    "page_submit_for_review",
    "recommendation_event_record",
]


def page_submit_for_review(*, page, user) -> bool:
    """Start the page's review workflow unless one is already running; True if started."""
    if page.current_workflow_state is not None:
        return False
    workflow = page.get_workflow()
    if workflow is None:
        return False
    workflow.start(page, user)
    return True


@transaction.atomic
def recommendation_event_record(
    *,
    recommendation: RecommendationPage,
    kind: str,
    occurred_on: datetime.date,
    user=None,
    note: str = "",
    response_status: str = "",
    implementation_status: str = "",
    target_date: datetime.date | None = None,
    new_due_date: datetime.date | None = None,
    source_document=None,
    corrects: RecommendationEvent | None = None,
    submit: bool = False,
) -> RecommendationEvent:
    """Append an event and take it into a new revision of the recommendation for review.

    The event shows publicly once that revision (or a later one) is approved and published.
    """
    event = RecommendationEvent(
        recommendation=recommendation,
        kind=kind,
        occurred_on=occurred_on,
        recorded_by=user,
        note=note.strip(),
        response_status=response_status if kind == rules.EVENT_RESPONSE else "",
        implementation_status=implementation_status if kind == rules.EVENT_IMPLEMENTATION else "",
        target_date=target_date if kind == rules.EVENT_IMPLEMENTATION else None,
        new_due_date=new_due_date if kind == rules.EVENT_EXTENSION else None,
        source_document=source_document,
        corrects=corrects,
    )
    event.full_clean()
    event.save()
    # Lock the page row so two editors recording at once both end up in the latest revision.
    RecommendationPage.objects.select_for_update().filter(pk=recommendation.pk).first()
    draft = recommendation.get_latest_revision_as_object()
    draft.events_through = max(event.pk, draft.events_through or 0)
    draft.save_revision(user=user, log_action=True)
    if submit:
        page_submit_for_review(page=RecommendationPage.objects.get(pk=recommendation.pk), user=user)
    return event


@transaction.atomic
def activity_draft_from_article(
    *,
    article,
    index: OversightIndexPage,
    kind: ActivityKind,
    supervising_body: Agency,
    user=None,
) -> ActivityPage:
    """A draft activity pre-filled from an article: its date, cited documents, named units."""
    start = article.event_date or (
        timezone.localtime(article.first_published_at).date()
        if article.first_published_at
        else timezone.localdate()
    )
    text = "\n".join([article.title, article.lead or "", article.plain_text()])
    units = [a for a in agencies_named_in(text) if a.pk != supervising_body.pk]
    activity = ActivityPage(
        title=article.title,
        kind=kind,
        supervising_body=supervising_body,
        start_date=start,
        end_date=start,
        summary=f"<p>{_escape(article.lead)}</p>" if article.lead else "",
        live=False,
        owner=user,
    )
    activity.documents = [
        ActivityDocument(role=ActivityDocument.ROLE_RELATED, document=document)
        for document in documents_cited_by(article)
    ]
    activity.articles = [ActivityArticle(article=article)]
    activity.supervised_units = units
    index.add_child(instance=activity)
    activity.save_revision(user=user, log_action=True)
    return activity


def _escape(text: str) -> str:
    from django.utils.html import escape

    return escape(text)
