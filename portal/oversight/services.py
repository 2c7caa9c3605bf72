"""Writes to the oversight register: events, drafts from articles, review submission."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from portal.agencies.models import Agency
from portal.agencies.selectors import agencies_named_in
from portal.legal_documents.models import LegalDocument
from portal.legal_documents.selectors import documents_cited_by, legal_document_by_symbol

from . import state as rules
from .csv_format import ParsedActivity, Problem
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
    "register_import",
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


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    recommendations: int = 0


class _Refused(Exception):
    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def _agency(code: str, name: str, kind: str = Agency.KIND_OTHER) -> Agency:
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        agency = Agency(code=code, name=name, kind=kind)
        agency.full_clean()
        agency.save()
    return agency


def _evidence(symbol: str, issued_on: datetime.date, line: int):
    document = legal_document_by_symbol(symbol)
    if document is None:
        document = LegalDocument(symbol=symbol, kind="other", issued_on=issued_on)
        document.clean()
        document.save()
    elif document.issued_on != issued_on:
        raise _Refused(
            Problem(
                line,
                f"văn bản {document.display_name} trong thư viện có ngày "
                f"{document.issued_on or 'trống'}, khác evidence_date {issued_on:%Y-%m-%d}",
            )
        )
    return document


def _import_activity(parsed: ParsedActivity, index: OversightIndexPage, user) -> int:
    values = parsed.values
    activity = ActivityPage(
        reference=parsed.reference,
        title=values["activity_title"],
        kind=ActivityKind.objects.get_or_create(name=values["activity_kind"])[0],
        supervising_body=_agency(
            values["supervising_body_code"], values["supervising_body_name"], Agency.KIND_COUNCIL
        ),
        start_date=values["activity_start"],
    )
    try:
        index.add_child(instance=activity)
    except ValidationError as error:
        raise _Refused(Problem(parsed.first_line, _message(error))) from error
    activity.save_revision(user=user).publish(user=user)
    for row in sorted(parsed.rows, key=lambda r: r.values["number"]):
        v = row.values
        if RecommendationPage.objects.filter(external_id=v["external_id"]).exists():
            raise _Refused(Problem(row.line, f"external_id {v['external_id']} đã có trong sổ"))
        recommendation = RecommendationPage(
            number=v["number"],
            text=v["text"],
            addressed_to=_agency(v["agency_code"], v["agency_name"]),
            issued_on=v["issued_on"],
            due_in_working_days=v["due_in_working_days"],
            due_date=v["due_date"],
            external_id=v["external_id"],
        )
        try:
            activity.add_child(instance=recommendation)
        except ValidationError as error:
            raise _Refused(Problem(row.line, _message(error))) from error
        if recommendation.due_date != v["due_date"]:
            raise _Refused(
                Problem(
                    row.line,
                    f"{v['due_in_working_days']} ngày làm việc sau {v['issued_on']:%d/%m/%Y} là "
                    f"{recommendation.due_date:%d/%m/%Y}, khác due_date {v['due_date']:%d/%m/%Y}",
                )
            )
        recommendation.save_revision(user=user).publish(user=user)
        events = []
        if v["response_status"] != rules.RESPONSE_NONE:
            events.append(
                {
                    "kind": rules.EVENT_RESPONSE,
                    "occurred_on": v["response_date"],
                    "response_status": v["response_status"],
                }
            )
        if v["implementation_status"] != rules.IMPL_NOT_STARTED:
            event = {
                "kind": rules.EVENT_IMPLEMENTATION,
                "occurred_on": v["implementation_date"],
                "implementation_status": v["implementation_status"],
                "target_date": v["target_date"],
            }
            if v["implementation_status"] == rules.IMPL_DONE:
                event["source_document"] = _evidence(
                    v["evidence_symbol"], v["evidence_date"], row.line
                )
            events.append(event)
        if v["current_due_date"] != v["due_date"]:
            events.append(
                {
                    "kind": rules.EVENT_EXTENSION,
                    "occurred_on": v["extended_on"],
                    "new_due_date": v["current_due_date"],
                }
            )
        if v["paused_on"]:
            events.append({"kind": rules.EVENT_PAUSE, "occurred_on": v["paused_on"]})
        for event in events:
            try:
                recommendation_event_record(
                    recommendation=recommendation, user=user, note="Nhập từ tệp CSV.", **event
                )
            except ValidationError as error:
                raise _Refused(Problem(row.line, _message(error))) from error
        if events:
            recommendation.refresh_from_db()
            recommendation.get_latest_revision().publish(user=user)
    return len(parsed.rows)


def _message(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
    return " ".join(error.messages)


def register_import(
    *,
    activities: list[ParsedActivity],
    problems: list[Problem] = (),
    user=None,
    dry_run: bool = False,
) -> ImportReport:
    """Import parsed activities, each whole or not at all; existing references are skipped."""
    report = ImportReport(problems=list(problems))
    index = OversightIndexPage.objects.first()
    if index is None:
        report.problems.append(
            Problem(1, "chưa có trang “Sổ theo dõi giám sát” để nhập vào; hãy tạo trang này trước")
        )
        return report
    for parsed in activities:
        if parsed.problems:
            report.problems.extend(parsed.problems)
            report.refused.append(parsed.reference)
            continue
        if ActivityPage.objects.filter(reference=parsed.reference).exists():
            report.skipped.append(parsed.reference)
            continue
        try:
            with transaction.atomic():
                count = _import_activity(parsed, index, user)
                if dry_run:
                    raise _DryRun()
        except _DryRun:
            count = len(parsed.rows)
        except _Refused as refused:
            report.problems.append(refused.problem)
            report.refused.append(parsed.reference)
            continue
        report.created.append(parsed.reference)
        report.recommendations += count
    report.problems.sort(key=lambda p: p.line)
    return report


class _DryRun(Exception):
    pass
