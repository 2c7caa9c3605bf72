"""The register's public views (served by its pages) and the admin's two forms."""

from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page

from portal.agencies.models import Agency
from portal.agencies.selectors import agency_by_code

from . import selectors
from . import state as rules
from .forms import ActivityFromArticleForm, RecommendationEventForm, RegisterFilterForm
from .models import ActivityKind, ActivityPage, OversightIndexPage, RecommendationPage
from .services import activity_draft_from_article, recommendation_event_record

REGISTER_PAGE_SIZE = 20


def _status_matches(state: rules.State, status: str) -> bool:
    if status == "unanswered":
        return not state.answered
    if status == "answered":
        return state.answered
    if status == "overdue":
        return state.overdue
    if status == "long_overdue":
        return state.long_overdue
    return state.implementation_status == status


def _totals(items) -> dict:
    return {
        "recommendations": len(items),
        "answered": sum(1 for i in items if i.state.answered),
        "implemented": sum(1 for i in items if i.state.implemented),
        "overdue": sum(1 for i in items if i.state.overdue),
    }


def register_context(index: OversightIndexPage, request) -> dict:
    """The register's list: activities with their recommendations, filtered."""
    today = timezone.localdate()
    activities = list(selectors.live_activities().child_of(index).order_by("-start_date", "-pk"))
    items = selectors.items_for(
        selectors.live_recommendations().descendant_of(index).order_by("number"), today
    )
    by_activity = defaultdict(list)
    for item in items:
        by_activity[item.recommendation.path[: -Page.steplen]].append(item)

    form = RegisterFilterForm(
        request.GET or None,
        years=sorted({a.start_date.year for a in activities}, reverse=True),
        bodies=sorted({a.supervising_body for a in activities}, key=lambda a: a.name),
        kinds=ActivityKind.objects.all(),
        agencies=sorted({i.recommendation.addressed_to for i in items}, key=lambda a: a.name),
    )
    filters = form.cleaned_data if form.is_valid() else {}
    query = (filters.get("q") or "").strip()
    rows = []
    for activity in activities:
        own = by_activity.get(activity.path, [])
        if filters.get("year") and activity.start_date.year != filters["year"]:
            continue
        if filters.get("body") and activity.supervising_body.code != filters["body"]:
            continue
        if filters.get("kind") and str(activity.kind_id) != filters["kind"]:
            continue
        shown = own
        if filters.get("agency"):
            shown = [i for i in shown if i.recommendation.addressed_to.code == filters["agency"]]
        if filters.get("status"):
            shown = [i for i in shown if _status_matches(i.state, filters["status"])]
        if (filters.get("agency") or filters.get("status")) and not shown:
            continue
        if query:
            activity_text = (activity.title, activity.summary, activity.supervising_body.name)
            if not selectors.text_matches(query, *activity_text):
                shown = [
                    i
                    for i in shown
                    if selectors.text_matches(
                        query, i.recommendation.text, i.recommendation.addressed_to.name
                    )
                ]
                if not shown:
                    continue
        rows.append({"activity": activity, "items": shown, "all_count": len(own)})
    page = Paginator(rows, REGISTER_PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return {
        "form": form,
        "rows": page,
        "query_string": params.urlencode(),
        "filtered": any(filters.values()) if filters else False,
        "totals": _totals(items),
        "today": today,
    }


def activity_context(activity: ActivityPage, request) -> dict:
    today = timezone.localdate()
    items = selectors.items_for(
        RecommendationPage.objects.child_of(activity)
        .live()
        .select_related("addressed_to")
        .order_by("number"),
        today,
    )
    recommendations = {i.recommendation.pk: i.recommendation for i in items}
    events = []
    for item in items:
        limit = item.recommendation.events_through
        if limit is None:
            continue
        events.extend(
            item.recommendation.events.filter(pk__lte=limit).select_related("source_document")
        )
    corrected = {e.corrects_id: e for e in events if e.corrects_id}
    for event in events:
        event.recommendation = recommendations[event.recommendation_id]
        event.corrected_by = corrected.get(event.pk)
    events.sort(key=lambda e: (e.occurred_on, e.pk), reverse=True)
    return {
        "items": items,
        "timeline": events,
        "totals": _totals(items),
        "checklist": activity.checklist(today),
        "related_documents": [
            d for d in activity.documents.select_related("document") if d.role == "related"
        ],
        "members": activity.members.all(),
        "units": activity.supervised_units.all(),
        "articles": [
            a.article for a in activity.articles.select_related("article") if a.article.live
        ],
        "index": activity.get_parent().specific,
        "today": today,
    }


def recommendation_context(recommendation: RecommendationPage, request) -> dict:
    events = list(recommendation.public_events().select_related("source_document", "corrects"))
    corrected = {e.corrects_id: e for e in events if e.corrects_id}
    for event in events:
        event.corrected_by = corrected.get(event.pk)
    state = recommendation.state(events=events)
    activity = recommendation.get_parent().specific
    return {
        "state": state,
        "events": events,
        "activity": activity,
        "index": activity.get_parent().specific,
    }


def agency_scorecard(request, index: OversightIndexPage, code: str):
    agency = agency_by_code(code)
    if agency is None:
        raise Http404("Không có cơ quan, đơn vị này trong sổ theo dõi.")
    card, items = selectors.agency_scorecard(agency)
    return TemplateResponse(
        request,
        "oversight/agency_scorecard.html",
        {
            "page": index,
            "index": index,
            "agency": agency,
            "scorecard": card,
            "items": items,
            "activities": selectors.live_activities()
            .child_of(index)
            .filter(supervised_units=agency)
            .order_by("-start_date"),
            "feed_url": index.url + index.reverse_subpage("agency_feed", args=[agency.code]),
        },
    )


def overdue_list(request, index: OversightIndexPage):
    return TemplateResponse(
        request,
        "oversight/overdue_list.html",
        {"page": index, "index": index, "items": selectors.overdue_items()},
    )


# --- admin -----------------------------------------------------------------------------


def record_event(request, page_id: int):
    """Admin: append an event to a recommendation's log (then it goes for review)."""
    recommendation = get_object_or_404(RecommendationPage, pk=page_id)
    if not recommendation.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    form = RecommendationEventForm(request.POST or None, recommendation=recommendation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        recommendation_event_record(
            recommendation=recommendation,
            kind=data["kind"],
            occurred_on=data["occurred_on"],
            user=request.user,
            note=data.get("note") or "",
            response_status=data.get("response_status") or "",
            implementation_status=data.get("implementation_status") or "",
            target_date=data.get("target_date"),
            new_due_date=data.get("new_due_date"),
            source_document=data.get("source_document"),
            corrects=data.get("corrects"),
            submit=data.get("submit_for_review", False),
        )
        messages.success(
            request,
            "Đã ghi sự kiện"
            + (
                " và gửi duyệt."
                if data.get("submit_for_review")
                else ". Sự kiện sẽ hiện công khai sau khi được duyệt."
            ),
        )
        return redirect("oversight_admin:record_event", page_id=recommendation.pk)
    events = list(recommendation.events.chronological().select_related("source_document"))
    live = recommendation.events_through if recommendation.live else None
    for event in events:
        event.is_public = live is not None and event.pk <= live
    draft = recommendation.get_latest_revision_as_object()
    return render(
        request,
        "oversight/admin/record_event.html",
        {
            "recommendation": recommendation,
            "form": form,
            "events": events,
            "state": draft.state(),
            "edit_url": reverse("wagtailadmin_pages:edit", args=[recommendation.pk]),
        },
    )


def activity_from_article(request, page_id: int):
    """Admin: start a draft activity pre-filled from an article."""
    from portal.news.models import ArticlePage

    article = get_object_or_404(ArticlePage, pk=page_id)
    index = OversightIndexPage.objects.first()
    if index is None:
        messages.error(request, "Chưa có trang “Sổ theo dõi giám sát”; hãy tạo trang này trước.")
        return redirect("wagtailadmin_pages:edit", article.pk)
    if not index.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    initial = {
        "index": index,
        "kind": ActivityKind.objects.first(),
        "supervising_body": Agency.objects.active().filter(kind=Agency.KIND_COUNCIL).first(),
    }
    form = ActivityFromArticleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        activity = activity_draft_from_article(
            article=article,
            index=form.cleaned_data["index"],
            kind=form.cleaned_data["kind"],
            supervising_body=form.cleaned_data["supervising_body"],
            user=request.user,
        )
        messages.success(
            request,
            "Đã tạo bản nháp hoạt động giám sát từ tin bài. Hãy bổ sung và thêm kiến nghị.",
        )
        return redirect("wagtailadmin_pages:edit", activity.pk)
    return render(
        request,
        "oversight/admin/activity_from_article.html",
        {"article": article, "form": form},
    )
