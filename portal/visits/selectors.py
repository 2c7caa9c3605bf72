"""Reads of visit statistics: the total, who is online, page views, most read, visits per day."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from portal.news.models import ArticlePage

from .buffer import ONLINE_WINDOW, get_buffer
from .models import DailyVisits, PageViewCount, RecentVisitor, VisitTotal

__all__ = [
    "DayStat",
    "daily_visits",
    "most_read",
    "online_count",
    "page_views",
    "total_visits",
    "visitor_state",
]


@dataclass(frozen=True)
class DayStat:
    date: datetime.date
    visits: int
    page_views: int


def total_visits() -> int:
    """The "Thống kê" figure: the stored total plus visits still waiting in a shared buffer."""
    stored = VisitTotal.objects.filter(pk=VisitTotal.SINGLETON_ID).values_list("total", flat=True)
    return (stored.first() or 0) + get_buffer().pending_visits()


def online_count(now: datetime.datetime | None = None) -> int | None:
    """Distinct visitors with a page view in the last five minutes; None while unknowable."""
    now = now or timezone.now()
    buffer = get_buffer()
    if buffer.shared:
        return buffer.online_count(now)  # None while Redis is down: the box shows "—"
    return RecentVisitor.objects.filter(
        last_seen__gte=now - ONLINE_WINDOW, counts_online=True
    ).count()


def page_views(page_id: int) -> int:
    """Views of one page: stored plus buffered (this process's, or the shared buffer's)."""
    stored = PageViewCount.objects.filter(page_id=page_id).values_list("views", flat=True)
    return (stored.first() or 0) + get_buffer().pending_page_views(page_id)


def most_read(limit: int = 5):
    """Published articles with the most views ("Tin đọc nhiều")."""
    return (
        ArticlePage.objects.published()
        .filter(view_count__views__gt=0)
        .order_by("-view_count__views", "-first_published_at")
        .select_related("view_count")[:limit]
    )


def daily_visits(days: int = 30, today: datetime.date | None = None) -> list[DayStat]:
    """One entry per day of the last `days` days, oldest first; days without data are zero."""
    today = today or timezone.localdate()
    first = today - datetime.timedelta(days=days - 1)
    stored = {row.date: row for row in DailyVisits.objects.between(first, today)}
    result = []
    for offset in range(days):
        day = first + datetime.timedelta(days=offset)
        row = stored.get(day)
        result.append(
            DayStat(day, row.visits if row else 0, row.page_views if row else 0),
        )
    return result


def visitor_state(request, params) -> dict:
    """For /ca-nhan/: the live "Thống kê"/"Online" figures and, with ?bai-viet=ID, its views."""
    from django.utils.formats import number_format

    state = {
        "total_display": number_format(total_visits(), force_grouping=True),
        "online_display": number_format(online_count(), force_grouping=True),
    }
    try:
        article_id = int(params.get("bai-viet", ""))
    except ValueError:
        article_id = 0
    if 0 < article_id < 2**63:
        state["views_display"] = number_format(page_views(article_id), force_grouping=True)
    return {"visits": state}
