"""Public pages: the list, a petition, statistics. Anonymous pages are the same for everyone."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render

from .forms import PetitionFilterForm
from .models import Petition
from .selectors import deadline_context, deadlines_for, petitions_for_stats, stats_by, today

PAGE_SIZE = 20


def petition_list(request):
    form = PetitionFilterForm(request.GET or None)
    petitions = petitions_for_stats(form.filter(Petition.objects.public())).prefetch_related(
        "meetings"
    )
    on = today()
    context = deadline_context(on)
    if form.wants_overdue:
        # Overdue is derived from dates and working days, so it is filtered here, not in SQL.
        rows = [(p, d) for p in petitions if (d := deadlines_for(p, on=on, **context)).overdue]
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        count = len(rows)
    else:
        page = Paginator(petitions, PAGE_SIZE).get_page(request.GET.get("page"))
        count = page.paginator.count
        page.object_list = [(p, deadlines_for(p, on=on, **context)) for p in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "petitions/petition_list.html",
        {"form": form, "page_obj": page, "count": count, "query": query.urlencode()},
    )


def petition_detail(request, pk: int):
    petition = get_object_or_404(
        Petition.objects.select_related("field", "agency", "merged_into"), pk=pk
    )
    if petition.merged_into_id:
        target = petition.merged_into
        while target.merged_into_id:  # bounded by the number of petitions; merges flatten chains
            target = target.merged_into
        return redirect(target, permanent=True)
    meetings = (
        petition.meetings.select_related("locality", "locality__province")
        .prefetch_related("deputies")
        .order_by("held_on")
    )
    answers = petition.answers.prefetch_related("feedback__deputy").select_related("document")
    feedback = [f for a in answers for f in a.feedback.all()]
    return render(
        request,
        "petitions/petition_detail.html",
        {
            "petition": petition,
            "meetings": meetings,
            "answers": answers,
            "latest_answer": answers.last() if answers else None,
            "events": petition.events.order_by("occurred_on", "pk"),
            "sources": petition.sources.select_related("document"),
            "merged_from": petition.merged_from.order_by("pk"),
            "deadlines": deadlines_for(petition),
            "feedback_good": sum(1 for f in feedback if f.satisfactory),
            "feedback_count": len(feedback),
        },
    )


def petition_stats(request):
    stats = stats_by(petitions_for_stats())
    return render(request, "petitions/petition_stats.html", {"stats": stats, "today": today()})
